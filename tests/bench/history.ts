import { performance } from 'node:perf_hooks';
import type { Colleague, Presence } from '../../electron/shared/domain.js';
import {
  fileOfDay,
  PresenceJournal,
  type JournalFiles,
} from '../../electron/core/history/journal.js';
import { colleague } from '../support/colleague.js';
import { bytes, fmt, ms, ratio, type BenchRow, type BenchSection } from './report.js';
import { median, seededRandom } from './stats.js';

/**
 * The presence history (issue 12): journal writes per poll, disk use per day, drawing one
 * person's 7 days, and what loading a week of history adds to start-up.
 *
 * A synthetic office, seeded: everyone arrives between 8:00 and 10:30, steps away 0-3 times
 * (away, then back), leaves 7.5-9.5 h later; 30 s polls for a whole day, recorded through the
 * real PresenceJournal into an in-memory folder (the disk's own speed is not the journal's).
 * The week is that day's file written for 7 dates. Naive comparators, same run: a journal that
 * writes every person's state on every poll (a snapshot per poll), for disk use; and a
 * timeline that scans every line with JSON.parse, for drawing.
 */
const POLL_MS = 30_000;
const DAY_MS = 86_400_000;
const START = Date.UTC(2026, 10, 30); // a Monday, UTC midnight
const utcDay = (at: number): string => new Date(at).toISOString().slice(0, 10);

function memoryFolder(): {
  port: JournalFiles;
  files: Map<string, string>;
  appends: { count: number };
} {
  const files = new Map<string, string>();
  const appends = { count: 0 };
  const port: JournalFiles = {
    list: () => [...files.keys()],
    read: (name) => files.get(name) ?? null,
    append: (name, text) => {
      appends.count += 1;
      files.set(name, (files.get(name) ?? '') + text);
    },
    write: (name, text) => void files.set(name, text),
    remove: (name) => void files.delete(name),
    rename: (from, to) => {
      files.set(to, files.get(from) ?? '');
      files.delete(from);
    },
  };
  return { port, files, appends };
}

/** Each person's day as a list of [minute, presence] changes. */
function schedules(size: number): [number, Presence][][] {
  const random = seededRandom(size);
  return Array.from({ length: size }, () => {
    const arrive = 480 + Math.floor(random() * 150);
    const leave = arrive + 450 + Math.floor(random() * 120);
    const changes: [number, Presence][] = [[arrive, 'online']];
    let at = arrive;
    for (let k = Math.floor(random() * 4); k > 0 && at < leave - 60; k--) {
      at += 30 + Math.floor(random() * 120);
      if (at >= leave - 20) break;
      changes.push([at, 'idle'], [at + 5 + Math.floor(random() * 30), 'online']);
      at += 40;
    }
    changes.push([leave, 'offline']);
    return changes.filter(([minute]) => minute < 1440);
  });
}

function recordDay(size: number): {
  journal: PresenceJournal;
  files: Map<string, string>;
  appendsPerPoll: number;
  polls: number;
  naiveBytes: number;
} {
  const { port, files, appends } = memoryFolder();
  const journal = new PresenceJournal({ files: port, retentionDays: () => 7, localDay: utcDay });
  const plans = schedules(size);
  const people: Colleague[] = plans.map((_, index) =>
    colleague(index + 1, { presence: 'offline' }),
  );
  const next = plans.map(() => 0);
  const polls = DAY_MS / POLL_MS;
  let naiveBytes = 0;
  for (let poll = 0; poll < polls; poll++) {
    const at = START + poll * POLL_MS;
    const minute = (poll * POLL_MS) / 60_000;
    for (let index = 0; index < size; index++) {
      const plan = plans[index] as [number, Presence][];
      while (
        (next[index] as number) < plan.length &&
        (plan[next[index] as number] as [number, Presence])[0] <= minute
      ) {
        people[index] = {
          ...(people[index] as Colleague),
          presence: (plan[next[index] as number] as [number, Presence])[1],
        };
        next[index] = (next[index] as number) + 1;
      }
    }
    journal.record(at, people, poll === 0);
    // The naive journal: everyone's state, every poll.
    naiveBytes +=
      JSON.stringify({ at, all: Object.fromEntries(people.map((c) => [c.id, c.presence])) })
        .length + 1;
  }
  return { journal, files, appendsPerPoll: appends.count / polls, polls, naiveBytes };
}

