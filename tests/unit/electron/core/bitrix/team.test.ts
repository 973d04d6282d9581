import { describe, expect, it } from 'vitest';
import { TEST_CREDENTIAL } from '../../../../support/credential.js';
import { ManualClock } from '../../../../../electron/core/clock.js';
import { B24Client } from '../../../../../electron/core/bitrix/client.js';
import { B24Error } from '../../../../../electron/core/bitrix/errors.js';
import {
  fetchDepartments,
  fetchIdentity,
  fetchTeam,
  MAX_TEAM_SIZE,
  PAGE_SIZE,
} from '../../../../../electron/core/bitrix/team.js';
import {
  colleaguesHandler,
  fakePortal,
  usersHandler,
  user,
  type FakePortalOptions,
  type Handler,
} from '../../../../support/fake-portal.js';

const credential = TEST_CREDENTIAL;

function team(size: number, firstId = 100): Record<string, unknown>[] {
  return Array.from({ length: size }, (_, index) => user(firstId + index));
}

function setup(
  people: Record<string, unknown>[],
  outsiders: Record<string, unknown>[] = [],
  extra: Record<string, Handler> = {},
  options: FakePortalOptions = {},
) {
  const everyone = () => new Map([...people, ...outsiders].map((u) => [u.id as number, u]));
  const portal = fakePortal(
    {
      'im.department.colleagues.list': colleaguesHandler(() => people),
      'im.user.list.get': usersHandler(everyone),
      ...extra,
    },
    options,
  );
  // A generous bucket: these tests count requests, not pace them.
  const client = new B24Client({
    credential,
    fetch: portal.fetch,
    clock: new ManualClock(),
    rateLimit: { drainPerSecond: 100, capacity: 1000 },
  });
  return { portal, client };
}

const ids = (users: readonly object[]) => users.map((u) => Number((u as { id: unknown }).id));

describe('fetchTeam: requests per refresh', () => {
  it.each([
    [0, 1, 1],
    [40, 1, 1],
    [50, 1, 1],
    [51, 2, 1],
    [120, 2, 1],
    [2_500, 2, 1],
    [2_550, 2, 2],
    [5_000, 3, 2],
  ])(
    '%i colleagues: %i requests on the first refresh, %i in the steady state',
    async (size, first, steady) => {
      const { portal, client } = setup(team(size));
      const initial = await fetchTeam(client, {});
      expect(initial.requests).toBe(first);
      expect(initial.total).toBe(size);
      expect(ids(initial.colleagues)).toEqual(ids(team(size)));
      expect(initial.degraded).toBe(0);
      expect(portal.log.every((r) => r.commands.length <= 50)).toBe(true);

      const again = await fetchTeam(client, { knownTotal: initial.total });
      expect(again.requests).toBe(steady);
      expect(ids(again.colleagues)).toEqual(ids(team(size)));
    },
  );

  it('the first request is a plain call for page 0, then one batch of all remaining pages', async () => {
    const { portal, client } = setup(team(120));
    await fetchTeam(client, {});
    expect(portal.log.map((r) => r.method)).toEqual(['im.department.colleagues.list', 'batch']);
    expect(portal.log[0]?.body).toEqual({ USER_DATA: 'Y', OFFSET: 0, start: 0, LIMIT: 50 });
    expect(portal.log[1]?.body.cmd).toEqual({
      p50: 'im.department.colleagues.list?USER_DATA=Y&OFFSET=50&start=50&LIMIT=50',
      p100: 'im.department.colleagues.list?USER_DATA=Y&OFFSET=100&start=100&LIMIT=50',
    });
  });
});

