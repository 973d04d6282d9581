import { z } from 'zod';
import { ALERT_KINDS, type AlertKind } from '../../shared/domain.js';
import type { AlertMemoryPort } from '../ports.js';

/**
 * The persisted alert memory: what was already said about each person, so that data flapping
 * back and forth, or a restart, cannot repeat an alert. This file is the only one that knows
 * the stored form; the policy works with `PersonMemory` records.
 *
 * Stored form (the shell keeps it in its state file, `AlertMemoryPort`): one string per person
 * id, space-separated `code:marker` items, at most one per code:
 *   `on:1795424400000 leave:2026-11-22 ret:2026-11-22`
 * - `on` / `idle` / `off` / `leave`: the marker of the last handled online, back-from-idle,
 *   offline and back-from-leave transition (see `transitionIdentity`);
 * - `ret`: a leave that ended (marker: its last day off) while the person was away, waiting for
 *   their return to be said as "back from leave".
 * Markers never contain a space (epoch ms, `@`epoch ms, or a YYYY-MM-DD date). Unknown codes and
 * malformed entries are dropped on reading: the worst a bad memory can cost is one repeated alert.
 */

/** What was said about one person: the marker of the last handled transition of each kind. */
export type PersonMemory = { readonly [K in AlertKind]?: string } & {
  /** Last day off of a leave that ended while the person was away; said when they come back. */
  readonly awaitingReturnFrom?: string;
};

export type AlertMemory = Map<number, PersonMemory>;

/** The code of each kind in stored items and in alert ids (`on-…`). */
export const KIND_CODE: Readonly<Record<AlertKind, string>> = {
  online: 'on',
  'back-from-idle': 'idle',
  offline: 'off',
  'back-from-leave': 'leave',
};
const AWAITING_RETURN_CODE = 'ret';

/** Order of the items in a stored value. */
const FIELDS: readonly (keyof PersonMemory)[] = [...ALERT_KINDS, 'awaitingReturnFrom'];
const CODE_OF: Readonly<Record<keyof PersonMemory, string>> = {
  ...KIND_CODE,
  awaitingReturnFrom: AWAITING_RETURN_CODE,
};
const FIELD_OF: ReadonlyMap<string, keyof PersonMemory> = new Map(
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
export function parsePersonMemory(value: string): PersonMemory {
  const record: { -readonly [K in keyof PersonMemory]?: string } = {};
  for (const item of value.split(' ')) {
    const colon = item.indexOf(':');
    if (colon <= 0) continue;
    const field = FIELD_OF.get(item.slice(0, colon));
    if (field !== undefined) record[field] = item.slice(colon + 1);
  }
  return record;
}

/** A record → its stored value ('' for nothing remembered). */
export function serialisePersonMemory(record: PersonMemory): string {
  const items: string[] = [];
  for (const field of FIELDS) {
    const marker = record[field];
    if (marker !== undefined) items.push(`${CODE_OF[field]}:${marker}`);
  }
  return items.join(' ');
}

const StoredEntrySchema = z.tuple([z.string().regex(/^(?:0|[1-9]\d{0,11})$/), z.string().max(500)]);

/**
 * Reads the memory through the port. An unreadable store reads as empty; malformed entries (a
 * key that is not a person id as the policy writes it, a value that is not a string) are skipped.
 */
export function loadAlertMemory(port: AlertMemoryPort): AlertMemory {
  const memory: AlertMemory = new Map();
  let stored: unknown;
  try {
    stored = port.load();
  } catch {
    return memory; // unreadable memory: worst case one repeated alert, never a crash
  }
  if (typeof stored !== 'object' || stored === null) return memory;
  for (const entry of Object.entries(stored)) {
    const parsed = StoredEntrySchema.safeParse(entry);
    if (parsed.success) memory.set(Number(parsed.data[0]), parsePersonMemory(parsed.data[1]));
  }
  return memory;
}

/** The memory in its stored form. */
export function serialiseAlertMemory(memory: AlertMemory): Record<string, string> {
  const stored: Record<string, string> = {};
  for (const [id, record] of memory) stored[String(id)] = serialisePersonMemory(record);
  return stored;
}
