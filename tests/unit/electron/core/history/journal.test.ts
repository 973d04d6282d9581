import { describe, expect, it } from 'vitest';
import type { Colleague, Presence } from '../../../../../electron/shared/domain.js';
import {
  fileOfDay,
  PresenceJournal,
  type JournalFiles,
} from '../../../../../electron/core/history/journal.js';
import { colleague } from '../../../../support/colleague.js';

const DAY = 86_400_000;
const START = Date.UTC(2026, 11, 2, 9, 0); // a Wednesday morning, UTC
const POLL = 30_000;
const STALE = 2 * POLL;
const utcDay = (at: number) => new Date(at).toISOString().slice(0, 10);

/** The history folder in memory, counting writes. */
function memoryFiles(initial: Record<string, string> = {}) {
  const files = new Map(Object.entries(initial));
  const writes: string[] = [];
  const port: JournalFiles = {
    list: () => [...files.keys()],
    read: (name) => files.get(name) ?? null,
    append: (name, text) => {
      writes.push(`append ${name}`);
      files.set(name, (files.get(name) ?? '') + text);
    },
    write: (name, text) => {
      writes.push(`write ${name}`);
      files.set(name, text);
    },
    remove: (name) => void files.delete(name),
    rename: (from, to) => {
      files.set(to, files.get(from) ?? '');
      files.delete(from);
    },
  };
  return { port, files, writes };
}

function journal(files: JournalFiles, retentionDays = 7) {
  return new PresenceJournal({ files, retentionDays: () => retentionDays, localDay: utcDay });
}

const team = (states: Record<number, Presence>): Colleague[] =>
  Object.entries(states).map(([id, presence]) => colleague(Number(id), { presence }));

