// Over 300 lines on purpose: one class mirrors the IM module's REST method table, a few lines a
// method, with batch around them; splitting it would scatter what the server does per method.
import { performance } from 'node:perf_hooks';
import type { FaultBook } from './faults.js';
import {
  intval,
  isParamObject,
  parseQueryString,
  positiveIds,
  stringParam,
  upperKeys,
  type ParamObject,
  type ParamValue,
} from './params.js';
import { phpArray } from './php-json.js';
import { atom, plainDateTime, PORTAL_OFFSET_MINUTES, PORTAL_TIME_ZONE } from './portal-time.js';
import type { CalendarBook } from './calendar.js';
import type { OperatingBudget } from './rate-limit.js';
import { accessibilityGet, restUserGet } from './rest-calendar.js';
import { DEFAULT_DATE_FORMAT, type DemoDateFormat } from './site-format.js';
import { DEMO_SCOPES, type DemoScope } from './types.js';
import { stampValue } from './stamp.js';
import { OWNER_ID, type Team, type UserObjectForm } from './team.js';

/*
 * The REST methods of the demo portal, answering in Bitrix24's shapes (see
 * /work/shared/docs/bitrix24-rest.md and the IM module's rest.php they follow).
 */
export type CallOutcome =
  | { readonly ok: true; readonly result: unknown; readonly total?: number; readonly next?: number }
  | {
      readonly ok: false;
      readonly status: number;
      readonly error: string;
      readonly description: string;
    };

export const MAX_BATCH_COMMANDS = 50;
export const DEFAULT_PAGE_LIMIT = 10;
export const MAX_PAGE_LIMIT = 50;

/** Which portal generation answers, and the offset its dates are written in (read per answer). */
export interface PortalMode {
  readonly legacy: boolean;
  readonly dateOffsetMinutes: number;
  /** Site date format of calendar answers (default DD.MM.YYYY HH:MI:SS). */
  readonly dateFormat?: DemoDateFormat;
  /** The caller's scopes (default: all the demo checks). */
  readonly scopes?: readonly DemoScope[];
  /** The team's calendars; without them calendar.accessibility.get is not served. */
  readonly calendars?: CalendarBook;
}

/** Methods that need a scope: any one of those listed. Others need only the basic ones. */
const METHOD_SCOPES: ReadonlyMap<string, readonly DemoScope[]> = new Map([
  ['calendar.accessibility.get', ['calendar']],
  ['user.get', ['user', 'user_brief', 'user_basic']],
]);
const IM_SCOPE: readonly DemoScope[] = ['im'];

/** The scope a method needs, as Bitrix24 checks it before running it; null when none is missing. */
export function missingScope(method: string, scopes: readonly DemoScope[]): CallOutcome | null {
  const needed = METHOD_SCOPES.get(method) ?? (method.startsWith('im.') ? IM_SCOPE : null);
  if (needed === null || needed.some((scope) => scopes.includes(scope))) return null;
  return failure(
    403,
    'insufficient_scope',
    'The request requires higher privileges than provided by the webhook token',
  );
}
export const REVISIONS = { rest: 35, web: 130, mobile: 22, desktop: 5 } as const;

type Handler = (params: ParamObject, now: number) => CallOutcome;

export function normalizeMethod(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/\.json$/, '');
}

export function failure(status: number, error: string, description: string): CallOutcome {
  return { ok: false, status, error, description };
}

export const METHOD_NOT_FOUND = (): CallOutcome =>
  failure(404, 'ERROR_METHOD_NOT_FOUND', 'Method not found!');

/** The `time` block every answer carries. */
export function timeBlock(
  startMs: number,
  elapsedMs: number,
  usage: { operating: number; resetAt: number },
  offsetMinutes = PORTAL_OFFSET_MINUTES,
): Record<string, unknown> {
  const round = (value: number): number => Math.round(value * 1e6) / 1e6;
  return {
    start: round(startMs / 1000),
    finish: round((startMs + elapsedMs) / 1000),
    duration: round(elapsedMs / 1000),
    processing: round(elapsedMs / 1000),
    date_start: atom(startMs, offsetMinutes),
    date_finish: atom(startMs + elapsedMs, offsetMinutes),
    operating_reset_at: usage.resetAt,
    operating: usage.operating,
  };
}

/** PHP truthiness of a request value (`halt=0` is false, `halt=Y` true). */
function phpTruthy(value: ParamValue | undefined): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value !== '' && value !== '0';
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'boolean') return value;
  return Array.isArray(value) ? value.length > 0 : Object.keys(value).length > 0;
}