describe('fetchTeam: desktop checks in spare commands', () => {
  const desktopHandler =
    (dates: Map<number, string | false>): Handler =>
    (params) => {
      const id = Number(params.ID);
      if (!dates.has(id))
        return { error: 'USER_NOT_EXISTS', error_description: 'User is not exists', status: 400 };
      return { result: user(id, { desktop_last_date: dates.get(id) }) };
    };

  it('asks im.user.get for as many people as fit beside the pages, in the same request', async () => {
    const dates = new Map<number, string | false>(
      Array.from({ length: 60 }, (_, i) => [100 + i, i % 2 ? '2026-11-23T11:58:00+03:00' : false]),
    );
    const { portal, client } = setup(team(120), [], { 'im.user.get': desktopHandler(dates) });
    const wanted = [...dates.keys()];
    const result = await fetchTeam(client, { knownTotal: 120, desktopIds: wanted });
    expect(result.requests).toBe(1);
    // 3 pages leave 47 commands, in the order asked.
    expect([...result.desktop.keys()]).toEqual(wanted.slice(0, 47));
    expect(result.desktop.get(101)).toBe('2026-11-23T11:58:00+03:00');
    expect(result.desktop.get(100)).toBe(false);
    expect(portal.log[0]?.commands.filter((method) => method === 'im.user.get')).toHaveLength(47);
  });

  it('turns the first plain call into one batch with the checks, and never costs a request', async () => {
    const dates = new Map<number, string | false>([[100, false]]);
    for (const [size, known, expected] of [
      [40, null, 1],
      [2_450, 2_450, 1],
      [2_500, 2_500, 0],
    ] as const) {
      const { portal, client } = setup(team(size), [], { 'im.user.get': desktopHandler(dates) });
      const result = await fetchTeam(client, { knownTotal: known, desktopIds: [100, 101] });
      expect(result.requests).toBe(1);
      expect(result.desktop.size).toBe(expected);
      expect(portal.log.every((r) => r.commands.length <= 50)).toBe(true);
    }
  });

  it('a check that fails (a person deleted meanwhile) is skipped, not a failed refresh', async () => {
    const dates = new Map<number, string | false>([[101, false]]);
    const { client } = setup(team(10), [], { 'im.user.get': desktopHandler(dates) });
    const result = await fetchTeam(client, { knownTotal: 10, desktopIds: [999, 101] });
    expect(result.colleagues).toHaveLength(10);
    expect([...result.desktop.entries()]).toEqual([[101, false]]);
  });
});

describe('fetchTeam: watched people', () => {
  it('rides along in the same request and reports unknown ids as null', async () => {
    const { portal, client } = setup(team(40), [user(900), user(901)]);
    const result = await fetchTeam(client, { watchIds: [900, 101, 901, 555, 900] });
    expect(result.requests).toBe(1);
    expect(portal.log[0]?.method).toBe('batch');
    expect([...result.watched.entries()].map(([id, u]) => [id, u?.id ?? null])).toEqual([
      [900, 900],
      [901, 901],
      [555, null],
    ]);
    expect(result.watched.has(101)).toBe(false); // a colleague: already in colleagues
    expect(result.colleagues).toHaveLength(40);

    const steady = await fetchTeam(client, { watchIds: [900, 555], knownTotal: 40 });
    expect(steady.requests).toBe(1);
  });

  it('costs one extra request only when the batch is full of pages', async () => {
    const { client } = setup(team(2_500), [user(9_000)]);
    const steady = await fetchTeam(client, { watchIds: [9_000], knownTotal: 2_500 });
    expect(steady.requests).toBe(2);
    expect(steady.watched.get(9_000)?.id).toBe(9_000);
    // …and asks only for watched people who turned out not to be colleagues.
    const { portal, client: other } = setup(team(2_500), [user(9_000)]);
    await fetchTeam(other, { watchIds: [9_000, 150], knownTotal: 2_500 });
    expect(portal.log.at(-1)).toMatchObject({ method: 'im.user.list.get', body: { ID: [9_000] } });
  });

  it('splits long watch lists into chunks of 50 ids', async () => {
    const outsiders = team(120, 5_000);
    const { portal, client } = setup(team(10), outsiders);
    const result = await fetchTeam(client, { watchIds: ids(outsiders) });
    expect(result.requests).toBe(1);
    expect(Object.keys(portal.log[0]?.body.cmd as object)).toEqual(['p0', 'w0', 'w1', 'w2']);
    expect([...result.watched.values()].every((u) => u !== null)).toBe(true);
  });

  it.each([[{ items: [user(800)] }], [[{ '800': user(800) }]], ['x']])(
    'refuses an im.user.list.get answer of the wrong shape (%j)',
    async (result) => {
      const { client } = setup(team(3), [], { 'im.user.list.get': () => ({ result }) });
      await expect(fetchTeam(client, { watchIds: [800] })).rejects.toMatchObject({
        kind: 'malformed-response',
        method: 'im.user.list.get',
      });
    },
  );

  it('reads the array form of im.user.list.get', async () => {
    const { client } = setup(team(3), [], {
      'im.user.list.get': () => ({ result: [user(800), { id: 'bad' }] }),
    });
    const result = await fetchTeam(client, { watchIds: [800, 801] });
    expect(result.watched.get(800)?.id).toBe(800);
    expect(result.watched.get(801)).toBeNull();
  });
});

