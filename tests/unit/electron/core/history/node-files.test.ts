import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileOfDay, PresenceJournal } from '../../../../../electron/core/history/journal.js';
import {
  historyFolders,
  nodeJournalFiles,
} from '../../../../../electron/core/history/node-files.js';
import { colleague } from '../../../../support/colleague.js';

const START = Date.UTC(2026, 11, 2, 9, 0);
const utcDay = (at: number) => new Date(at).toISOString().slice(0, 10);

describe('the history on disk', () => {
  it('survives a kill mid-write: the torn line goes, the rest and later polls stay', () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'b24-history-')), 'portal');
    const files = nodeJournalFiles(folder);
    const first = new PresenceJournal({ files, retentionDays: () => 7, localDay: utcDay });
    first.record(START, [colleague(1, { presence: 'online' })], true);
    first.record(START + 30_000, [colleague(1, { presence: 'idle' })], false);
    const path = join(folder, fileOfDay('2026-12-02'));
    // The process dies halfway through the next append.
    writeFileSync(path, `${readFileSync(path, 'utf8')}{"at":${START + 60_000},"ch":{"1":"of`);
    expect(statSync(path).mode & 0o777).toBe(0o600);

    const second = new PresenceJournal({ files, retentionDays: () => 7, localDay: utcDay });
    expect(second.load(START + 90_000)).toEqual([expect.stringMatching(/lost its last entry/)]);
    second.record(START + 90_000, [colleague(1, { presence: 'online' })], true);
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { at: number }).at)).toEqual([
      START,
      START + 30_000,
      START + 90_000,
    ]);
    expect(readdirSync(folder).sort()).toEqual([fileOfDay('2026-12-02')]);
  });

  it('sets aside a day file over its size limit without reading it, and keeps recording', () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'b24-history-')), 'portal');
    const files = nodeJournalFiles(folder);
    new PresenceJournal({ files, retentionDays: () => 7, localDay: utcDay }).record(
      START,
      [colleague(1, { presence: 'online' })],
      true,
    );
    const path = join(folder, fileOfDay(utcDay(START)));
    truncateSync(path, 600 * 1024 * 1024); // sparse: no disk used; too long for any string
    const journal = new PresenceJournal({ files, retentionDays: () => 7, localDay: utcDay });
    expect(journal.load(START + 60_000)).toEqual([
      expect.stringMatching(
        /is 600 MB, over the 64 MB a history file can be and was set aside as .*\.corrupt-/,
      ),
    ]);
    journal.record(START + 60_000, [colleague(1, { presence: 'idle' })], true);
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(1);
    expect(readdirSync(folder).filter((name) => name.includes('.corrupt-'))).toHaveLength(1);
  });

  it('keeps each portal in its own folder with a safe name', () => {
    const root = mkdtempSync(join(tmpdir(), 'b24-history-'));
    const folder = historyFolders(root);
    folder('team.bitrix24.com-7').append('a', 'x\n');
    folder('../../etc').append('a', 'y\n');
    folder('..').append('a', 'z\n');
    expect(readdirSync(root).sort()).toEqual(['_', '__.._etc', 'team.bitrix24.com-7']);
  });
});

describe('the history in memory', () => {
  it('behaves as the folder does, one per key', async () => {
    const { memoryHistoryFolders } =
      await import('../../../../../electron/core/history/memory-files.js');
    const folders = memoryHistoryFolders();
    const journal = new PresenceJournal({
      files: folders('demo'),
      retentionDays: () => 7,
      localDay: utcDay,
    });
    journal.record(START, [colleague(1, { presence: 'online' })], true);
    expect(folders('demo').list()).toEqual([fileOfDay('2026-12-02')]);
    expect(folders('other').list()).toEqual([]);
    const again = new PresenceJournal({
      files: folders('demo'),
      retentionDays: () => 7,
      localDay: utcDay,
    });
    expect(again.load(START + 1000)).toEqual([]);
    expect(again.timeline(1, START, START + 1000, 60_000)).toEqual([
      { from: START, to: START + 1000, state: 'online' },
    ]);
  });
});
