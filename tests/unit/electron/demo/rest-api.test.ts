import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../electron/core/clock.js';
import { PortalState } from '../../../../electron/demo/control.js';
import { parseQueryString, type ParamObject } from '../../../../electron/demo/params.js';
import { LeakyBucket, OperatingBudget } from '../../../../electron/demo/rate-limit.js';
import { RestApi } from '../../../../electron/demo/rest-api.js';

const MONDAY_NOON = Date.UTC(2026, 10, 23, 9, 0, 0);

type Outcome = ReturnType<RestApi['timed']>['outcome'];
const ORIGIN = 'http://127.0.0.1:4321';

function setup(
  teamSize = 23,
  legacy = false,
): { state: PortalState; api: RestApi; call: (method: string, query?: string) => Outcome } {
  const state = new PortalState(new ManualClock(MONDAY_NOON), 5, teamSize, true, 0, { legacy });
  state.team.setOrigin(ORIGIN);
  const api = new RestApi(state.team, state.faults, state.budget, state);
  const call = (method: string, query = ''): Outcome => {
    const params: ParamObject = parseQueryString(query);
    return method === 'batch'
      ? api.batch(params, MONDAY_NOON).outcome
      : api.timed(method, params, MONDAY_NOON).outcome;
  };
  return { state, api, call };
}

describe('im.department.colleagues.list', () => {
  it('pages ids with total, and next only while another page exists', () => {
    const { state, call } = setup(23);
    const ids: unknown[] = [];
    let offset = 0;
    const pages: unknown[] = [];
    for (;;) {
      const page = call('im.department.colleagues.list', `OFFSET=${offset}&LIMIT=10`);
      if (!page.ok) throw new Error(page.error);
      pages.push(page);
      expect(page.total).toBe(23);
      ids.push(...(page.result as unknown[]));
      if (page.next === undefined) break;
      offset = page.next;
    }
    expect(pages).toHaveLength(3);
    expect(pages.map((page) => 'next' in (page as object))).toEqual([true, true, false]);
    expect(ids).toEqual(state.teamIds());
    expect(ids).not.toContain(state.ownerId);
  });

  it('defaults to 10, caps LIMIT at 50, honours `start`, and returns user objects with USER_DATA=Y', () => {
    const { call } = setup(120);
    const first = call('im.department.colleagues.list');
    expect(first.ok && (first.result as unknown[]).length).toBe(10);
    const capped = call('im.department.colleagues.list', 'LIMIT=500');
    expect(capped.ok && [(capped.result as unknown[]).length, capped.next]).toEqual([50, 50]);
    const started = call('im.department.colleagues.list', 'start=110&OFFSET=3&LIMIT=50');
    expect(
      started.ok && [(started.result as unknown[]).length, started.next, started.total],
    ).toEqual([10, undefined, 120]);
    const withData = call('im.department.colleagues.list', 'USER_DATA=Y&LIMIT=2');
    expect(
      withData.ok &&
        (withData.result as Record<string, unknown>[]).map((user) => Object.keys(user).slice(0, 4)),
    ).toEqual([
      ['id', 'active', 'name', 'first_name'],
      ['id', 'active', 'name', 'first_name'],
    ]);
  });

  it('LIMIT=0 gives an empty page whose next never advances; below 0 reads as 0', () => {
    const { call } = setup(30);
    for (const query of ['LIMIT=0&OFFSET=20', 'LIMIT=-5&OFFSET=20']) {
      const page = call('im.department.colleagues.list', query);
      expect(page.ok && [page.result, page.next, page.total]).toEqual([[], 20, 30]);
    }
    const end = call('im.department.colleagues.list', 'LIMIT=0&OFFSET=30');
    expect(end.ok && [end.result, 'next' in end, end.total]).toEqual([[], false, 30]);
  });

  it('`start` wins over OFFSET, even start=0', () => {
    const { state, call } = setup(30);
    const zero = call('im.department.colleagues.list', 'start=0&OFFSET=20&LIMIT=5');
    expect(zero.ok && [zero.result, zero.next]).toEqual([state.teamIds().slice(0, 5), 5]);
    const offset = call('im.department.colleagues.list', 'OFFSET=20&LIMIT=5');
    expect(offset.ok && [offset.result, offset.next]).toEqual([state.teamIds().slice(20, 25), 25]);
  });

  it('short-page: the next colleagues page comes one item short, next = offset + returned', () => {
    const { state, call } = setup(30);
    state.injectFault({ kind: 'short-page' });
    expect(call('profile').ok).toBe(true); // other methods leave the fault pending
    const short = call('im.department.colleagues.list', 'OFFSET=10&LIMIT=10');
    const ids = state.teamIds();
    expect(short.ok && [short.result, short.next, short.total]).toEqual([
      [...ids.slice(10, 15), ...ids.slice(16, 20)],
      19,
      30,
    ]);
    const after = call('im.department.colleagues.list', 'OFFSET=19&LIMIT=10');
    expect(after.ok && (after.result as number[])[0]).toBe(ids[19]); // pages by what came back: overlaps by one
    expect(after.ok && (after.result as number[]).length).toBe(10);
    state.injectFault({ kind: 'short-page' });
    const inBatch = call(
      'batch',
      'cmd[a]=im.department.colleagues.list%3FLIMIT%3D4&cmd[b]=im.department.colleagues.list%3FLIMIT%3D4',
    );
    expect(inBatch.ok && inBatch.result).toMatchObject({
      result: { a: ids.slice(0, 2).concat(ids.slice(3, 4)), b: ids.slice(0, 4) },
      result_next: { a: 3, b: 4 },
    });
  });

  it('returns the user object in the im shape', () => {
    const { state, call } = setup(3);
    const page = call('im.department.colleagues.list', 'USER_DATA=Y&LIMIT=1');
    const user = page.ok ? (page.result as Record<string, unknown>[])[0] : undefined;
    expect(Object.keys(user ?? {})).toEqual([
      'id',
      'active',
      'name',
      'first_name',
      'last_name',
      'work_position',
      'color',
      'avatar',
      'avatar_hr',
      'gender',
      'birthday',
      'extranet',
      'network',
      'bot',
      'connector',
      'external_auth_id',
      'status',
      'idle',
      'last_activity_date',
      'mobile_last_date',
      'desktop_last_date',
      'absent',
      'departments',
      'phones',
      'bot_data',
      'type',
      'website',
      'email',
    ]);
    expect(user?.id).toBe(state.teamIds()[0]);
    for (const field of ['last_activity_date', 'absent'] as const) {
      const value = user?.[field];
      expect(
        value === false || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+03:00$/.test(String(value)),
      ).toBe(true);
    }
  });
});

