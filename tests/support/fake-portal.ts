/*
 * An in-process stand-in for a Bitrix24 portal, behind an injected `fetch`: routes methods to
 * handlers, executes `batch` commands the way the portal does (cmd query strings parsed like
 * PHP's parse_str, empty sections sent as `[]`), and logs every request.
 */
export type Params = Record<string, unknown>;

export type HandlerAnswer =
  | { result: unknown; total?: number; next?: number; time?: Record<string, unknown> }
  | { error: string; error_description?: string; status?: number; time?: Record<string, unknown> };

export type Handler = (params: Params) => HandlerAnswer;

export interface LoggedRequest {
  readonly url: string;
  readonly method: string;
  readonly body: Params;
  /** Methods run (inside a batch: its commands). */
  readonly commands: string[];
}

/** parse_str for the subset Bitrix24 clients send: `a=1&ID[0]=4&F[NAME]=x&ID[]=5`. */
export function parseQuery(query: string): Params {
  const out: Params = {};
  for (const [rawKey, value] of new URLSearchParams(query)) {
    const match = /^([^[]+)((?:\[[^\]]*\])*)$/.exec(rawKey);
    if (!match) continue;
    const path = [
      match[1] as string,
      ...[...(match[2] ?? '').matchAll(/\[([^\]]*)\]/g)].map((m) => m[1] as string),
    ];
    let node: Record<string, unknown> | unknown[] = out;
    path.forEach((segment, index) => {
      const last = index === path.length - 1;
      const container = node as Record<string, unknown>;
      const key = segment === '' && Array.isArray(node) ? String(node.length) : segment;
      if (last) {
        container[key] = value;
      } else {
        const nextIsList = path[index + 1] === '' || /^\d+$/.test(path[index + 1] as string);
        container[key] ??= nextIsList ? [] : {};
        node = container[key] as Record<string, unknown>;
      }
    });
  }
  return out;
}

export interface FakePortalOptions {
  /** Called before each method runs (top level and every batch command). */
  readonly beforeCommand?: (method: string, params: Params) => void;
  /** The OAuth token accepted; when set, calls must carry `auth`. */
  readonly oauth?: { accessToken: () => string };
}

export function fakePortal(handlers: Record<string, Handler>, options: FakePortalOptions = {}) {
  const log: LoggedRequest[] = [];
  const run = (method: string, params: Params): HandlerAnswer => {
    options.beforeCommand?.(method, params);
    const handler = handlers[method];
    if (!handler)
      return {
        error: 'ERROR_METHOD_NOT_FOUND',
        error_description: 'Method not found!',
        status: 404,
      };
    return handler(params);
  };
  const fetchImpl = (async (
    input: string | URL | Request,
    init?: RequestInit,
  ): Promise<Response> => {
    const url = String(input);
    const method = /\/([A-Za-z0-9_.]+?)(?:\.json)?$/.exec(new URL(url).pathname)?.[1] ?? '';
    const body = JSON.parse(String(init?.body ?? '{}')) as Params;
    if (options.oauth && body.auth !== options.oauth.accessToken()) {
      log.push({ url, method, body, commands: [method] });
      return json(
        { error: 'expired_token', error_description: 'The access token provided has expired.' },
        401,
      );
    }
    if (method === 'batch') {
      const cmd = body.cmd as Record<string, string>;
      const section = () => ({}) as Record<string, unknown>;
      const result = section();
      const resultError = section();
      const resultTotal = section();
      const resultNext = section();
      const resultTime = section();
      const commands: string[] = [];
      let halted = false;
      for (const [key, command] of Object.entries(cmd)) {
        if (halted) continue;
        const [name, query = ''] = command.split('?', 2) as [string, string?];
        commands.push(name);
        const answer = run(name, parseQuery(query));
        if ('error' in answer) {
          resultError[key] = {
            error: answer.error,
            error_description: answer.error_description ?? '',
          };
          if (body.halt === 1) halted = true;
        } else {
          result[key] = answer.result;
          if (answer.total !== undefined) resultTotal[key] = answer.total;
          if (answer.next !== undefined) resultNext[key] = answer.next;
        }
        resultTime[key] = answer.time ?? { start: 1, finish: 1.01, duration: 0.01 };
      }
      log.push({ url, method, body, commands });
      const php = (map: Record<string, unknown>) => (Object.keys(map).length === 0 ? [] : map);
      return json({
        result: {
          result: php(result),
          result_error: php(resultError),
          result_total: php(resultTotal),
          result_next: php(resultNext),
          result_time: php(resultTime),
        },
        time: { start: 1, finish: 1.02 },
      });
    }
    log.push({ url, method, body, commands: [method] });
    const answer = run(method, body);
    if ('error' in answer) {
      const { status = 400, ...rest } = answer;
      return json(rest, status);
    }
    return json({ ...answer, time: answer.time ?? { start: 1, finish: 1.01 } });
  }) as typeof fetch;
  return { fetch: fetchImpl, log };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** A user object as im.* methods send it. */
export function user(id: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    active: true,
    name: `Person ${id}`,
    first_name: 'Person',
    last_name: String(id),
    work_position: 'Engineer',
    color: '#df532d',
    avatar: '',
    avatar_hr: '',
    gender: 'M',
    birthday: '',
    extranet: false,
    network: false,
    bot: false,
    connector: false,
    external_auth_id: 'default',
    status: 'online',
    idle: false,
    last_activity_date: '2026-11-23T11:55:00+03:00',
    desktop_last_date: false,
    mobile_last_date: false,
    departments: [1],
    absent: false,
    phones: { work_phone: '', personal_mobile: '', personal_phone: '' },
    ...extra,
  };
}

/** im.department.colleagues.list over a mutable team, paged like the portal: `start` wins over OFFSET. */
export function colleaguesHandler(team: () => readonly Record<string, unknown>[]): Handler {
  return (params) => {
    const all = team();
    const offset = Number(params.start ?? params.OFFSET ?? 0);
    const limit = Math.min(50, Number(params.LIMIT ?? 10));
    const page =
      params.USER_DATA === 'Y'
        ? all.slice(offset, offset + limit)
        : all.slice(offset, offset + limit).map((u) => u.id);
    const next = offset + limit < all.length ? offset + limit : undefined;
    return next === undefined
      ? { result: page, total: all.length }
      : { result: page, total: all.length, next };
  };
}

/** im.user.list.get keyed by id, `null` for ids it does not know. */
export function usersHandler(people: () => ReadonlyMap<number, Record<string, unknown>>): Handler {
  return (params) => {
    const ids = (Array.isArray(params.ID) ? params.ID : []).map(Number);
    if (ids.length === 0)
      return { error: 'INVALID_FORMAT', error_description: 'ID can not be empty', status: 400 };
    return { result: Object.fromEntries(ids.map((id) => [String(id), people().get(id) ?? null])) };
  };
}
