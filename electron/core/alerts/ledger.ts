import { z } from 'zod';
import { ALERT_KINDS, type AlertKind } from '../../shared/domain.js';
import type { AlertLedgerPort } from '../ports.js';

/**
 * The alert ledger, persisted: what was already said about each person, so that data flapping
 * back and forth, or a restart, cannot repeat an alert. This file is the only one that knows
 * the stored form; the policy works with `SaidAbout` records.
 *
 * Stored form (the shell keeps it in its state file, `AlertLedgerPort`): one string per person
 * id, space-separated `code:marker` items, at most one per code:
 *   `on:1795424400000 leave:2026-11-22 ret:2026-11-22`
 * - `on` / `idle` / `off` / `leave`: the marker of the last handled online, back-from-idle,
 *   offline and back-from-leave transition (see `transitionIdentity`);
 * - `ret`: a leave that ended (marker: its last day off) while the person was away, waiting for
 *   their return to be said as "back from leave".
 * Markers never contain a space (epoch ms, `@`epoch ms, or a YYYY-MM-DD date). Unknown codes and
 * malformed entries are dropped on reading: the worst a bad ledger can cost is one repeated alert.
 */

/** What was said about one person: the marker of the last handled transition of each kind. */
export type SaidAbout = { readonly [K in AlertKind]?: string } & {
  /** Last day off of a leave that ended while the person was away; said when they come back. */
  readonly awaitingReturnFrom?: string;
};

/** What was said about everyone remembered, by person id. */
export type AlertLedger = Map<number, SaidAbout>;

/** The code of each kind in stored items and in alert ids (`on-…`). */
export const KIND_CODE: Readonly<Record<AlertKind, string>> = {
  online: 'on',
  'back-from-idle': 'idle',
  offline: 'off',
  'back-from-leave': 'leave',
};
const AWAITING_RETURN_CODE = 'ret';

/** Order of the items in a stored value. */
const FIELDS: readonly (keyof SaidAbout)[] = [...ALERT_KINDS, 'awaitingReturnFrom'];
const CODE_OF: Readonly<Record<keyof SaidAbout, string>> = {
  ...KIND_CODE,
  awaitingReturnFrom: AWAITING_RETURN_CODE,
};
const FIELD_OF: ReadonlyMap<string, keyof SaidAbout> = new Map(
  FIELDS.map((field) => [CODE_OF[field], field]),
);

/**
 * `code:marker`: a transition's identity, independent of when it was seen. Alert ids hash these,
 * so the same transition gets the same id in any run.
 */
export function transitionIdentity(kind: AlertKind, marker: string): string {
  return `${KIND_CODE[kind]}:${marker}`;
}

/** One stored value → a record. */
export function parseSaidAbout(value: string): SaidAbout {
  const record: { -readonly [K in keyof SaidAbout]?: string } = {};
  for (const item of value.split(' ')) {
    const colon = item.indexOf(':');
    if (colon <= 0) continue;
    const field = FIELD_OF.get(item.slice(0, colon));
    if (field !== undefined) record[field] = item.slice(colon + 1);
  }
  return record;
}

/** A record → its stored value ('' for nothing remembered). */
export function serialiseSaidAbout(record: SaidAbout): string {
  const items: string[] = [];
  for (const field of FIELDS) {
    const marker = record[field];
    if (marker !== undefined) items.push(`${CODE_OF[field]}:${marker}`);
  }
  return items.join(' ');
}

const StoredEntrySchema = z.tuple([z.string().regex(/^(?:0|[1-9]\d{0,11})$/), z.string().max(500)]);

/**
 * Reads the ledger through the port. An unreadable store reads as empty; malformed entries (a
 * key that is not a person id as the policy writes it, a value that is not a string) are skipped.
 */
export function loadAlertLedger(port: AlertLedgerPort): AlertLedger {
  const ledger: AlertLedger = new Map();
  let stored: unknown;
  try {
    stored = port.load();
  } catch {
    return ledger; // unreadable ledger: worst case one repeated alert, never a crash
  }
  if (typeof stored !== 'object' || stored === null) return ledger;
  for (const entry of Object.entries(stored)) {
    const parsed = StoredEntrySchema.safeParse(entry);
    if (parsed.success) ledger.set(Number(parsed.data[0]), parseSaidAbout(parsed.data[1]));
  }
  return ledger;
}

/** The ledger in its stored form. */
export function serialiseAlertLedger(ledger: AlertLedger): Record<string, string> {
  const stored: Record<string, string> = {};
  for (const [id, record] of ledger) stored[String(id)] = serialiseSaidAbout(record);
  return stored;
}
