import type { B24Client } from './client.js';
import { B24Error } from './errors.js';
import { parseRawUser } from './schemas.js';
import type { RawUser } from './types.js';
import { USERS_METHOD } from './team.js';

/** im.search.user.list answers nothing for shorter phrases. */
export const SEARCH_MIN_LENGTH = 3;
/** One page is enough to choose from: people refine the phrase rather than page. */
export const SEARCH_LIMIT = 20;

/**
 * People whose first or last name, position or department has a word starting with `phrase`
 * (im.search.user.list, scope `im`): for choosing whom to watch by name instead of by id.
 * Throws a bad-request B24Error for a phrase under 3 characters without asking the portal.
 */
export async function searchUsers(
  client: B24Client,
  phrase: string,
  opts: { signal?: AbortSignal } = {},
): Promise<RawUser[]> {
  const find = phrase.trim();
  if ([...find].length < SEARCH_MIN_LENGTH) {
    throw new B24Error({
      kind: 'bad-request',
      code: 'FIND_SHORT',
      message: `Type at least ${SEARCH_MIN_LENGTH} letters to search.`,
      method: 'im.search.user.list',
    });
  }
  const answer = await client.call(
    'im.search.user.list',
    { FIND: find, LIMIT: SEARCH_LIMIT },
    opts.signal ? { signal: opts.signal } : {},
  );
  const items = Array.isArray(answer.result)
    ? answer.result
    : answer.result !== null && typeof answer.result === 'object'
      ? Object.values(answer.result)
      : [];
  const users: RawUser[] = [];
  const seen = new Set<number>();
  for (const item of items) {
    const user = parseRawUser(item);
    if (user && !seen.has(user.id)) {
      seen.add(user.id);
      users.push(user);
    }
  }
  return users;
}

/** A number (or "#123", "id 123"): a user id rather than a name. */
const ID_QUERY = /^(?:#|id\s*)?(\d{1,10})$/iu;

/**
 * Whom "Also watch" offers for what was typed: a user id is looked up (im.user.list.get; an id
 * no one has answers nothing, so the panel can say so), anything else searched by name.
 */
export async function findPeople(
  client: B24Client,
  query: string,
  opts: { signal?: AbortSignal } = {},
): Promise<RawUser[]> {
  const idMatch = ID_QUERY.exec(query.trim());
  const id = idMatch ? Number(idMatch[1]) : 0;
  if (id <= 0) return searchUsers(client, query, opts);
  const answer = await client.call(
    USERS_METHOD,
    { ID: [id] },
    opts.signal ? { signal: opts.signal } : {},
  );
  const result: unknown = answer.result;
  const items = Array.isArray(result)
    ? result
    : result !== null && typeof result === 'object'
      ? Object.values(result)
      : [];
  return items.flatMap((item) => {
    const user = parseRawUser(item);
    return user && user.id === id ? [user] : [];
  });
}
