import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/core/clock.js';
import { B24Client } from '../../electron/core/bitrix/client.js';
import {
  B24Error,
  OPERATION_LIMIT_MIN_WAIT_MS,
  resetAtFromTime,
} from '../../electron/core/bitrix/errors.js';
import { nextRetryDelay } from '../../electron/core/bitrix/backoff.js';
import {
  COLLEAGUES_METHOD,
  fetchTeam,
  USER_METHOD,
  USERS_METHOD,
} from '../../electron/core/bitrix/team.js';
import { parseWebhookUrl } from '../../electron/core/bitrix/webhook-url.js';
import {
  ACTIVE_WINDOW_MS,
  PresenceModel,
  toColleague,
} from '../../electron/core/presence/model.js';
import { DEFAULT_ONLINE_LIMIT_SEC } from '../../electron/shared/settings/defaults.js';

/**
 * Bitrix24's own documentation examples and SDK fixtures (each file's origin is in its
 * .source.txt), served byte for byte from a loopback HTTP server and read through the real
 * client, team fetch and presence model. The files live beside the repository
 * (`../shared/fixtures/bitrix24`, as CI lays it out) and are not copied into it; where they are
 * absent this file is skipped. B24_DOC_FIXTURES points elsewhere (a worktree's own layout).
 *
 * Their dates are fixed in the past, so every clock here is set relative to a fixture's own
 * dates, never to the machine's.
 */
const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const FIXTURES =
  process.env.B24_DOC_FIXTURES ?? join(REPO_ROOT, '..', 'shared', 'fixtures', 'bitrix24');
const skipReason = existsSync(FIXTURES)
  ? null
  : `the Bitrix24 documentation fixtures are not at ${FIXTURES}`;
if (skipReason !== null) console.warn(`doc-fixtures.test.ts skipped: ${skipReason}`);

const fixtureText = (name: string): string => readFileSync(join(FIXTURES, `${name}.json`), 'utf8');
const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(fixtureText(name)) as Record<string, unknown>;

/** What the server answers for a method: a fixture file as it is, with the status it was documented under. */
interface Route {
  readonly fixture: string;
  readonly status?: number;
}

interface Received {
  readonly method: string;
  readonly body: Record<string, unknown>;
}

interface FixturePortal {
  readonly webhookUrl: string;
  readonly received: Received[];
  close(): Promise<void>;
}

const portals: FixturePortal[] = [];
afterEach(async () => {
  await Promise.all(portals.splice(0).map((portal) => portal.close()));
});

/**
 * A loopback portal that answers each method with its fixture file, byte for byte. A `batch`
 * with its own route gets that file; otherwise each command gets its method's fixture, set in
 * the batch envelope the way the portal does (the single-method examples have no batch twin).
 */
async function fixturePortal(routes: Readonly<Record<string, Route>>): Promise<FixturePortal> {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const method =
        /\/rest\/1\/fixturecode\/([A-Za-z0-9_.]+)\.json$/.exec(request.url ?? '')?.[1] ?? '';
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<
        string,
        unknown
      >;
      received.push({ method, body });
      const route = routes[method];
      const send = (status: number, text: string): void => {
        response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(text);
      };
      if (route !== undefined) send(route.status ?? 200, fixtureText(route.fixture));
      else if (method === 'batch') send(200, JSON.stringify(assembledBatch(body, routes)));
      else
        send(
          404,
          JSON.stringify({
            error: 'ERROR_METHOD_NOT_FOUND',
            error_description: 'Method not found!',
          }),
        );
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const portal: FixturePortal = {
    webhookUrl: `http://127.0.0.1:${address.port}/rest/1/fixturecode/`,
    received,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
  portals.push(portal);
  return portal;
}

function assembledBatch(
  body: Record<string, unknown>,
  routes: Readonly<Record<string, Route>>,
): unknown {
  const sections = {
    result: {},
    result_error: {},
    result_total: {},
    result_next: {},
    result_time: {},
  } as Record<string, Record<string, unknown>>;
  for (const [key, command] of Object.entries(body.cmd as Record<string, string>)) {
    const route = routes[command.split('?', 1)[0] as string];
    const answer =
      route === undefined
        ? { error: 'ERROR_METHOD_NOT_FOUND', error_description: 'Method not found!' }
        : fixture(route.fixture);
    if (typeof answer.error === 'string') {
      (sections.result_error as Record<string, unknown>)[key] = {
        error: answer.error,
        error_description: answer.error_description ?? '',
      };
      continue;
    }
    (sections.result as Record<string, unknown>)[key] = answer.result;
    if (answer.total !== undefined)
      (sections.result_total as Record<string, unknown>)[key] = answer.total;
    if (answer.next !== undefined)
      (sections.result_next as Record<string, unknown>)[key] = answer.next;
    if (answer.time !== undefined)
      (sections.result_time as Record<string, unknown>)[key] = answer.time;
  }
  return { result: sections };
}

/** A client whose clock is the test's, and whose bucket never waits: these tests read answers, not pacing. */
function clientOf(portal: FixturePortal, clock: ManualClock): B24Client {
  const parsed = parseWebhookUrl(portal.webhookUrl);
  if (!parsed.ok) throw new Error(parsed.error);
  return new B24Client({
    credential: parsed.value,
    clock,
    rateLimit: { drainPerSecond: 50, capacity: 50 },
  });
}

async function failure(promise: Promise<unknown>): Promise<B24Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof B24Error) return error;
    throw error;
  }
  throw new Error('expected a B24Error');
}