export interface TimedOutcome {
  readonly outcome: CallOutcome;
  readonly time: Record<string, unknown>;
}

export interface BatchCommand {
  readonly key: string;
  readonly method: string;
  readonly query: string;
}

/** The commands of a batch request (`cmd` map or list of `method?query-string`). */
export function batchCommands(params: ParamObject): BatchCommand[] {
  const cmd = upperKeys(params).CMD;
  const entries: [string, ParamValue][] = Array.isArray(cmd)
    ? cmd.map((value, index) => [String(index), value])
    : isParamObject(cmd)
      ? Object.entries(cmd)
      : [];
  return entries.map(([key, value]) => {
    const text = stringParam(value);
    const question = text.indexOf('?');
    const method = normalizeMethod(question < 0 ? text : text.slice(0, question));
    return { key, method, query: question < 0 ? '' : text.slice(question + 1) };
  });
}

export class RestApi {
  private readonly handlers: Map<string, Handler>;

  constructor(
    private readonly team: Team,
    private readonly faults: FaultBook,
    private readonly budget: OperatingBudget,
    private readonly mode: PortalMode = { legacy: false, dateOffsetMinutes: PORTAL_OFFSET_MINUTES },
  ) {
    this.handlers = new Map<string, Handler>([
      ['im.department.colleagues.list', (params, now) => this.colleaguesList(params, now)],
      ['im.user.list.get', (params, now) => this.userListGet(params, now)],
      ['im.user.get', (params, now) => this.userGet(params, now)],
      ['im.department.get', (params, now) => this.departmentGet(params, now)],
      ['im.search.user.list', (params, now) => this.searchUserList(params, now)],
      ['im.revision.get', () => ({ ok: true, result: { ...REVISIONS } })],
      ['profile', (_params, now) => this.profile(now)],
      ['user.current', (_params, now) => this.userCurrent(now)],
      [
        'server.time',
        (_params, now) => ({ ok: true, result: atom(now, this.mode.dateOffsetMinutes) }),
      ],
      [
        'user.get',
        (params, now) => restUserGet(params, this.team, now, this.mode.dateOffsetMinutes),
      ],
    ]);
    const calendars = this.mode.calendars;
    if (calendars) {
      this.handlers.set('calendar.accessibility.get', (params) =>
        accessibilityGet(params, this.team, calendars, this.mode.dateFormat ?? DEFAULT_DATE_FORMAT),
      );
    }
  }

  knows(method: string): boolean {
    return method === 'batch' || this.handlers.has(method);
  }

  /** Runs one method (not batch), measuring it against the method's operating budget. */
  timed(method: string, params: ParamObject, now: number): TimedOutcome {
    const handler = this.handlers.get(method);
    const started = performance.now();
    const refused = handler ? missingScope(method, this.mode.scopes ?? DEMO_SCOPES) : null;
    const outcome = refused ?? (handler ? handler(params, now) : METHOD_NOT_FOUND());
    const elapsedMs = performance.now() - started;
    if (handler) this.budget.record(method, now, elapsedMs / 1000);
    return {
      outcome,
      time: timeBlock(now, elapsedMs, this.budget.usage(method, now), this.mode.dateOffsetMinutes),
    };
  }