describe('im.user.list.get, im.user.get, im.department.get', () => {
  it('keys users by id with null for unknown ids, or gives a list with RESULT_TYPE=array', () => {
    const { state, call } = setup(5);
    const [a, b] = state.teamIds();
    const keyed = call('im.user.list.get', `ID[]=${a}&ID[]=999999&ID[]=${b}`);
    expect(keyed.ok && Object.keys(keyed.result as object)).toEqual([
      String(a),
      String(b),
      '999999',
    ]);
    expect(keyed.ok && (keyed.result as Record<string, unknown>)['999999']).toBeNull();
    expect(keyed.ok && 'total' in keyed).toBe(false);
    const json = call(
      'im.user.list.get',
      `ID=${encodeURIComponent(JSON.stringify([a]))}&RESULT_TYPE=array`,
    );
    expect(json.ok && (json.result as { id: number }[]).map((user) => user.id)).toEqual([a]);
    expect(call('im.user.list.get', `ID=${a}`)).toMatchObject({
      ok: false,
      status: 400,
      error: 'INVALID_FORMAT',
    });
    expect(call('im.user.list.get')).toMatchObject({ ok: false, error: 'INVALID_FORMAT' });
  });

  it('gives the owner without ID, and the documented errors', () => {
    const { state, call } = setup(2);
    expect(call('im.user.get')).toMatchObject({ ok: true, result: { id: state.ownerId } });
    expect(call('im.user.get', 'ID=0')).toMatchObject({
      ok: false,
      status: 400,
      error: 'ID_EMPTY',
    });
    expect(call('im.user.get', 'ID=424242')).toMatchObject({
      ok: false,
      status: 400,
      error: 'USER_NOT_EXISTS',
    });
  });

  it('lists departments by id with names, leaving unknown ids out', () => {
    const { state, call } = setup(10);
    const departments = state.team.departments();
    const known = departments[1]?.id ?? 0;
    const answer = call('im.department.get', `ID[]=1&ID[]=${known}&ID[]=99999&USER_DATA=Y`);
    expect(answer.ok).toBe(true);
    const result = answer.ok ? (answer.result as Record<string, unknown>[]) : [];
    expect(result.map((department) => department.id)).toEqual([1, known]);
    expect(result[0]).toMatchObject({
      name: 'B24 Demo Company',
      manager_user_id: state.ownerId,
      manager_user_data: { id: state.ownerId },
    });
    expect(String(result[1]?.full_name)).toContain(' / B24 Demo Company');
    expect(departments.length).toBeGreaterThanOrEqual(6); // company + 4..8 + the outsiders' office
    expect(call('im.department.get')).toMatchObject({ ok: false, error: 'INVALID_FORMAT' });
  });

  it('answers unknown methods with ERROR_METHOD_NOT_FOUND', () => {
    const { call } = setup(1);
    expect(call('im.nonexistent')).toMatchObject({
      ok: false,
      status: 404,
      error: 'ERROR_METHOD_NOT_FOUND',
    });
  });
});