/** An ATOM date of a fixture as epoch ms (Date.parse reads the offset; no zone of the machine is involved). */
function epochOf(atom: unknown): number {
  if (typeof atom !== 'string') throw new Error(`not a date: ${String(atom)}`);
  const ms = Date.parse(atom);
  if (Number.isNaN(ms)) throw new Error(`not a date: ${atom}`);
  return ms;
}

/** The `time.date_start` of a fixture: when the portal answered, the natural "now" for it. */
function answeredAt(name: string): number {
  return epochOf((fixture(name).time as Record<string, unknown>).date_start);
}

const COLLEAGUES_Y = 'b24restdocs_im.department.colleagues.list_USER_DATA_Y';
const COLLEAGUES_N = 'b24restdocs_im.department.colleagues.list_USER_DATA_N';
const COLLEAGUES_403 = 'b24restdocs_im.department.colleagues.list_error_403';
const USER_GET = 'b24restdocs_im.user.get';
const USER_LIST_ARRAY = 'b24restdocs_im.user.list.get_RESULT_TYPE_array';
const BATCH_SUCCESS = 'b24restdocs_batch_success';
const BATCH_HALT0 = 'b24restdocs_batch_error_halt0';
const BATCH_HALT1 = 'b24restdocs_batch_error_halt1';
const BATCH_TIME_LIMIT = 'b24phpsdk_unit_fixture_batch_OPERATION_TIME_LIMIT';
const SINGLE_OPERATING = 'b24phpsdk_unit_fixture_single_ok_with_operating';

/** The two commands of the documentation's batch example, under its own keys. */
const DOC_BATCH = {
  get_user: { method: 'user.current' },
  get_department: { method: 'department.get', params: { ID: 1 } },
} as const;