describe('fetchTeam: a team that changes while paging', () => {
  it('fetches the pages a grown total adds (following next)', async () => {
    const people = team(100);
    let pageZeroServed = false;
    const { portal, client } = setup(
      people,
      [],
      {},
      {
        beforeCommand: (method, params) => {
          if (method !== 'im.department.colleagues.list') return;
          if (Number(params.OFFSET) === 0) pageZeroServed = true;
          else if (pageZeroServed && people.length === 100) people.push(...team(30, 1_000));
        },
      },
    );
    const result = await fetchTeam(client, {});
    expect(result.total).toBe(130);
    expect(new Set(ids(result.colleagues)).size).toBe(130);
    expect(result.colleagues).toHaveLength(130);
    // page 0, the predicted page 50 (one command: a plain call), the follow-up for offset 100
    // that page 50's `next` asked for, then page 0 once more because the total changed meanwhile
    expect(portal.log.map((r) => `${r.method} ${r.body.OFFSET}`)).toEqual([
      'im.department.colleagues.list 0',
      'im.department.colleagues.list 50',
      'im.department.colleagues.list 100',
      'im.department.colleagues.list 0',
    ]);
    expect(result.requests).toBe(4);
  });

  it('never lists someone twice when a newcomer pushes people into the next page', async () => {
    const people = team(80);
    let inserted = false;
    const { client } = setup(
      people,
      [],
      {},
      {
        beforeCommand: (_method, params) => {
          if (Number(params.OFFSET) === 50 && !inserted) {
            inserted = true;
            people.unshift(user(7)); // person 149 (index 49) now sits at index 50 as well
          }
        },
      },
    );
    const result = await fetchTeam(client, {});
    const seen = ids(result.colleagues);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort((a, b) => a - b)).toEqual([7, ...ids(team(80))].sort((a, b) => a - b));
  });

  it('does not lose someone who shifts into an already-fetched page, nor keep someone who left', async () => {
    const people = team(80);
    let removed = false;
    const { client } = setup(
      people,
      [],
      {},
      {
        beforeCommand: (_method, params) => {
          if (Number(params.OFFSET) === 50 && !removed) {
            removed = true;
            people.splice(10, 1); // id 110 leaves: id 150 moves from page 1 to page 0
          }
        },
      },
    );
    const result = await fetchTeam(client, {});
    const seen = ids(result.colleagues).sort((a, b) => a - b);
    expect(seen).toContain(150);
    expect(seen).not.toContain(110);
    expect(seen).toHaveLength(79);
    expect(result.total).toBe(79);
  });

  it('follows a short page to the offset `next` names', async () => {
    // A portal that filters people after paging: page 50 holds 45 people and says next=95.
    const people = team(140);
    const handler: Handler = (params) => {
      const offset = Number(params.OFFSET);
      if (offset === 50) return { result: people.slice(50, 95), total: 140, next: 95 };
      const page = people.slice(offset, offset + 50);
      return offset + 50 < 140
        ? { result: page, total: 140, next: offset + 50 }
        : { result: page, total: 140 };
    };
    const { client } = setup(people, [], { 'im.department.colleagues.list': handler });
    const result = await fetchTeam(client, { knownTotal: 140 });
    expect(result.colleagues).toHaveLength(140);
    expect(result.requests).toBe(2);
  });

  it('pages a portal that reads only `start` (an old one) as well as one that reads OFFSET', async () => {
    const people = team(120);
    const startOnly: Handler = (params) => {
      const offset = Number(params.start ?? 0);
      const page = people.slice(offset, offset + 50);
      return offset + 50 < 120
        ? { result: page, total: 120, next: offset + 50 }
        : { result: page, total: 120 };
    };
    const { client } = setup(people, [], { 'im.department.colleagues.list': startOnly });
    expect(ids((await fetchTeam(client, {})).colleagues)).toEqual(ids(people));
  });

  it('stops following a `next` that does not advance (LIMIT=0 on the server loops)', async () => {
    const stuck: Handler = (params) => ({ result: [], total: 30, next: Number(params.OFFSET) });
    const { portal, client } = setup([], [], { 'im.department.colleagues.list': stuck });
    const result = await fetchTeam(client, {});
    expect(result.colleagues).toEqual([]);
    expect(portal.log.length).toBeLessThanOrEqual(2);
  });

  it('reads a null work_position as normal, not as a degraded person', async () => {
    const { client } = setup([user(5, { work_position: null })]);
    const result = await fetchTeam(client, {});
    expect(result.degraded).toBe(0);
    expect(result.colleagues[0]?.work_position).toBeNull();
  });

  it('stops at a bounded number of rounds when `next` never ends', async () => {
    const endless: Handler = (params) => {
      const offset = Number(params.OFFSET);
      return { result: [user(offset + 1)], total: 1, next: offset + 1 };
    };
    const { client } = setup([], [], { 'im.department.colleagues.list': endless });
    const result = await fetchTeam(client, {});
    expect(result.requests).toBeLessThanOrEqual(6);
  });
});

