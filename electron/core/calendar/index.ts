/**
 * Placeholder until the cal-core parser is merged: the lead replaces this file with the real
 * `parseAccessibility` (site date formats, zones, recurring occurrences, all-day entries). This
 * one reads only what needs no site format: a non-recurring timed entry's DATE_FROM_TS_UTC /
 * DATE_TO_TS_UTC and an absence-chart record's FROM / TO. Same signature, so the engine's
 * integration is written against the real contract.
 */
import { mergeBlocks, type CalendarBlock, type CalendarKind } from '../../shared/calendar.js';

export type SiteDateFormat = string;

export interface AccessibilityContext {
  /** The portal's site date format as learnt so far (`ParsedAccessibility.format` of the last answer), or null. */
  readonly format: SiteDateFormat | null;
  /** The zone for entries without one of their own when `userZones` has none (null: UTC). */
  readonly fallbackZone?: string | null;
  /** Each person's own zone (`user.get`'s TIME_ZONE). */
  readonly userZones?: ReadonlyMap<number, string | null>;
}

export interface ParsedAccessibility {
  /** Per user id of the answer (ascending merged blocks; `[]` = nothing busy). */
  readonly blocks: Map<number, CalendarBlock[]>;
  /** Entries dropped as unreadable. */
  readonly skipped: number;
  /** The site date format known after this answer: pass it back as `context.format` next time. */
  readonly format: SiteDateFormat | null;
}

const KIND_BY_ACCESSIBILITY: ReadonlyMap<unknown, CalendarKind> = new Map<unknown, CalendarKind>([
  ['busy', 'meeting'],
  ['quest', 'tentative'],
  ['absent', 'out-of-office'],
]);

function seconds(value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(n) ? n * 1000 : NaN;
}

function entryBlock(entry: unknown): CalendarBlock | null {
  if (typeof entry !== 'object' || entry === null) return null;
  const e = entry as Record<string, unknown>;
  const kind = KIND_BY_ACCESSIBILITY.get(e.ACCESSIBILITY);
  if (kind === undefined) return null;
  const chart = e.FROM_HR === true;
  const from = seconds(chart ? e.FROM : e.DATE_FROM_TS_UTC);
  const until = seconds(chart ? e.TO : e.DATE_TO_TS_UTC);
  if (!(until > from)) return null;
  return { kind: chart ? 'out-of-office' : kind, from, until };
}

export function parseAccessibility(result: unknown, context: AccessibilityContext): ParsedAccessibility {
  const blocks = new Map<number, CalendarBlock[]>();
  let skipped = 0;
  if (typeof result === 'object' && result !== null && !Array.isArray(result)) {
    for (const [key, list] of Object.entries(result)) {
      const id = Number(key);
      if (!/^[1-9]\d{0,15}$/.test(key) || !Number.isSafeInteger(id) || !Array.isArray(list)) {
        skipped += 1;
        continue;
      }
      // A recurring series repeats its ID, and its *_TS_UTC describe the series: not readable here.
      const counts = new Map<unknown, number>();
      for (const entry of list) {
        const entryId = (entry as Record<string, unknown> | null)?.ID;
        counts.set(entryId, (counts.get(entryId) ?? 0) + 1);
      }
      const entries: CalendarBlock[] = [];
      for (const entry of list) {
        const block = (entry as Record<string, unknown> | null)?.FROM_HR !== true && (counts.get((entry as Record<string, unknown> | null)?.ID) ?? 0) > 1 ? null : entryBlock(entry);
        if (block === null) skipped += 1;
        else entries.push(block);
      }
      blocks.set(id, mergeBlocks(entries));
    }
  }
  return { blocks, skipped, format: context.format };
}