describe.skipIf(skipReason !== null)(
  'the Bitrix24 documentation answers through the client and the model',
  () => {
    it('colleagues list, 403 ACCESS_ERROR: a typed access-denied error that is not retried', async () => {
      const portal = await fixturePortal({
        [COLLEAGUES_METHOD]: { fixture: COLLEAGUES_403, status: 403 },
      });
      const clock = new ManualClock(0);
      const error = await failure(fetchTeam(clientOf(portal, clock)));
      expect(error).toMatchObject({
        kind: 'access-denied',
        code: 'ACCESS_ERROR',
        httpStatus: 403,
        method: COLLEAGUES_METHOD,
      });
      expect(error.message).toBe(
        `${COLLEAGUES_METHOD}: ACCESS_ERROR (Only intranet users have access to this method.)`,
      );
      expect(nextRetryDelay(error, 1, clock.now())).toBeNull();
      expect(portal.received.map((r) => r.method)).toEqual([COLLEAGUES_METHOD]);
    });

    it('colleagues list with USER_DATA=Y: the documented person becomes a Colleague, online, idle and offline by the clock', async () => {
      const portal = await fixturePortal({ [COLLEAGUES_METHOD]: { fixture: COLLEAGUES_Y } });
      const page = fixture(COLLEAGUES_Y);
      const person = (page.result as Record<string, unknown>[])[0] as Record<string, unknown>;
      const lastActivity = epochOf(person.last_activity_date);
      const clock = new ManualClock(answeredAt(COLLEAGUES_Y));

      const team = await fetchTeam(clientOf(portal, clock));
      // One person on a page whose `next` (5) promises more: that page is asked too, and the same
      // documented answer there adds nobody twice.
      expect(team.colleagues.map((u) => u.id)).toEqual([person.id]);
      expect(team.total).toBe(page.total);
      expect(team.degraded).toBe(0);
      expect(portal.received.map((r) => r.body.start)).toEqual([0, page.next]);

      const model = new PresenceModel();
      const options = { onlineLimitSec: DEFAULT_ONLINE_LIMIT_SEC };
      const at = (ms: number) => model.update(team.colleagues, lastActivity + ms, options)[0];
      expect(at(60_000)).toEqual({
        id: 9,
        name: 'Anna Smith',
        firstName: 'Anna',
        lastName: 'Smith',
        position: 'Project Manager',
        departments: [1, 667],
        avatar: 'https://mysite.com/upload/avatars/anna-smith.jpg',
        color: '#58cc47',
        presence: 'online',
        presenceSince: null,
        lastActivity,
        desktop: false,
        status: 'online',
        absentUntil: null,
        bot: false,
        extranet: false,
        gender: 'F',
        // The colleagues list carries no calendar or zone: they come from their own commands.
        calendar: null,
        timeZone: null,
      });
      expect(at(ACTIVE_WINDOW_MS + 60_000)).toMatchObject({
        presence: 'idle',
        presenceSince: lastActivity,
      });
      expect(at(DEFAULT_ONLINE_LIMIT_SEC * 1000)).toMatchObject({
        presence: 'offline',
        presenceSince: lastActivity,
      });
      // The answer itself came three years after that activity: offline then, as the model says from scratch.
      const [anna] = team.colleagues;
      if (!anna) throw new Error('Anna is missing');
      expect(toColleague(anna, answeredAt(COLLEAGUES_Y), options)).toMatchObject({
        presence: 'offline',
        presenceSince: lastActivity,
      });
    });

    it('colleagues list with USER_DATA=N (bare ids): nobody is made up, every id counts as unusable', async () => {
      const portal = await fixturePortal({ [COLLEAGUES_METHOD]: { fixture: COLLEAGUES_N } });
      const page = fixture(COLLEAGUES_N);
      const team = await fetchTeam(clientOf(portal, new ManualClock(answeredAt(COLLEAGUES_N))));
      expect(team.colleagues).toEqual([]);
      expect(team.total).toBe(page.total);
      // Page 0 and the page its `next` points to, each the documented five ids.
      expect(portal.received.map((r) => r.body.start)).toEqual([0, page.next]);
      expect(team.degraded).toBe(2 * (page.result as unknown[]).length);
    });

    it('im.user.get and im.user.list.get (array) ride along: watched people and the desktop check', async () => {
      const portal = await fixturePortal({
        [COLLEAGUES_METHOD]: { fixture: COLLEAGUES_Y },
        [USERS_METHOD]: { fixture: USER_LIST_ARRAY },
        [USER_METHOD]: { fixture: USER_GET },
      });
      const me = fixture(USER_GET).result as Record<string, unknown>;
      const clock = new ManualClock(answeredAt(USER_GET));
      const team = await fetchTeam(clientOf(portal, clock), {
        watchIds: [4, 5],
        desktopIds: [me.id as number],
      });

      expect(portal.received[0]?.method).toBe('batch');
      expect(
        Object.values(portal.received[0]?.body.cmd as Record<string, string>).map(
          (c) => c.split('?')[0],
        ),
      ).toEqual([COLLEAGUES_METHOD, USERS_METHOD, USER_METHOD]);
      // desktop_last_date false: this person never ran the desktop app.
      expect(team.desktop).toEqual(new Map([[me.id, false]]));
      expect([...team.watched].map(([id, user]) => [id, user?.name])).toEqual([
        [4, 'Emily Smith'],
        [5, 'John Johnson'],
      ]);

      const john = team.watched.get(5);
      if (!john) throw new Error('John is missing');
      const lastActivity = epochOf(john.last_activity_date);
      const desktopOf = (id: number) =>
        team.desktop.has(id) ? team.desktop.get(id) !== false : null;
      const colleague = toColleague(john, lastActivity + 2 * 60_000, {
        onlineLimitSec: DEFAULT_ONLINE_LIMIT_SEC,
        desktopOf,
      });
      expect(colleague).toMatchObject({
        id: 5,
        name: 'John Johnson',
        presence: 'online',
        desktop: false,
        departments: [10],
        gender: 'M',
      });
    });

    it('batch, success: results, totals and no errors', async () => {
      const portal = await fixturePortal({ batch: { fixture: BATCH_SUCCESS } });
      const answer = await clientOf(portal, new ManualClock(answeredAt(BATCH_SUCCESS))).batch(
        DOC_BATCH,
      );
      expect(answer.errors.size).toBe(0);
      expect(answer.results.get('get_user')).toMatchObject({
        ID: '1',
        NAME: 'John',
        LAST_NAME: 'Doe',
      });
      expect(answer.results.get('get_department')).toEqual([{ ID: '1', NAME: 'DEMO', SORT: 500 }]);
      expect(answer.totals).toEqual(new Map([['get_department', 1]]));
    });

    it('batch with halt 0: every command answered, each failure typed in result_error', async () => {
      const portal = await fixturePortal({ batch: { fixture: BATCH_HALT0 } });
      const answer = await clientOf(portal, new ManualClock(answeredAt(BATCH_HALT0))).batch(
        DOC_BATCH,
        { halt: false },
      );
      expect(portal.received[0]?.body.halt).toBe(0);
      expect(answer.results.size).toBe(0);
      expect(
        [...answer.errors].map(([key, error]) => [key, error.kind, error.code, error.method]),
      ).toEqual([
        ['get_user', 'scope-missing', 'insufficient_scope', 'user.current'],
        ['get_department', 'scope-missing', 'insufficient_scope', 'department.get'],
      ]);
    });

    it('batch with halt 1: the first failure typed, the command after it reported as not run', async () => {
      const portal = await fixturePortal({ batch: { fixture: BATCH_HALT1 } });
      const answer = await clientOf(portal, new ManualClock(answeredAt(BATCH_HALT1))).batch(
        DOC_BATCH,
        { halt: true },
      );
      expect(portal.received[0]?.body.halt).toBe(1);
      expect([...answer.errors].map(([key, error]) => [key, error.kind, error.code])).toEqual([
        ['get_user', 'scope-missing', 'insufficient_scope'],
        ['get_department', 'server-error', 'NOT_EXECUTED'],
      ]);
    });

    it('OPERATION_TIME_LIMIT inside a (truncated) batch: operation-time-limited, with a growing wait and no reset time', async () => {
      const portal = await fixturePortal({ batch: { fixture: BATCH_TIME_LIMIT } });
      const key = Object.keys(
        (fixture(BATCH_TIME_LIMIT).result as { result_error: Record<string, unknown> })
          .result_error,
      )[0] as string;
      const clock = new ManualClock(0);
      const answer = await clientOf(portal, clock).batch({
        [key]: { method: COLLEAGUES_METHOD },
        other: { method: USER_METHOD },
      });
      const error = answer.errors.get(key);
      expect(error).toMatchObject({
        kind: 'operation-time-limited',
        code: 'OPERATION_TIME_LIMIT',
        resetAt: null,
        method: COLLEAGUES_METHOD,
      });
      expect(error?.message).toContain('Method is blocked due to operation time limit.');
      if (!error) throw new Error('no error');
      expect(nextRetryDelay(error, 1, clock.now())).toBe(OPERATION_LIMIT_MIN_WAIT_MS);
      expect(nextRetryDelay(error, 2, clock.now())).toBe(2 * OPERATION_LIMIT_MIN_WAIT_MS);
      // The truncated envelope leaves the other command neither answered nor failed: not run.
      expect(answer.errors.get('other')?.code).toBe('NOT_EXECUTED');
    });

    it('a single answer with operating time: the result, and the reset time a later 429 would wait for', async () => {
      const portal = await fixturePortal({ 'user.current': { fixture: SINGLE_OPERATING } });
      const time = fixture(SINGLE_OPERATING).time as Record<string, unknown>;
      const answer = await clientOf(portal, new ManualClock(answeredAt(SINGLE_OPERATING))).call(
        'user.current',
      );
      expect(answer.result).toBe(3465);
      expect(resetAtFromTime(answer.time)).toBe((time.operating_reset_at as number) * 1000);
    });
  },
);