  /** `batch`: the outer call costs no operating time; each command inside does. */
  batch(params: ParamObject, now: number): TimedOutcome {
    const started = performance.now();
    const timed = (outcome: TimedOutcome['outcome']): TimedOutcome => ({
      outcome,
      time: timeBlock(
        now,
        performance.now() - started,
        this.budget.usage('batch', now),
        this.mode.dateOffsetMinutes,
      ),
    });
    const commands = batchCommands(params);
    if (commands.length > MAX_BATCH_COMMANDS) {
      const outcome = failure(
        400,
        'ERROR_BATCH_LENGTH_EXCEEDED',
        `Max batch length exceeded (${MAX_BATCH_COMMANDS})`,
      );
      return timed(outcome);
    }
    const halt = phpTruthy(upperKeys(params).HALT);
    const result: [string, unknown][] = [];
    const errors: [string, unknown][] = [];
    const totals: [string, unknown][] = [];
    const nexts: [string, unknown][] = [];
    const times: [string, unknown][] = [];
    for (const command of commands) {
      const { key, method } = command;
      let timed: TimedOutcome;
      if (method === 'batch') {
        timed = {
          outcome: failure(
            400,
            'ERROR_BATCH_METHOD_NOT_ALLOWED',
            'Batch call is not allowed in batch',
          ),
          time: {},
        };
      } else {
        const fault = this.handlers.has(method) ? this.faults.takeForCommand(method) : null;
        timed = this.timed(method, parseQueryString(command.query), now);
        if (fault === 'operation-limit')
          timed = {
            ...timed,
            outcome: failure(
              429,
              'OPERATION_TIME_LIMIT',
              'Method is blocked due to operation time limit.',
            ),
          };
        if (fault === 'server-error')
          timed = {
            ...timed,
            outcome: failure(500, 'INTERNAL_SERVER_ERROR', 'Internal server error'),
          };
        if (fault === 'wrong-shape' && timed.outcome.ok)
          timed = {
            ...timed,
            outcome: { ...timed.outcome, result: wrongShape(timed.outcome.result) },
          };
      }
      const { outcome } = timed;
      if (!outcome.ok) {
        errors.push([key, { error: outcome.error, error_description: outcome.description }]);
        if (halt) break;
        continue;
      }
      result.push([key, outcome.result]);
      if (outcome.total !== undefined) totals.push([key, outcome.total]);
      if (outcome.next !== undefined) nexts.push([key, outcome.next]);
      times.push([key, timed.time]);
    }
    const outcome: CallOutcome = {
      ok: true,
      result: {
        result: phpArray(result),
        result_error: phpArray(errors),
        result_total: phpArray(totals),
        result_next: phpArray(nexts),
        result_time: phpArray(times),
      },
    };
    return timed(outcome);
  }

  private form(method: UserObjectForm['method']): UserObjectForm {
    return { method, legacy: this.mode.legacy, offsetMinutes: this.mode.dateOffsetMinutes };
  }

  /**
   * Paging as the server code does: LIMIT default 10, capped at 50 (0 gives an empty page,
   * below 0 reads as 0); `start` wins over OFFSET; `next` = offset + number returned, only
   * while below `total`, so with LIMIT=0 it never advances. `total` is always there.
   */
  private colleaguesList(raw: ParamObject, now: number): CallOutcome {
    const params = upperKeys(raw);
    const withUserData = stringParam(params.USER_DATA) === 'Y';
    const offset = Math.max(0, intval(params.START !== undefined ? params.START : params.OFFSET));
    const limit =
      params.LIMIT === undefined
        ? DEFAULT_PAGE_LIMIT
        : Math.max(0, Math.min(MAX_PAGE_LIMIT, intval(params.LIMIT)));
    const total = this.team.colleagueCount();
    const page = this.team.colleaguePage(offset, limit);
    // 'short-page': a user of this page was deleted meanwhile, so it comes back one item short.
    if (page.length > 0 && this.faults.takeShortPage()) page.splice(Math.floor(page.length / 2), 1);
    const form = this.form('list');
    const result = withUserData
      ? page.map((person) => this.team.userObject(person, now, form))
      : page.map((person) => person.id);
    const reached = offset + page.length;
    return reached < total
      ? { ok: true, result, total, next: reached }
      : { ok: true, result, total };
  }

  /**
   * People whose first name, last name, position or department has a word starting with FIND
   * (case-insensitive), the caller included, anyone on the portal: what `im.search.user.list`
   * does for choosing people by name. Paged by OFFSET/LIMIT (or `start`) like the colleagues.
   * The error code for a phrase under 3 characters is not confirmed by the server code.
   */
  private searchUserList(raw: ParamObject, now: number): CallOutcome {
    const params = upperKeys(raw);
    const find = stringParam(params.FIND).trim().toLocaleLowerCase('ru');
    if ([...find].length < 3) return failure(400, 'FIND_SHORT', 'Too short a search phrase.');
    const departmentNames = new Map(
      this.team.departments().map((department) => [department.id, department.name]),
    );
    const startsAWord = (text: string): boolean =>
      text
        .toLocaleLowerCase('ru')
        .split(/[\s\-–—/,.()]+/u)
        .some((word) => word.startsWith(find));
    const found = [...this.team.all()].filter((person) =>
      [
        person.firstName,
        person.lastName,
        person.position ?? '',
        ...person.departments.map((id) => departmentNames.get(id) ?? ''),
      ].some(startsAWord),
    );
    const offset = Math.max(0, intval(params.START !== undefined ? params.START : params.OFFSET));
    const limit =
      params.LIMIT === undefined
        ? DEFAULT_PAGE_LIMIT
        : Math.max(0, Math.min(MAX_PAGE_LIMIT, intval(params.LIMIT)));
    const page = found
      .slice(offset, offset + limit)
      .map((person) => this.team.userObject(person, now, this.form('list')));
    const reached = offset + page.length;
    return reached < found.length
      ? { ok: true, result: page, total: found.length, next: reached }
      : { ok: true, result: page, total: found.length };
  }

