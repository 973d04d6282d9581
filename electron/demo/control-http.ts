import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { calendarEntriesSchema } from './calendar.js';
import { dateOffsetSchema, faultSchema, personUpdateSchema, scopesSchema } from './control.js';
import type { DemoControl } from './types.js';

/*
 * The control API over HTTP under /_demo/, so a test in another process can steer the demo.
 * It exists only when asked for (DemoPortalOptions.controlApi: never in `npm start` or
 * `web --demo`), and then answers only a loopback peer with a loopback Host (against DNS
 * rebinding), no Origin (no web page, and no CORS headers ever) and the portal's random
 * token in DEMO_CONTROL_TOKEN_HEADER. See README.md for the endpoints.
 */
export const DEMO_CONTROL_TOKEN_HEADER = 'x-demo-control-token';
const LOOPBACK_ADDRESSES = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i;

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const idSchema = z.coerce.number().int().positive();
const onlineLimitSchema = z.coerce.number().int().min(120).max(86_400);
const dateOffsetBody = z.object({ minutes: dateOffsetSchema }).strict();
const scopesBody = z.object({ scopes: scopesSchema }).strict();
const calendarBody = z.object({ entries: calendarEntriesSchema }).strict();
const rangeQuery = z
  .object({ from: z.coerce.number().int(), until: z.coerce.number().int() })
  .refine((range) => range.until > range.from, 'until must be after from');

function describeZod(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`)
    .join('; ');
}

function sameSecret(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export class ControlHttp {
  /** `token` null: there is no control API (every /_demo/ path is 404). */
  constructor(
    private readonly control: DemoControl,
    private readonly token: string | null,
  ) {}

  handle(req: IncomingMessage, res: ServerResponse, url: URL, body: string): void {
    if (this.token === null) {
      reply(res, 404, { error: 'Not found' });
      return;
    }
    const local =
      LOOPBACK_ADDRESSES.has(req.socket.remoteAddress ?? '') &&
      LOOPBACK_HOST.test(req.headers.host ?? '') &&
      req.headers.origin === undefined;
    if (!local || !sameSecret(req.headers[DEMO_CONTROL_TOKEN_HEADER], this.token)) {
      reply(res, 403, { error: 'Forbidden' });
      return;
    }
    try {
      const result = this.route(
        req.method ?? 'GET',
        url.pathname.replace(/\/+$/, ''),
        body,
        url.searchParams,
      );
      reply(res, 200, result ?? { ok: true });
    } catch (error) {
      if (error instanceof HttpProblem) reply(res, error.status, { error: error.message });
      else if (error instanceof z.ZodError) reply(res, 400, { error: describeZod(error) });
      else reply(res, 400, { error: error instanceof Error ? error.message : 'Bad request' });
    }
  }

  private route(method: string, path: string, body: string, query: URLSearchParams): unknown {
    const control = this.control;
    const parts = path.split('/').slice(2); // ['', '_demo', ...]
    const [resource = '', id, action] = parts;
    const key = `${method} ${resource}${id === undefined ? '' : '/:id'}${action === undefined ? '' : `/${action}`}`;
    switch (key) {
      case 'GET state':
        return {
          ownerId: control.ownerId,
          teamIds: control.teamIds(),
          legacy: control.legacy,
          dateFormat: control.dateFormat,
          scopes: control.scopes,
          calendarRoles: control.calendarRoles(),
        };
      case 'POST scopes':
        control.setScopes(scopesBody.parse(parseJson(body)).scopes);
        return { ok: true };
      case 'GET person/:id/calendar': {
        const range = rangeQuery.parse({
          from: query.get('from') ?? undefined,
          until: query.get('until') ?? undefined,
        });
        const entries = control.calendar(idSchema.parse(id), range.from, range.until);
        if (!entries) throw new HttpProblem(404, `No person with id ${id}`);
        return entries;
      }
      case 'POST person/:id/calendar':
        control.setCalendar(idSchema.parse(id), calendarBody.parse(parseJson(body)).entries);
        return { ok: true };
      case 'DELETE person/:id/calendar':
        control.resetCalendar(idSchema.parse(id));
        return { ok: true };
      case 'GET person/:id/busy': {
        const fetched = query.get('fetchedAt');
        const view = control.expectedCalendar(
          idSchema.parse(id),
          undefined,
          fetched === null ? {} : { fetchedAt: z.coerce.number().int().parse(fetched) },
        );
        if (!view) throw new HttpProblem(404, `No person with id ${id}`);
        return view;
      }
      case 'GET person/:id': {
        const personId = idSchema.parse(id);
        const user =
          query.get('form') === 'get'
            ? control.userGetObject(personId)
            : control.userObject(personId);
        if (!user) throw new HttpProblem(404, `No person with id ${id}`);
        return user;
      }
      case 'GET person/:id/expected': {
        const limit = query.get('onlineLimitS');
        const view = control.expected(
          idSchema.parse(id),
          undefined,
          limit === null ? {} : { onlineLimitS: onlineLimitSchema.parse(limit) },
        );
        if (!view) throw new HttpProblem(404, `No person with id ${id}`);
        return view;
      }
      case 'POST date-offset':
        control.setDateOffset(dateOffsetBody.parse(parseJson(body)).minutes);
        return { ok: true };
      case 'POST person':
        return { id: control.addPerson(personUpdateSchema.parse(parseJson(body))) };
      case 'POST outsider':
        return { id: control.addOutsider(personUpdateSchema.parse(parseJson(body))) };
      case 'POST person/:id':
        control.updatePerson(idSchema.parse(id), personUpdateSchema.parse(parseJson(body)));
        return { ok: true };
      case 'DELETE person/:id':
      case 'POST person/:id/remove':
        control.removePerson(idSchema.parse(id));
        return { ok: true };
      case 'POST fault':
        control.injectFault(faultSchema.parse(parseJson(body)));
        return { ok: true };
      case 'DELETE fault':
      case 'POST faults/:id':
        if (method === 'POST' && id !== 'clear') break;
        control.clearFaults();
        return { ok: true };
      case 'POST revoke':
        control.revokeWebhook();
        return { ok: true };
      case 'POST restore':
        control.restoreWebhook();
        return { ok: true };
      case 'POST expire-token':
        control.expireAccessToken();
        return { ok: true };
      case 'GET requests':
        return control.requestLog;
      case 'DELETE requests':
      case 'POST requests/:id':
        if (method === 'POST' && id !== 'clear') break;
        control.clearRequestLog();
        return { ok: true };
    }
    throw new HttpProblem(404, `Unknown control endpoint ${method} ${path}`);
  }
}

/** Control bodies are JSON objects (validated by the control methods' own schemas). */
function parseJson(body: string): unknown {
  if (body.trim().length === 0) return {};
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new HttpProblem(400, 'The body must be JSON');
  }
}

function reply(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}
