import { ManualClock } from '../../electron/core/clock.js';
import { buildQuery, MAX_BATCH_COMMANDS } from '../../electron/core/bitrix/client.js';
import { COLLEAGUES_METHOD, PAGE_SIZE } from '../../electron/core/bitrix/team.js';
import { parseRawUser } from '../../electron/core/bitrix/schemas.js';
import type { RawUser } from '../../electron/core/bitrix/types.js';
import { toColleague } from '../../electron/core/presence/model.js';
import { DEFAULT_SETTINGS } from '../../electron/shared/settings/schema.js';
import type { Presence } from '../../electron/shared/domain.js';
import { PortalState } from '../../electron/demo/control.js';
import { parseBody } from '../../electron/demo/params.js';
import { encodePhpJson } from '../../electron/demo/php-json.js';
import { RestApi } from '../../electron/demo/rest-api.js';
import { seededRandom } from './stats.js';

/**
 * Realistic poll payloads without HTTP: the demo portal's own state and REST handlers
 * (PortalState + RestApi, the code behind its HTTP server) answer the steady-state batch
 * requests fetchTeam sends, encoded as the server encodes them (PHP-style JSON). Between polls
 * time moves one interval and 1 % of the people change presence through the control API; the
 * portal also refreshes last-activity dates of people at work, as Bitrix24 does every few
 * minutes. Generated on demand, so a long forward-in-time run needs no memory for old polls.
 */
export interface Poll {
  /** Portal clock time of the poll: the `now` to model it with. */
  readonly at: number;
  /** Response bodies of the refresh, in request order (one per batch of 50 pages). */
  readonly bodies: readonly string[];
}

const PRESENCES: readonly Presence[] = ['online', 'idle', 'mobile', 'offline'];
const ORIGIN = 'http://127.0.0.1:8123';
const decoder = new TextDecoder();

export class DemoPayloads {
  readonly clock = new ManualClock();
  readonly intervalMs: number;
  readonly changedPerPoll: number;
  private readonly state: PortalState;
  private readonly api: RestApi;
  private readonly random: () => number;
  private readonly ids: number[];
  private readonly batchParams: ReturnType<typeof parseBody>[];
  private polls = 0;

  constructor(options: { size: number; changedShare: number; intervalMs?: number; seed?: number }) {
    this.intervalMs = options.intervalMs ?? 30_000;
    this.random = seededRandom(options.seed ?? 42);
    this.state = new PortalState(this.clock, 6, options.size, false);
    this.state.team.setOrigin(ORIGIN);
    this.api = new RestApi(this.state.team, this.state.faults, this.state.budget);
    this.ids = this.state.teamIds();
    this.changedPerPoll = Math.max(1, Math.round(this.ids.length * options.changedShare));
    // The steady-state refresh: every page, 50 commands per batch, as fetchTeam plans it.
    const pages: [string, string][] = [];
    for (let offset = 0; offset < this.ids.length; offset += PAGE_SIZE) {
      pages.push([
        `p${offset}`,
        `${COLLEAGUES_METHOD}?${buildQuery({ USER_DATA: 'Y', OFFSET: offset, LIMIT: PAGE_SIZE })}`,
      ]);
    }
    this.batchParams = [];
    for (let i = 0; i < pages.length; i += MAX_BATCH_COMMANDS) {
      const cmd = Object.fromEntries(pages.slice(i, i + MAX_BATCH_COMMANDS));
      this.batchParams.push(parseBody(JSON.stringify({ halt: 0, cmd }), 'application/json'));
    }
  }

  get size(): number {
    return this.ids.length;
  }

  /** Moves time one interval (changing 1 % of the people after the first poll) and answers the refresh. */
  async next(): Promise<Poll> {
    if (this.polls++ > 0) {
      // advance, not jump: timers others set on this clock (an alert window) fire on the way.
      await this.clock.advance(this.intervalMs);
      this.changePeople();
    }
    const now = this.state.now();
    const bodies = this.batchParams.map((params) => {
      const timed = this.api.batch(params, now);
      if (!timed.outcome.ok) throw new Error(`demo batch failed: ${timed.outcome.error}`);
      // Through bytes and TextDecoder, as the client reads a body: a flat string, not the
      // concatenation tree the encoder builds (JSON.parse would pay to flatten that).
      return decoder.decode(
        Buffer.from(encodePhpJson({ result: timed.outcome.result, time: timed.time })),
      );
    });
    return { at: now, bodies };
  }

  /** The user objects of everyone now, parsed (for sources that skip JSON). */
  rawUser(id: number): RawUser | null {
    return parseRawUser(this.state.userObject(id));
  }

  get teamIds(): readonly number[] {
    return this.ids;
  }

  /** 1 % of the people move to a presence other than the one the app derives for them now. */
  changePeople(): number[] {
    const chosen = new Set<number>();
    while (chosen.size < this.changedPerPoll)
      chosen.add(this.ids[Math.floor(this.random() * this.ids.length)] as number);
    const now = this.clock.now();
    for (const id of chosen) {
      const raw = this.rawUser(id);
      const current = raw
        ? toColleague(raw, now, { onlineLimitSec: DEFAULT_SETTINGS.onlineLimitSec }).presence
        : 'offline';
      const others = PRESENCES.filter((presence) => presence !== current);
      this.state.updatePerson(id, {
        presence: others[Math.floor(this.random() * others.length)] as Presence,
      });
    }
    return [...chosen];
  }
}
