import type { Colleague, PortalReports } from '../shared/domain.js';
import type { PresenceCounts } from '../shared/presence/counts.js';
import { isBusy, presenceRank, shownPresence, shownStatus } from '../shared/presence/classify.js';
import { displayText } from '../shared/display-text.js';

/**
 * The team as text for the terminal, in the panel's words: "away" is the idle state (no
 * activity for a while), "on mobile" and busy statuses appear only where the portal reports
 * them (shared/presence/classify.ts). Pure: the time is passed in.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * "29 online, 5 away, 2 offline", plus "3 on mobile" and "4 on leave" when there are any: in the
 * order of the panel's header chips (online, away, mobile, offline, on leave).
 */
export function summaryLine(counts: PresenceCounts, reports: PortalReports): string {
  const parts = [`${counts.online} online`, `${counts.idle} away`];
  if (reports.mobile && counts.mobile > 0) parts.push(`${counts.mobile} on mobile`);
  parts.push(`${counts.offline} offline`);
  if (counts.onLeave > 0) parts.push(`${counts.onLeave} on leave`);
  return parts.join(', ');
}

/** "8 min", "2 h", "3 days": at least a minute. */
function span(elapsedMs: number): string {
  const ms = Math.max(0, elapsedMs);
  if (ms < HOUR) return `${Math.max(1, Math.floor(ms / MINUTE))} min`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)} h`;
  const days = Math.floor(ms / DAY);
  return days === 1 ? '1 day' : `${days} days`;
}

function ago(at: number, now: number): string {
  return now - at < MINUTE ? 'just now' : `${span(now - at)} ago`;
}

const STATUS_WORDS: Readonly<Record<string, string>> = {
  dnd: 'do not disturb',
  away: 'status: away',
  break: 'on a break',
};

const clockFormat = (): Intl.DateTimeFormat =>
  new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
let clock: Intl.DateTimeFormat | null = null;

/**
 * A line's local time, "14:05:09": the CLI speaks English with 24-hour times, not whatever the
 * terminal's locale would make of toLocaleTimeString() ("2:05:09 PM", or another language).
 */
export function clockTime(at: number): string {
  clock ??= clockFormat();
  return clock.format(at);
}

/** A leave's last day (YYYY-MM-DD) as "3 Dec": a calendar day, so formatted in UTC. */
export function leaveDay(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const at = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(at);
}

/** "online", "online · do not disturb", "on mobile", "away 8 min", "last seen 2 h ago", "on leave until 3 Dec". */
export function presencePhrase(c: Colleague, reports: PortalReports, now: number): string {
  const presence = shownPresence(c, reports);
  let phrase: string;
  if (presence === 'online') {
    const status = shownStatus(c, reports);
    phrase = isBusy(c, reports) ? `online · ${STATUS_WORDS[status] ?? status}` : 'online';
  } else if (presence === 'mobile') phrase = 'on mobile';
  else if (presence === 'idle')
    phrase = c.presenceSince === null ? 'away' : `away ${span(now - c.presenceSince)}`;
  else {
    const seen = c.lastActivity ?? c.presenceSince;
    phrase = seen === null ? 'offline' : `last seen ${ago(seen, now)}`;
  }
  if (c.absentUntil === null) return phrase;
  const leave = `on leave until ${leaveDay(c.absentUntil)}`;
  return presence === 'offline' ? leave : `${phrase} · ${leave}`;
}

const byName = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

export function sortByPresence(
  colleagues: readonly Colleague[],
  reports: PortalReports,
): Colleague[] {
  return [...colleagues].sort(
    (a, b) =>
      presenceRank(a, reports) - presenceRank(b, reports) ||
      byName.compare(a.name, b.name) ||
      a.id - b.id,
  );
}

const NAME_WIDTH = 32;

/** East Asian wide and fullwidth characters (and emoji) take two terminal columns. */
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1faff}\u{20000}-\u{3fffd}]/u;
const ZERO_WIDTH = /[\p{M}\u200b-\u200f\u2060-\u2064\ufeff]/u;

/** Terminal columns, near enough for alignment: wide characters count two, combining marks none. */
export function width(text: string): number {
  let columns = 0;
  for (const char of text) columns += ZERO_WIDTH.test(char) ? 0 : WIDE.test(char) ? 2 : 1;
  return columns;
}

function pad(text: string, to: number): string {
  return text + ' '.repeat(Math.max(0, to - width(text)));
}

function clip(text: string, to: number): string {
  if (width(text) <= to) return text;
  let out = '';
  for (const char of text) {
    if (width(out + char) > to - 1) break;
    out += char;
  }
  return `${out}…`;
}

/** The summary line, then one aligned line per person: name, presence, position. */
export function teamTable(
  team: {
    readonly colleagues: readonly Colleague[];
    readonly reports: PortalReports;
    readonly counts: PresenceCounts;
  },
  now: number,
): string[] {
  const rows = sortByPresence(team.colleagues, team.reports).map((c) => ({
    name: clip(displayText(c.name) || `#${c.id}`, NAME_WIDTH),
    presence: presencePhrase(c, team.reports, now),
    position: displayText(c.position),
  }));
  const nameWidth = Math.max(0, ...rows.map((row) => width(row.name)));
  const presenceWidth = Math.max(0, ...rows.map((row) => width(row.presence)));
  return [
    summaryLine(team.counts, team.reports),
    ...rows.map((row) =>
      `${pad(row.name, nameWidth)}  ${pad(row.presence, presenceWidth)}  ${row.position}`.trimEnd(),
    ),
  ];
}