describe('serialisation', () => {
  const presenceFields = (user: unknown): unknown[] => {
    const record = user as Record<string, unknown>;
    return [record.status, record.idle, record.mobile_last_date, record.desktop_last_date];
  };
  const isDate = (value: unknown): boolean =>
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/.test(value);

  it('current portal: status online, idle and mobile_last_date false, desktop_last_date real only in im.user.get', () => {
    const { state, call } = setup(10);
    const [phone, manager] = [
      state.teamIds()[0] as number,
      state.team.departments()[1]?.managerUserId as number,
    ];
    state.updatePerson(phone, { presence: 'mobile', desktop: true, status: 'dnd' });
    state.updatePerson(manager, { presence: 'online', desktop: true, status: 'away' });
    const listed = call('im.user.list.get', `ID[]=${phone}&ID[]=${manager}`);
    const users = listed.ok ? Object.values(listed.result as object) : [];
    const page = call('im.department.colleagues.list', 'USER_DATA=Y&LIMIT=50');
    const department = call(
      'im.department.get',
      `ID[]=${state.team.departments()[1]?.id}&USER_DATA=Y`,
    );
    const managerData = department.ok
      ? (department.result as { manager_user_data: unknown }[])[0]?.manager_user_data
      : null;
    for (const user of [...users, ...(page.ok ? (page.result as unknown[]) : []), managerData]) {
      expect(presenceFields(user)).toEqual(['online', false, false, false]);
      expect(
        isDate((user as Record<string, unknown>).last_activity_date) ||
          (user as Record<string, unknown>).last_activity_date === false,
      ).toBe(true);
    }
    const single = call('im.user.get', `ID=${phone}`);
    const one = single.ok ? (single.result as Record<string, unknown>) : {};
    expect([one.status, one.idle, one.mobile_last_date]).toEqual(['online', false, false]);
    expect(isDate(one.desktop_last_date)).toBe(true);
    expect(state.userGetObject(phone)).toEqual(one);
    expect(state.userObject(phone)?.desktop_last_date).toBe(false);
  });

  it('legacy portal: real status, idle, mobile_last_date and desktop_last_date in the list methods too', () => {
    const { state, call } = setup(10, true);
    const [idle, phone, plain] = state.teamIds() as [number, number, number];
    state.updatePerson(idle, { presence: 'idle', status: 'away' });
    state.updatePerson(phone, { presence: 'mobile', desktop: false, status: 'dnd' });
    state.updatePerson(plain, { presence: 'online', desktop: false });
    const listed = call('im.user.list.get', `ID[]=${idle}&ID[]=${phone}&ID[]=${plain}`);
    const users = listed.ok ? (listed.result as Record<string, Record<string, unknown>>) : {};
    const now = atomOf(MONDAY_NOON);
    expect(presenceFields(users[String(idle)])).toEqual(['away', now, false, now]);
    const phoneUser = users[String(phone)];
    expect(presenceFields(phoneUser).slice(0, 3)).toEqual(['dnd', false, now]);
    // The desktop app stopped: its last report stays, old enough not to count as running.
    const desktop = phoneUser?.desktop_last_date;
    expect(desktop === false || Date.parse(String(desktop)) < MONDAY_NOON - 180_000).toBe(true);
    expect(users[String(plain)]?.idle).toBe(false);
  });

  it('avatars: "" with the blank.gif placeholder as avatar_hr on a current portal, avatar_hr = avatar on a legacy one', () => {
    for (const legacy of [false, true]) {
      const { state } = setup(60, legacy);
      const users = state.teamIds().map((id) => state.userObject(id) ?? {});
      const withPhoto = users.filter((user) => user.avatar !== '');
      const without = users.filter((user) => user.avatar === '');
      expect(withPhoto.length).toBeGreaterThan(10);
      expect(without.length).toBeGreaterThan(10);
      for (const user of withPhoto) expect(user.avatar_hr).toBe(user.avatar);
      for (const user of without)
        expect(user.avatar_hr).toBe(legacy ? '' : `${ORIGIN}/bitrix/js/im/images/blank.gif`);
    }
  });

  it('about one person in ten has work_position null', () => {
    const { state } = setup(200);
    const nulls = state
      .teamIds()
      .filter((id) => state.userObject(id)?.work_position === null).length;
    expect(nulls).toBeGreaterThan(8);
    expect(nulls).toBeLessThan(40);
    expect(state.userObject(state.ownerId)?.work_position).toBe('Head of the company');
  });

  it('setDateOffset: from the next answer on, the same instants in another offset', () => {
    const { state, call } = setup(5);
    state.updatePerson(state.teamIds()[0] as number, { absentUntil: '2026-12-03' });
    const before = call('im.department.colleagues.list', 'USER_DATA=Y');
    state.setDateOffset(0);
    const after = call('im.department.colleagues.list', 'USER_DATA=Y');
    const pairs = (before.ok ? (before.result as Record<string, unknown>[]) : []).map(
      (user, index) =>
        [user, (after.ok ? (after.result as Record<string, unknown>[]) : [])[index] ?? {}] as const,
    );
    expect(pairs).toHaveLength(5);
    let dates = 0;
    for (const [old, now] of pairs) {
      for (const field of ['last_activity_date', 'absent'] as const) {
        if (old[field] === false) continue;
        dates++;
        expect(String(old[field])).toMatch(/\+03:00$/);
        expect(String(now[field])).toMatch(/\+00:00$/);
        expect(Date.parse(String(now[field]))).toBe(Date.parse(String(old[field])));
      }
    }
    expect(dates).toBeGreaterThan(3);
    expect(pairs[0]?.[1].absent).toBe('2026-12-03T21:00:00+00:00');
    expect(call('server.time')).toMatchObject({ result: '2026-11-23T09:00:00+00:00' });
    expect(() => state.setDateOffset(1.5)).toThrow();
    expect(() => state.setDateOffset(15 * 60)).toThrow();
  });
});