describe('fetchTeam: a team larger than the app reads', () => {
  /** Full pages whose `next` never ends, claiming `total` people. */
  const endlessPages =
    (total: number): Handler =>
    (params) => {
      const offset = Number(params.OFFSET);
      return {
        result: Array.from({ length: PAGE_SIZE }, (_, index) => user(offset + index + 1)),
        total,
        next: offset + PAGE_SIZE,
      };
    };

  it("reads the first MAX_TEAM_SIZE people and says the team was cut, with the portal's total", async () => {
    expect(MAX_TEAM_SIZE).toBe(20_000);
    const { client } = setup([], [], { 'im.department.colleagues.list': endlessPages(23_456) });
    const first = await fetchTeam(client, {});
    expect(first).toMatchObject({ truncated: true, total: 23_456 });
    expect(first.colleagues).toHaveLength(MAX_TEAM_SIZE);
    const again = await fetchTeam(client, { knownTotal: first.total });
    expect(again).toMatchObject({ truncated: true, total: 23_456 });
    expect(again.colleagues).toHaveLength(MAX_TEAM_SIZE);
  });

  it.each([MAX_TEAM_SIZE, 120])('a team of %i is read whole and not called cut', async (size) => {
    const { client } = setup(team(size));
    const result = await fetchTeam(client, {});
    expect(result.colleagues).toHaveLength(size);
    expect(result.truncated).toBe(false);
  });
});

