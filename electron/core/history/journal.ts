import type { Colleague, Presence } from '../../shared/domain.js';
import { FILE_LIMIT_BYTES, FileTooLarge } from '../bounded-read.js';
import type { TimelineSegment } from '../../shared/timeline.js';
import { DAY_MS } from '../../shared/time-units.js';

/*
 * Each colleague's presence over the last days, kept only on this machine, for the timeline.
 *
 * Storage: one append-only NDJSON file per local day (`presence-YYYY-MM-DD.ndjson`), at most one
 * line per poll, written with one append: a kill during a write loses at most that poll (the
 * torn line is dropped when the file is read again). A day's file opens with a `base` line
 * (everyone who is not offline); later lines carry only changes (`ch`, possibly empty: "still
 * watching"). Time without lines, or between lines further apart than the staleness limit, is
 * unknown: the app was not running, the machine slept, or the data was stale. Retention is by
 * whole files; "forget" deletes them all. A file that cannot be read is set aside, never
 * crashed on.
 *
 * Only what the messenger shows is kept: online, idle ("away"), offline — mobile counts as
 * online, and nothing else about a person is written.
 */
export type Shown = Exclude<Presence, 'mobile'>;

/** The history folder, as a port: the shell gives the real one, tests a map. */
export interface JournalFiles {
  /** File names in the folder (not paths). */
  list(): string[];
  /** The file's text; null when it does not exist; FileTooLarge, unread, when over `limit` bytes. */
  read(name: string, limit: number): string | null | FileTooLarge;
  append(name: string, text: string): void;
  /** Replaces a file whole (atomically where the platform allows). */
  write(name: string, text: string): void;
  remove(name: string): void;
  rename(from: string, to: string): void;
}