function atomOf(ms: number): string {
  return new Date(ms + 3 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+03:00');
}

describe('batch', () => {
  it('answers with five sections, PHP-empty ones as []', () => {
    const { call } = setup(30);
    const answer = call('batch', 'halt=0&cmd[me]=user.current&cmd[rev]=im.revision.get');
    expect(answer.ok && answer.result).toMatchObject({
      result: { me: { ID: '1' }, rev: { rest: expect.any(Number) } },
      result_error: [],
      result_total: [],
      result_next: [],
    });
    const time = answer.ok
      ? (answer.result as { result_time: Record<string, Record<string, unknown>> }).result_time
      : {};
    expect(Object.keys(time.me ?? {})).toEqual([
      'start',
      'finish',
      'duration',
      'processing',
      'date_start',
      'date_finish',
      'operating_reset_at',
      'operating',
    ]);
  });

  it('collects totals, nexts and errors per key; halt stops at the first error', () => {
    const { call } = setup(30);
    const cmd =
      'cmd[p0]=im.department.colleagues.list%3FOFFSET%3D0%26LIMIT%3D20&cmd[bad]=im.nope&cmd[p1]=im.department.colleagues.list%3FOFFSET%3D20%26LIMIT%3D20';
    const all = call('batch', `halt=0&${cmd}`);
    expect(all.ok && all.result).toMatchObject({
      result_total: { p0: 30, p1: 30 },
      result_next: { p0: 20 },
      result_error: {
        bad: { error: 'ERROR_METHOD_NOT_FOUND', error_description: expect.any(String) },
      },
    });
    const halted = call('batch', `halt=1&${cmd}`);
    expect(halted.ok && Object.keys((halted.result as { result: object }).result)).toEqual(['p0']);
  });

  it('gives lists for a JSON list of commands, refuses nested batches and more than 50 commands', () => {
    const { api } = setup(3);
    const listed = api.batch(
      { cmd: ['im.revision.get', 'batch?cmd[x]=profile'] } as unknown as ParamObject,
      MONDAY_NOON,
    ).outcome;
    expect(listed.ok && listed.result).toMatchObject({
      result: [{ rest: expect.any(Number) }],
      result_error: { '1': { error: 'ERROR_BATCH_METHOD_NOT_ALLOWED' } },
    });
    const many = Object.fromEntries(
      Array.from({ length: 51 }, (_, index) => [`c${index}`, 'profile']),
    );
    expect(api.batch({ cmd: many } as unknown as ParamObject, MONDAY_NOON).outcome).toMatchObject({
      ok: false,
      status: 400,
      error: 'ERROR_BATCH_LENGTH_EXCEEDED',
    });
    const fifty = Object.fromEntries(
      Array.from({ length: 50 }, (_, index) => [`c${index}`, 'profile']),
    );
    expect(api.batch({ cmd: fifty } as unknown as ParamObject, MONDAY_NOON).outcome.ok).toBe(true);
  });

  it('applies per-command faults to the matching command only', () => {
    const { state, call } = setup(5);
    state.injectFault({ kind: 'operation-limit', method: 'im.user.list.get' });
    state.injectFault({ kind: 'wrong-shape', method: 'im.department.colleagues.list' });
    const answer = call(
      'batch',
      'cmd[a]=im.user.list.get%3FID%5B%5D%3D1&cmd[b]=im.department.colleagues.list&cmd[c]=im.user.list.get%3FID%5B%5D%3D1',
    );
    expect(answer.ok && answer.result).toMatchObject({
      result_error: { a: { error: 'OPERATION_TIME_LIMIT' } },
      result: { b: { items: expect.any(Array) }, c: { '1': { id: 1 } } },
    });
  });
});

describe('limits', () => {
  it('lets 50 requests through a burst and refuses the 51st, then drains 2 per second', () => {
    const bucket = new LeakyBucket({ drainPerSecond: 2, capacity: 50 });
    const burst = Array.from({ length: 51 }, () => bucket.tryTake(MONDAY_NOON));
    expect(burst.filter(Boolean)).toHaveLength(50);
    expect(burst[50]).toBe(false);
    expect(bucket.tryTake(MONDAY_NOON + 400)).toBe(false);
    expect(bucket.tryTake(MONDAY_NOON + 1000)).toBe(true);
    expect(bucket.tryTake(MONDAY_NOON + 1000)).toBe(true);
    expect(bucket.tryTake(MONDAY_NOON + 1000)).toBe(false);
    expect(bucket.levelAt(MONDAY_NOON + 26_000)).toBe(0);
    expect(() => new LeakyBucket({ drainPerSecond: 0, capacity: 5 })).toThrow();
  });

  it('counts processing time per method over ten minutes', () => {
    const budget = new OperatingBudget();
    budget.record('a', MONDAY_NOON, 2);
    budget.record('a', MONDAY_NOON + 5 * 60_000, 3);
    budget.record('b', MONDAY_NOON, 7);
    expect(budget.usage('a', MONDAY_NOON + 5 * 60_000).operating).toBe(5);
    expect(budget.usage('a', MONDAY_NOON + 11 * 60_000).operating).toBe(3);
    expect(budget.usage('a', MONDAY_NOON).resetAt).toBe(
      Math.floor(MONDAY_NOON / 60_000) * 60 + 600,
    );
  });
});
