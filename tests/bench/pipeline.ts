import type { RawUser } from '../../electron/core/bitrix/types.js';
import { uniqueById } from '../../electron/core/bitrix/team.js';
import {
  BatchBodySchema,
  parseRawUserDetailed,
  SuccessEnvelopeSchema,
  type UserChecks,
} from '../../electron/core/bitrix/schemas.js';

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

/**
 * @param checks the source's record of the previous polls' user checks (createBitrixSource
 *   keeps one per connection); without it every object goes through the full check.
 */
export function rawUsersFromJson(answers: readonly unknown[], checks?: UserChecks): RawUser[] {
  const pages = new Map<number, RawUser[]>();
  for (const json of answers) {
    const envelope = SuccessEnvelopeSchema.safeParse(json);
    if (!envelope.success) throw new Error('bench payload: not a success envelope');
    const batch = BatchBodySchema.safeParse(envelope.data.result);
    if (!batch.success) throw new Error('bench payload: not a batch answer');
    for (const [key, result] of Object.entries(batch.data.result)) {
      if (!key.startsWith('p') || !Array.isArray(result))
        throw new Error(`bench payload: unexpected command ${key}`);
      const users: RawUser[] = [];
      for (const value of result) {
        const parsed = checks ? checks.parse(value) : parseRawUserDetailed(value);
        if (parsed.user) users.push(parsed.user);
      }
      pages.set(Number(key.slice(1)), users);
    }
  }
  checks?.sweep();
  return uniqueById(
    [...pages.keys()].sort((a, b) => a - b).map((offset) => pages.get(offset) as RawUser[]),
  );
}