function weekFolder(dayText: string): { port: JournalFiles } {
  const { port, files } = memoryFolder();
  for (let day = 0; day < 7; day++) {
    const shifted = dayText.replace(
      /"at":(\d+)/g,
      (_, at: string) => `"at":${Number(at) + day * DAY_MS}`,
    );
    files.set(fileOfDay(utcDay(START + day * DAY_MS)), shifted);
  }
  return { port };
}

/** The naive timeline: parse every line again and scan it. */
function naiveTimeline(texts: readonly string[], id: number): number {
  let segments = 0;
  let state: string | null = null;
  for (const text of texts) {
    for (const row of text.split('\n')) {
      if (row === '') continue;
      const line = JSON.parse(row) as {
        base?: Record<string, string>;
        ch?: Record<string, string>;
      };
      const next: string | null = line.base
        ? (line.base[id] ?? 'offline')
        : (line.ch?.[id] ?? state);
      if (next !== state) segments += 1;
      state = next;
    }
  }
  return segments;
}

export async function benchHistory(): Promise<BenchSection> {
  const rows: BenchRow[] = [];
  for (const size of [40, 5000]) {
    const day = recordDay(size);
    const dayText = [...day.files.values()].join('');
    const diskPerDay = Buffer.byteLength(dayText);
    rows.push({
      id: `history-disk-${size}`,
      what: 'history: disk use per day',
      size: `${fmt(size)} people, 30 s polls`,
      measured: `${bytes(diskPerDay)}; ${fmt(day.appendsPerPoll, 2)} write${day.appendsPerPoll === 1 ? '' : 's'} per poll`,
      naive: `${bytes(day.naiveBytes)} (everyone every poll)`,
      ratio: ratio(diskPerDay, day.naiveBytes),
      target: '≤ 1 write per poll',
      pass: day.appendsPerPoll <= 1,
      data: {
        size,
        diskPerDayBytes: diskPerDay,
        writesPerPoll: day.appendsPerPoll,
        polls: day.polls,
        naiveBytes: day.naiveBytes,
      },
    });
    if (size !== 5000) continue;

    // Start-up: loading a week at 5,000 people.
    const loads: number[] = [];
    let journal: PresenceJournal | null = null;
    for (let run = 0; run < 5; run++) {
      const { port } = weekFolder(dayText);
      const loaded = new PresenceJournal({ files: port, retentionDays: () => 7, localDay: utcDay });
      const started = performance.now();
      loaded.load(START + 6 * DAY_MS + 12 * 3_600_000);
      loads.push(performance.now() - started);
      journal = loaded;
    }
    const weekBytes = diskPerDay * 7;
    rows.push({
      id: 'history-load-5000',
      what: 'history: start-up added by loading 7 days',
      size: `5,000 people (${bytes(weekBytes)})`,
      measured: ms(median(loads)),
      naive: '—',
      ratio: '—',
      target: 'reported',
      pass: null,
      data: { medianMs: median(loads), runs: loads, weekBytes, lines: journal?.size ?? 0 },
    });

    // Drawing one person's 7 days.
    const loaded = journal as PresenceJournal;
    const from = START;
    const to = START + 7 * DAY_MS;
    const draws: number[] = [];
    for (let run = 0; run < 50; run++) {
      const id = 1 + ((run * 97) % 5000);
      const started = performance.now();
      loaded.timeline(id, from, to, 2 * POLL_MS);
      draws.push(performance.now() - started);
    }
    const texts = Array.from({ length: 7 }, () => dayText);
    const naive: number[] = [];
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      naiveTimeline(texts, 1 + run);
      naive.push(performance.now() - started);
    }
    rows.push({
      id: 'history-draw-7d',
      what: "history: one person's 7 days as segments",
      size: '5,000 people',
      measured: ms(median(draws)),
      naive: `${ms(median(naive))} (re-parse the files)`,
      ratio: ratio(median(draws), median(naive)),
      target: '< 5 ms',
      pass: median(draws) < 5,
      data: { medianMs: median(draws), naiveMedianMs: median(naive) },
    });
  }
  return { name: 'history', rows };
}
