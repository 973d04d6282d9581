import type { RawUser } from '../../electron/core/bitrix/types.js';
import { BatchBodySchema, parseRawUserDetailed, SuccessEnvelopeSchema } from '../../electron/core/bitrix/schemas.js';

/**
 * Step (a) of a poll, split in two: V8's JSON.parse of the response bodies, then what the
 * REST client and fetchTeam do with the parsed JSON (envelope and batch schemas, the user check
 * for every person, one entry per id in page order). It mirrors
 * client.ts `interpret` + `batch` and team.ts `runRound`/`colleagues()` on the happy path;
 * the equivalence is checked against the real fetchTeam result in engine-cpu.ts.
 */
export function parseJson(bodies: readonly string[]): unknown[] {
  return bodies.map((body) => JSON.parse(body) as unknown);
}

export function rawUsersFromJson(answers: readonly unknown[]): RawUser[] {
  const pages = new Map<number, RawUser[]>();
  for (const json of answers) {
    const envelope = SuccessEnvelopeSchema.safeParse(json);
    if (!envelope.success) throw new Error('bench payload: not a success envelope');
    const batch = BatchBodySchema.safeParse(envelope.data.result);
    if (!batch.success) throw new Error('bench payload: not a batch answer');
    for (const [key, result] of Object.entries(batch.data.result)) {
      if (!key.startsWith('p') || !Array.isArray(result)) throw new Error(`bench payload: unexpected command ${key}`);
      const users: RawUser[] = [];
      for (const value of result) {
        const parsed = parseRawUserDetailed(value);
        if (parsed.user) users.push(parsed.user);
      }
      pages.set(Number(key.slice(1)), users);
    }
  }
  const byId = new Map<number, RawUser>();
  for (const offset of [...pages.keys()].sort((a, b) => a - b)) {
    for (const user of pages.get(offset) as RawUser[]) if (!byId.has(user.id)) byId.set(user.id, user);
  }
  return [...byId.values()];
}

/**
 * PROTOTYPE, measured and not adopted (the cpu-proposal row): most user objects are identical
 * to the previous poll's, and an object whose schema-relevant values are the same primitives as
 * one that already passed the check parses to the same RawUser. So keep last poll's raw values
 * per id and run the check only for the objects that differ. The comparison reads the same keys
 * the check reads; anything that is not a primitive (or an array of primitive ids) never
 * matches, so odd input always goes through the check. Since the check is compiled (ajv), the
 * Map lookup and the comparisons cost more than the check itself: the row stays as the record.
 */
const SCHEMA_KEYS = [
  'id', 'active', 'name', 'first_name', 'last_name', 'work_position', 'color', 'avatar', 'avatar_hr', 'gender',
  'extranet', 'bot', 'status', 'idle', 'last_activity_date', 'mobile_last_date', 'desktop_last_date', 'absent',
] as const;

function sameSchemaInput(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  for (const key of SCHEMA_KEYS) {
    const x = a[key];
    if (x !== b[key] || (typeof x === 'object' && x !== null)) return false;
  }
  const da = a.departments;
  const db = b.departments;
  if (da === db) return da === undefined;
  if (!Array.isArray(da) || !Array.isArray(db) || da.length !== db.length) return false;
  for (let i = 0; i < da.length; i++) if (da[i] !== db[i] || typeof da[i] === 'object') return false;
  return true;
}

export class RawUserParseCache {
  private previous = new Map<unknown, { value: Record<string, unknown>; user: RawUser }>();

  parse(answers: readonly unknown[]): RawUser[] {
    const next = new Map<unknown, { value: Record<string, unknown>; user: RawUser }>();
    const out: RawUser[] = [];
    for (const json of answers) {
      const envelope = SuccessEnvelopeSchema.safeParse(json);
      if (!envelope.success) throw new Error('bench payload: not a success envelope');
      const batch = BatchBodySchema.safeParse(envelope.data.result);
      if (!batch.success) throw new Error('bench payload: not a batch answer');
      for (const result of Object.values(batch.data.result)) {
        for (const value of result as unknown[]) {
          if (value === null || typeof value !== 'object') continue;
          const record = value as Record<string, unknown>;
          const before = this.previous.get(record.id);
          let user: RawUser | null;
          if (before !== undefined && sameSchemaInput(before.value, record)) user = before.user;
          else user = parseRawUserDetailed(value).user;
          if (user === null) continue;
          next.set(record.id, { value: record, user });
          out.push(user);
        }
      }
    }
    this.previous = next;
    return out;
  }
}