describe('fetchTeam: odd answers', () => {
  it('counts degraded and rejected user objects without dropping the page', async () => {
    const people = [
      ...team(3),
      user(200, { last_activity_date: 'not a date' }),
      { name: 'no id' },
      17,
    ];
    const { client } = setup(people as Record<string, unknown>[]);
    const result = await fetchTeam(client, {});
    expect(ids(result.colleagues)).toEqual([100, 101, 102, 200]);
    expect(result.colleagues[3]?.last_activity_date).toBeUndefined();
    expect(result.degraded).toBe(3);
  });

  it('a `false` result means no access to the colleagues list', async () => {
    const { client } = setup([], [], {
      'im.department.colleagues.list': () => ({ result: false }),
    });
    await expect(fetchTeam(client, {})).rejects.toMatchObject({
      kind: 'access-denied',
      code: 'ACCESS_ERROR',
    });
  });

  it.each([['users'], [{ items: [user(1)] }], [null]])(
    'a page of the wrong shape (%j) is malformed',
    async (result) => {
      const { client } = setup([], [], {
        'im.department.colleagues.list': () => ({ result, total: 1 }),
      });
      await expect(fetchTeam(client, {})).rejects.toMatchObject({ kind: 'malformed-response' });
    },
  );

  it('reads a page PHP sent as an object with numeric keys (a list with gaps)', async () => {
    const { client } = setup([], [], {
      'im.department.colleagues.list': () => ({ result: { '0': user(5), '2': user(6) }, total: 2 }),
    });
    expect(ids((await fetchTeam(client, {})).colleagues)).toEqual([5, 6]);
  });

  it('a failing command in the batch fails the whole refresh with its error', async () => {
    const people = team(120);
    const handler: Handler = (params) =>
      Number(params.OFFSET) === 100
        ? {
            error: 'OPERATION_TIME_LIMIT',
            error_description: 'Method is blocked',
            status: 429,
            time: { operating_reset_at: 1795000000 },
          }
        : colleaguesHandler(() => people)(params);
    const { client } = setup(people, [], { 'im.department.colleagues.list': handler });
    const error = await fetchTeam(client, { knownTotal: 120 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(B24Error);
    expect(error).toMatchObject({ kind: 'operation-time-limited', resetAt: 1_795_000_000_000 });
  });

  it('an ACCESS_ERROR (extranet user) stops the refresh', async () => {
    const { client } = setup([], [], {
      'im.department.colleagues.list': () => ({ error: 'ACCESS_ERROR', status: 403 }),
    });
    await expect(fetchTeam(client, {})).rejects.toMatchObject({ kind: 'access-denied' });
  });

  it('passes the abort signal on', async () => {
    const { client } = setup(team(3));
    const controller = new AbortController();
    controller.abort(new Error('stopped'));
    await expect(fetchTeam(client, { signal: controller.signal })).rejects.toThrow('stopped');
  });
});

describe('fetchIdentity', () => {
  it('prefers profile, in one request', async () => {
    const { portal, client } = setup([], [], {
      profile: () => ({ result: { ID: '7', NAME: 'Анна', LAST_NAME: 'Кузнецова', ADMIN: false } }),
      'im.user.get': () => ({ result: user(7) }),
    });
    expect(await fetchIdentity(client)).toEqual({
      userId: 7,
      name: 'Анна Кузнецова',
      portalHost: 'team.bitrix24.com',
    });
    expect(portal.log).toHaveLength(1);
  });

  it('falls back to im.user.get when profile is not available', async () => {
    const { client } = setup([], [], {
      profile: () => ({ error: 'insufficient_scope', status: 403 }),
      'im.user.get': () => ({ result: user(7, { name: 'Bo Li' }) }),
    });
    expect(await fetchIdentity(client)).toMatchObject({ userId: 7, name: 'Bo Li' });
  });

  it('throws the im.user.get error when neither answers', async () => {
    const { client } = setup([], [], {
      profile: () => ({ error: 'insufficient_scope', status: 403 }),
      'im.user.get': () => ({ error: 'insufficient_scope', error_description: 'im', status: 403 }),
    });
    await expect(fetchIdentity(client)).rejects.toMatchObject({
      kind: 'scope-missing',
      method: 'im.user.get',
    });
  });
});

describe('fetchDepartments', () => {
  it('asks im.department.get for the ids and reads names', async () => {
    const { portal, client } = setup([], [], {
      'im.department.get': (params) => ({
        result: (params.ID as number[])
          .filter((id) => id !== 99)
          .map((id) => ({ id, name: `Dept ${id}`, full_name: `Dept ${id} / HQ` })),
      }),
    });
    expect(await fetchDepartments(client, [3, 5, 3, 99, -1])).toEqual([
      { id: 3, name: 'Dept 3' },
      { id: 5, name: 'Dept 5' },
    ]);
    expect(portal.log[0]?.body).toEqual({ ID: [3, 5, 99] });
    expect(await fetchDepartments(client, [])).toEqual([]);
    expect(portal.log).toHaveLength(1);
  });

  it('batches more than 50 ids', async () => {
    const { portal, client } = setup([], [], {
      'im.department.get': (params) => ({
        result: Object.fromEntries((params.ID as string[]).map((id) => [id, { NAME: `D${id}` }])),
      }),
    });
    const wanted = Array.from({ length: 120 }, (_, i) => i + 1);
    const found = await fetchDepartments(client, wanted);
    expect(found).toHaveLength(120);
    expect(found[119]).toEqual({ id: 120, name: 'D120' });
    expect(portal.log).toHaveLength(1);
  });
});