function asideName(name: string, now: number): string {
  return `${name}.corrupt-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
}

export interface JournalOptions {
  readonly files: JournalFiles;
  /** Days of history kept, today included; 0 keeps none and records nothing. */
  readonly retentionDays: () => number;
  /** The local calendar day (YYYY-MM-DD) of an instant; defaults to the machine's zone. */
  readonly localDay?: (at: number) => string;
}

interface Line {
  readonly at: number;
  /** Full picture (id → presence) of everyone not offline, or only the changes. */
  readonly base: boolean;
  readonly states: ReadonlyMap<number, Shown>;
}

/** What `timeline` returns: the shape the panel draws (electron/shared/timeline.ts). */
export type Segment = TimelineSegment;

const FILE = /^presence-(\d{4}-\d{2}-\d{2})\.ndjson$/;
const SHOWN: ReadonlySet<string> = new Set<Shown>(['online', 'idle', 'offline']);

export const fileOfDay = (day: string): string => `presence-${day}.ndjson`;

function machineDay(at: number): string {
  const date = new Date(at);
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function shownOf(presence: Presence): Shown {
  return presence === 'mobile' ? 'online' : presence;
}

/** One line's text → Line, or null when it is not a line this journal writes. */
function parseLine(text: string): Line | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { at, base, ch } = value as { at?: unknown; base?: unknown; ch?: unknown };
  if (typeof at !== 'number' || !Number.isSafeInteger(at) || at < 0) return null;
  const map = base ?? ch;
  if (
    (base === undefined) === (ch === undefined) ||
    typeof map !== 'object' ||
    map === null ||
    Array.isArray(map)
  )
    return null;
  const states = new Map<number, Shown>();
  for (const [key, state] of Object.entries(map)) {
    const id = Number(key);
    if (!Number.isSafeInteger(id) || id <= 0 || typeof state !== 'string' || !SHOWN.has(state))
      return null;
    states.set(id, state as Shown);
  }
  return { at, base: base !== undefined, states };
}

export class PresenceJournal {
  private lines: Line[] = [];
  /** What the last written line leaves each person at (absent: offline), and its day. */
  private last: {
    readonly day: string;
    readonly at: number;
    readonly states: Map<number, Shown>;
  } | null = null;
  private readonly localDay: (at: number) => string;

  constructor(private readonly options: JournalOptions) {
    this.localDay = options.localDay ?? machineDay;
  }

  /**
   * Reads what is on disk. Returns user-facing sentences for files that had to be set aside
   * (nothing is lost: the original is kept next to it) or repaired (a torn last line).
   */
  load(now: number): string[] {
    const problems: string[] = [];
    this.lines = [];
    this.last = null;
    this.prune(now);
    for (const name of this.dayFiles()) {
      const text = this.options.files.read(name, FILE_LIMIT_BYTES.historyDay) ?? '';
      if (text instanceof FileTooLarge) {
        const aside = asideName(name, now);
        this.options.files.rename(name, aside);
        problems.push(
          `The presence history of ${name.slice(9, 19)} is ${text.describe('history')} and was set aside as ${aside}.`,
        );
        continue;
      }
      const rows = text.split('\n');
      if (rows.at(-1) === '') rows.pop();
      const parsed: Line[] = [];
      let bad = -1;
      for (let index = 0; index < rows.length; index++) {
        const line = parseLine(rows[index] as string);
        if (line === null || (parsed.length > 0 && line.at < (parsed.at(-1) as Line).at)) {
          bad = index;
          break;
        }
        parsed.push(line);
      }
      if (bad === rows.length - 1 && bad >= 0) {
        // A kill while appending leaves a torn last line: drop it, keep the rest.
        this.options.files.write(
          name,
          rows
            .slice(0, bad)
            .map((row) => `${row}\n`)
            .join(''),
        );
        problems.push(
          `The presence history of ${name.slice(9, 19)} lost its last entry (the app was stopped while writing it).`,
        );
      } else if (bad >= 0) {
        const aside = asideName(name, now);
        this.options.files.rename(name, aside);
        problems.push(
          `The presence history of ${name.slice(9, 19)} could not be read and was set aside as ${aside}.`,
        );
        continue;
      }
      this.lines.push(...parsed);
    }
    this.lines.sort((a, b) => a.at - b.at);
    return problems;
  }

  /**
   * Records one successful refresh: at most one appended line. `fresh` says the picture does not
   * follow the last recorded one (start, wake, outage: a silent baseline), so it is written whole.
   * Returns the bytes written (0 when history is off).
   */
  record(at: number, colleagues: readonly Colleague[], fresh: boolean): number {
    if (this.options.retentionDays() <= 0) return 0;
    const day = this.localDay(at);
    const states = new Map<number, Shown>();
    for (const colleague of colleagues) {
      const shown = shownOf(colleague.presence);
      if (shown !== 'offline') states.set(colleague.id, shown);
    }
    if (this.last !== null && this.last.day !== day) this.prune(at);
    const whole = fresh || this.last === null || this.last.day !== day || at < this.last.at;
    let line: Line;
    if (whole) {
      line = { at, base: true, states };
    } else {
      const previous = (this.last as { states: Map<number, Shown> }).states;
      const changes = new Map<number, Shown>();
      for (const [id, state] of states) if (previous.get(id) !== state) changes.set(id, state);
      for (const id of previous.keys()) if (!states.has(id)) changes.set(id, 'offline');
      line = { at, base: false, states: changes };
    }
    const text = `${JSON.stringify({ at, [line.base ? 'base' : 'ch']: Object.fromEntries(line.states) })}\n`;
    this.options.files.append(fileOfDay(day), text);
    this.lines.push(line);
    this.last = { day, at, states };
    return new TextEncoder().encode(text).length;
  }

  /** Deletes every day's file and what is in memory: "Forget history". */
  forget(): void {
    for (const name of this.dayFiles()) this.options.files.remove(name);
    this.lines = [];
    this.last = null;
  }

  /** Drops days older than the retention (all of them when it is 0). */
  prune(now: number): void {
    const keep = this.options.retentionDays();
    const oldest = keep <= 0 ? null : this.localDay(now - (keep - 1) * DAY_MS);
    for (const name of this.dayFiles()) {
      const day = (FILE.exec(name) as RegExpExecArray)[1] as string;
      if (oldest === null || day < oldest) this.options.files.remove(name);
    }
    if (oldest === null) this.lines = [];
    else this.lines = this.lines.filter((line) => this.localDay(line.at) >= oldest);
  }

  /**
   * One person's presence over [from, to), as segments. Time not covered by fresh data (no
   * lines, or lines further apart than `staleAfterMs`) is 'unknown', never 'offline'.
   */
  timeline(id: number, from: number, to: number, staleAfterMs: number): Segment[] {
    const segments: Segment[] = [];
    const push = (start: number, end: number, state: Segment['state']): void => {
      const a = Math.max(start, from);
      const b = Math.min(end, to);
      if (b <= a) return;
      const previous = segments.at(-1);
      if (previous && previous.state === state && previous.to === a)
        segments[segments.length - 1] = { from: previous.from, to: b, state };
      else segments.push({ from: a, to: b, state });
    };
    let state: Shown | null = null;
    let cursor = from;
    for (let index = 0; index < this.lines.length; index++) {
      const line = this.lines[index] as Line;
      if (line.at >= to) break;
      const next = this.lines[index + 1];
      if (line.base) state = line.states.get(id) ?? 'offline';
      else if (state !== null) state = line.states.get(id) ?? state;
      const end =
        next === undefined || next.at - line.at > staleAfterMs ? line.at + staleAfterMs : next.at;
      if (next !== undefined && next.at < from) continue;
      push(cursor, line.at, 'unknown');
      push(line.at, Math.min(end, next?.at ?? end), state ?? 'unknown');
      cursor = Math.min(end, next?.at ?? end);
    }
    push(cursor, to, 'unknown');
    return segments;
  }

  /** Lines held in memory (for the benchmark and tests). */
  get size(): number {
    return this.lines.length;
  }

  private dayFiles(): string[] {
    return this.options.files
      .list()
      .filter((name) => FILE.test(name))
      .sort();
  }
}