  private userListGet(raw: ParamObject, now: number): CallOutcome {
    const params = upperKeys(raw);
    const ids = positiveIds(params.ID);
    if (ids.length === 0)
      return failure(400, 'INVALID_FORMAT', 'A wrong format for the ID field is passed');
    const entries = ids.map((id): [number, unknown] => {
      const person = this.team.get(id);
      return [id, person ? this.team.userObject(person, now, this.form('list')) : null];
    });
    const asArray = stringParam(params.RESULT_TYPE).toLowerCase() === 'array';
    return { ok: true, result: asArray ? entries.map(([, user]) => user) : phpArray(entries) };
  }

  private userGet(raw: ParamObject, now: number): CallOutcome {
    const params = upperKeys(raw);
    let id = OWNER_ID;
    if (params.ID !== undefined) {
      id = intval(params.ID);
      if (id <= 0) return failure(400, 'ID_EMPTY', "User ID can't be empty");
    }
    const person = this.team.get(id);
    if (!person) return failure(400, 'USER_NOT_EXISTS', 'User is not exists');
    return { ok: true, result: this.team.userObject(person, now, this.form('get')) };
  }

  private departmentGet(raw: ParamObject, now: number): CallOutcome {
    const params = upperKeys(raw);
    const ids = new Set(positiveIds(params.ID));
    if (ids.size === 0)
      return failure(400, 'INVALID_FORMAT', 'A wrong format for the ID field is passed');
    const withUserData = stringParam(params.USER_DATA) === 'Y';
    const departments = this.team.departments();
    const company = departments[0];
    // The current IM module answers a list (not keyed by id) and leaves unknown ids out.
    const result = departments
      .filter((department) => ids.has(department.id))
      .map((department) => {
        const item: Record<string, unknown> = {
          id: department.id,
          name: department.name,
          full_name:
            department === company || !company
              ? department.name
              : `${department.name} / ${company.name}`,
          manager_user_id: department.managerUserId,
        };
        if (withUserData) {
          const manager = this.team.get(department.managerUserId);
          item.manager_user_data = manager
            ? this.team.userObject(manager, now, this.form('list'))
            : null;
        }
        return item;
      });
    return { ok: true, result };
  }

  private profile(now: number): CallOutcome {
    const owner = this.team.owner();
    const user = this.team.userObject(owner, now, this.form('get'));
    return {
      ok: true,
      result: {
        ID: String(owner.id),
        ADMIN: true,
        NAME: owner.firstName,
        LAST_NAME: owner.lastName,
        PERSONAL_GENDER: owner.gender,
        PERSONAL_PHOTO: user.avatar,
        TIME_ZONE: PORTAL_TIME_ZONE,
        TIME_ZONE_OFFSET: PORTAL_OFFSET_MINUTES * 60,
      },
    };
  }

  private userCurrent(now: number): CallOutcome {
    const owner = this.team.owner();
    const lastActivity = stampValue(owner.lastActivity, now);
    return {
      ok: true,
      result: {
        ID: String(owner.id),
        XML_ID: '',
        ACTIVE: true,
        NAME: owner.firstName,
        LAST_NAME: owner.lastName,
        SECOND_NAME: '',
        EMAIL: owner.email,
        LAST_LOGIN: atom(now - 3_600_000, this.mode.dateOffsetMinutes),
        DATE_REGISTER: atom(Date.UTC(2019, 2, 1, 6, 0, 0), this.mode.dateOffsetMinutes),
        IS_ONLINE: 'Y',
        TIME_ZONE: PORTAL_TIME_ZONE,
        TIMESTAMP_X: atom(Date.UTC(2024, 0, 15, 9, 30, 0), this.mode.dateOffsetMinutes),
        // user.* methods use a date format without offset (portal time).
        LAST_ACTIVITY_DATE: lastActivity === null ? '' : plainDateTime(lastActivity),
        PERSONAL_GENDER: owner.gender,
        PERSONAL_BIRTHDAY: '',
        WORK_POSITION: owner.position,
        UF_DEPARTMENT: [...owner.departments],
        USER_TYPE: 'employee',
      },
    };
  }
}

/** A result of the wrong type, for the 'wrong-shape' fault: lists become objects and vice versa. */
export function wrongShape(result: unknown): unknown {
  return Array.isArray(result) ? { items: result } : [result];
}
