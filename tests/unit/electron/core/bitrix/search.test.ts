import { describe, expect, it } from 'vitest';
import type { B24Client } from '../../../../../electron/core/bitrix/client.js';
import { B24Error } from '../../../../../electron/core/bitrix/errors.js';
import {
  SEARCH_LIMIT,
  findPeople,
  searchUsers,
} from '../../../../../electron/core/bitrix/search.js';
import { user } from '../../../../support/fake-portal.js';

interface Call {
  readonly method: string;
  readonly params: Record<string, unknown>;
  readonly signal: AbortSignal | undefined;
}

/** A client that answers every call with `result` and records what it was asked. */
function fakeClient(result: unknown) {
  const calls: Call[] = [];
  const client = {
    call: async (
      method: string,
      params: Record<string, unknown>,
      options: { signal?: AbortSignal } = {},
    ) => {
      calls.push({ method, params, signal: options.signal });
      return { result, total: null, next: null, time: null };
    },
  } as unknown as B24Client;
  return { client, calls };
}

describe('searchUsers', () => {
  it('asks im.search.user.list for the trimmed phrase, one page', async () => {
    const { client, calls } = fakeClient([user(7), user(8)]);
    const found = await searchUsers(client, '  Anna ');
    expect(calls).toEqual([
      {
        method: 'im.search.user.list',
        params: { FIND: 'Anna', LIMIT: SEARCH_LIMIT },
        signal: undefined,
      },
    ]);
    expect(found.map((person) => person.id)).toEqual([7, 8]);
  });

  it('refuses a phrase under three letters without asking the portal', async () => {
    const { client, calls } = fakeClient([]);
    const error = await searchUsers(client, ' An ').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(B24Error);
    expect(error).toMatchObject({ kind: 'bad-request', code: 'FIND_SHORT' });
    expect(calls).toEqual([]);
  });

  it('counts letters, not UTF-16 units: three emoji or Cyrillic letters are enough', async () => {
    const { client, calls } = fakeClient([]);
    await searchUsers(client, 'Аня');
    await expect(searchUsers(client, '😀😀')).rejects.toMatchObject({ code: 'FIND_SHORT' });
    expect(calls).toHaveLength(1);
  });

  it('reads PHP arrays sent as objects, drops what is no user, and repeats', async () => {
    const { client } = fakeClient({ a: user(3), b: 'junk', c: user(3), d: null, e: user(4) });
    expect((await searchUsers(client, 'Person')).map((person) => person.id)).toEqual([3, 4]);
    expect(await searchUsers(fakeClient(null).client, 'Person')).toEqual([]);
  });

  it("passes the caller's signal on", async () => {
    const { client, calls } = fakeClient([]);
    const controller = new AbortController();
    await searchUsers(client, 'Anna', { signal: controller.signal });
    expect(calls[0]?.signal).toBe(controller.signal);
  });
});

describe('findPeople', () => {
  it.each(['42', '#42', 'id 42', 'ID42', ' id  42 '])('looks %j up as a user id', async (query) => {
    const { client, calls } = fakeClient({ '42': user(42) });
    const found = await findPeople(client, query);
    expect(calls.map(({ method, params }) => [method, params])).toEqual([
      ['im.user.list.get', { ID: [42] }],
    ]);
    expect(found.map((person) => person.id)).toEqual([42]);
  });

  it('answers nothing for an id no one has, and only the asked person otherwise', async () => {
    expect(await findPeople(fakeClient({ '42': null }).client, '42')).toEqual([]);
    const found = await findPeople(fakeClient([user(41), user(42)]).client, '42');
    expect(found.map((person) => person.id)).toEqual([42]);
  });

  it('searches by name for anything else, id 0 included', async () => {
    for (const query of ['Anna', '000', '42 Anna', '12345678901']) {
      const { client, calls } = fakeClient([]);
      await findPeople(client, query);
      expect(calls.map(({ method, params }) => [method, params.FIND])).toEqual([
        ['im.search.user.list', query],
      ]);
    }
  });
});