describe('PresenceJournal', () => {
  it("writes at most one line per poll and replays a person's day as segments", () => {
    const { port, writes } = memoryFiles();
    const history = journal(port);
    history.record(START, team({ 1: 'online', 2: 'offline' }), true);
    history.record(START + POLL, team({ 1: 'online', 2: 'offline' }), false);
    history.record(START + 2 * POLL, team({ 1: 'idle', 2: 'mobile' }), false);
    history.record(START + 3 * POLL, team({ 1: 'offline', 2: 'online' }), false);
    expect(writes).toEqual(Array(4).fill(`append ${fileOfDay('2026-12-02')}`));
    expect(history.timeline(1, START - POLL, START + 4 * POLL, STALE)).toEqual([
      { from: START - POLL, to: START, state: 'unknown' },
      { from: START, to: START + 2 * POLL, state: 'online' },
      { from: START + 2 * POLL, to: START + 3 * POLL, state: 'idle' },
      { from: START + 3 * POLL, to: START + 4 * POLL, state: 'offline' },
    ]);
    // Mobile is online here: only what the messenger shows.
    expect(history.timeline(2, START, START + 4 * POLL, STALE)).toEqual([
      { from: START, to: START + 2 * POLL, state: 'offline' },
      { from: START + 2 * POLL, to: START + 4 * POLL, state: 'online' },
    ]);
  });

  it('draws the time it did not see as unknown, never as offline', () => {
    const { port } = memoryFiles();
    const history = journal(port);
    history.record(START, team({ 1: 'online' }), true);
    history.record(START + POLL, team({ 1: 'online' }), false);
    // The laptop slept for an hour; the refresh after it is a fresh baseline.
    history.record(START + POLL + 3_600_000, team({ 1: 'online' }), true);
    expect(history.timeline(1, START, START + 2 * 3_600_000, STALE)).toEqual([
      { from: START, to: START + POLL + STALE, state: 'online' },
      { from: START + POLL + STALE, to: START + POLL + 3_600_000, state: 'unknown' },
      { from: START + POLL + 3_600_000, to: START + POLL + 3_600_000 + STALE, state: 'online' },
      { from: START + POLL + 3_600_000 + STALE, to: START + 2 * 3_600_000, state: 'unknown' },
    ]);
  });

  it('reads back what it wrote after a restart, one file per day', () => {
    const { port, files } = memoryFiles();
    const before = journal(port);
    before.record(START, team({ 1: 'online' }), true);
    before.record(START + DAY, team({ 1: 'idle' }), false); // a new day opens with a whole picture
    expect([...files.keys()].sort()).toEqual([fileOfDay('2026-12-02'), fileOfDay('2026-12-03')]);
    expect(files.get(fileOfDay('2026-12-03'))).toBe(`{"at":${START + DAY},"base":{"1":"idle"}}\n`);
    const after = journal(port);
    expect(after.load(START + DAY)).toEqual([]);
    expect(after.timeline(1, START + DAY, START + DAY + POLL, STALE)).toEqual([
      { from: START + DAY, to: START + DAY + POLL, state: 'idle' },
    ]);
  });

  it('drops a torn last line (killed while writing) and keeps the rest', () => {
    const name = fileOfDay('2026-12-02');
    const { port, files } = memoryFiles({
      [name]: `{"at":${START},"base":{"1":"online"}}\n{"at":${START + POLL},"ch":{"1":"of`,
    });
    const history = journal(port);
    const problems = history.load(START + POLL);
    expect(problems).toEqual([expect.stringMatching(/lost its last entry/)]);
    expect(files.get(name)).toBe(`{"at":${START},"base":{"1":"online"}}\n`);
    expect(history.size).toBe(1);
    // The next append starts on a clean line.
    history.record(START + 2 * POLL, team({ 1: 'idle' }), true);
    expect(
      files
        .get(name)
        ?.split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as unknown),
    ).toHaveLength(2);
  });

  it('sets a corrupt file aside with a clear message and reads the other days', () => {
    const bad = fileOfDay('2026-12-01');
    const good = fileOfDay('2026-12-02');
    const { port, files } = memoryFiles({
      [bad]: `not json\n{"at":${START - DAY},"base":{}}\n`,
      [good]: `{"at":${START},"base":{"1":"online"}}\n`,
    });
    const history = journal(port);
    const problems = history.load(START);
    expect(problems).toEqual([
      expect.stringMatching(
        /could not be read and was set aside as presence-2026-12-01\.ndjson\.corrupt-/,
      ),
    ]);
    expect([...files.keys()].some((key) => key.startsWith(`${bad}.corrupt-`))).toBe(true);
    expect(files.has(bad)).toBe(false);
    expect(history.timeline(1, START, START + POLL, STALE)).toEqual([
      { from: START, to: START + POLL, state: 'online' },
    ]);
  });

  it.each([
    ['an unknown state', '{"at":5,"ch":{"1":"dnd"}}'],
    ['both kinds at once', '{"at":5,"ch":{},"base":{}}'],
    ['a negative time', '{"at":-5,"ch":{}}'],
    ['a bad id', '{"at":5,"ch":{"x":"online"}}'],
    ['a list', '[1,2]'],
  ])('refuses %s as a line', (_name, line) => {
    const name = fileOfDay('2026-12-02');
    const { port } = memoryFiles({ [name]: `${line}\n{"at":${START},"base":{}}\n` });
    expect(journal(port).load(START)).toEqual([expect.stringMatching(/set aside/)]);
  });

  it('keeps only the retention window, records nothing at 0, and forgets at once', () => {
    const { port, files } = memoryFiles({
      [fileOfDay('2026-11-20')]: `{"at":${START - 12 * DAY},"base":{}}\n`,
      [fileOfDay('2026-11-26')]: `{"at":${START - 6 * DAY},"base":{}}\n`,
      'notes.txt': 'not ours',
    });
    let retention = 7;
    const history = new PresenceJournal({
      files: port,
      retentionDays: () => retention,
      localDay: utcDay,
    });
    history.load(START);
    expect([...files.keys()].sort()).toEqual(['notes.txt', fileOfDay('2026-11-26')]);
    history.record(START, team({ 1: 'online' }), true);
    history.forget();
    expect([...files.keys()]).toEqual(['notes.txt']);
    expect(history.timeline(1, START, START + POLL, STALE)).toEqual([
      { from: START, to: START + POLL, state: 'unknown' },
    ]);
    retention = 0;
    expect(history.record(START + POLL, team({ 1: 'online' }), false)).toBe(0);
    expect([...files.keys()]).toEqual(['notes.txt']);
  });
});
