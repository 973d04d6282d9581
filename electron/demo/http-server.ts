import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { avatarSvg } from './avatars.js';
import type { ControlHttp } from './control-http.js';
import type { PortalState } from './control.js';
import { LeakyBucket, type LeakyBucketOptions } from './rate-limit.js';
import {
  mergeParams,
  parseBody,
  parseQueryString,
  ParamsError,
  stringParam,
  type ParamObject,
} from './params.js';
import { encodePhpJson } from './php-json.js';
import {
  batchCommands,
  normalizeMethod,
  RestApi,
  timeBlock,
  wrongShape,
  type CallOutcome,
} from './rest-api.js';
import { BLANK_AVATAR_PATH } from './team.js';
import type { DemoFaultKind, DemoRequestLogEntry } from './types.js';

/**
 * The demo portal's HTTP front: routes REST calls (webhook and OAuth forms), the OAuth token
 * endpoint, generated avatars and the /_demo/ control API; applies injected faults, the auth
 * checks and the leaky bucket in the order a real portal (behind its proxy) would.
 */
const MAX_BODY_BYTES = 8 * 1024 * 1024;
const JSON_TYPE = 'application/json; charset=utf-8';
const PROXY_ERROR_PAGE =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
/** The portal's placeholder picture: a 1×1 transparent GIF. */
export const BLANK_GIF = Buffer.from(
  'R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7',
  'base64',
);
/** Where the 'redirect' fault sends clients: a host that can never resolve. */
export const MOVED_PORTAL_ORIGIN = 'https://moved-portal.bitrix24.invalid';

type RestRoute =
  | {
      readonly auth: 'webhook';
      readonly userId: string;
      readonly code: string;
      readonly method: string;
    }
  | { readonly auth: 'oauth'; readonly method: string };

export function parseRestPath(pathname: string): RestRoute | null {
  const parts = pathname.slice('/rest/'.length).split('/');
  const decoded = parts.map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  });
  if (decoded.length === 3 && decoded.every((part) => part.length > 0)) {
    const [userId = '', code = '', method = ''] = decoded;
    return { auth: 'webhook', userId, code, method: normalizeMethod(method) };
  }
  if (decoded.length === 1 && decoded[0])
    return { auth: 'oauth', method: normalizeMethod(decoded[0]) };
  return null;
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge());
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): number {
  const bytes = Buffer.byteLength(body);
  res.writeHead(status, { 'Content-Type': JSON_TYPE, 'Content-Length': String(bytes), ...headers });
  res.end(body);
  return bytes;
}

function sendError(
  res: ServerResponse,
  status: number,
  error: string,
  description: string,
): number {
  return send(res, status, encodePhpJson({ error, error_description: description }));
}

export interface DemoServer {
  readonly server: Server;
  /** Sockets held open by the 'hang' fault; destroyed when the portal closes. */
  readonly hanging: Set<Socket>;
}

export function createDemoServer(
  state: PortalState,
  control: ControlHttp,
  rateLimit: LeakyBucketOptions,
  originOf: () => string,
): DemoServer {
  const bucket = new LeakyBucket(rateLimit);
  const api = new RestApi(state.team, state.faults, state.budget, state);
  const hanging = new Set<Socket>();

  async function handleRest(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    arrivedAt: number,
  ): Promise<void> {
    const route = parseRestPath(url.pathname);
    const body = await readBody(req);
    const entry = {
      at: arrivedAt,
      method: route?.method ?? '',
      commands: [] as string[],
      requestBytes: Buffer.byteLength(body),
      auth: (route?.auth ?? 'none') as DemoRequestLogEntry['auth'],
    };
    const finish = (status: number, responseBytes: number): void =>
      state.record({ ...entry, status, responseBytes });
    if (!route) {
      finish(404, sendError(res, 404, 'ERROR_METHOD_NOT_FOUND', 'Method not found!'));
      return;
    }
    let params: ParamObject;
    try {
      params = mergeParams(
        parseQueryString(url.search.slice(1)),
        parseBody(body, req.headers['content-type']),
      );
    } catch (error) {
      if (!(error instanceof ParamsError)) throw error;
      finish(400, sendError(res, 400, 'INVALID_REQUEST', error.message));
      return;
    }
    const method = route.method;
    entry.commands =
      method === 'batch' ? batchCommands(params).map((command) => command.method) : [method];

    const fault = state.faults.takeForRequest(method, entry.commands);
    if (fault && applyTransportFault(fault, req, res, url, finish)) return;

    const now = state.now();
    const authFailure =
      route.auth === 'webhook'
        ? state.credentials.checkWebhook(route.userId, route.code)
        : state.credentials.checkAccessToken(stringParam(params.auth) || null, now);
    if (authFailure) {
      finish(
        authFailure.status,
        sendError(res, authFailure.status, authFailure.error, authFailure.description),
      );
      return;
    }
    if (!bucket.tryTake(now)) {
      finish(503, sendError(res, 503, 'QUERY_LIMIT_EXCEEDED', 'Too many requests'));
      return;
    }
    if (fault === 'operation-limit') {
      const resetAt = Math.floor(now / 1000) + 120;
      const time = timeBlock(now, 0, { operating: 480.5, resetAt }, state.dateOffsetMinutes);
      const text = encodePhpJson({
        error: 'OPERATION_TIME_LIMIT',
        error_description: 'Method is blocked due to operation time limit.',
        time,
      });
      finish(429, send(res, 429, text));
      return;
    }
    if (fault === 'server-error') {
      finish(500, sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error'));
      return;
    }
    if (!api.knows(method)) {
      finish(404, sendError(res, 404, 'ERROR_METHOD_NOT_FOUND', 'Method not found!'));
      return;
    }
    // Commands are read without the secret-bearing `auth` parameter.
    const { auth: _auth, ...callParams } = params;
    const cleanParams = Object.assign(Object.create(null) as ParamObject, callParams);
    const timed =
      method === 'batch' ? api.batch(cleanParams, now) : api.timed(method, cleanParams, now);
    const outcome: CallOutcome =
      fault === 'wrong-shape' && timed.outcome.ok
        ? { ...timed.outcome, result: wrongShape(timed.outcome.result) }
        : timed.outcome;
    if (!outcome.ok) {
      finish(outcome.status, sendError(res, outcome.status, outcome.error, outcome.description));
      return;
    }
    const answer: Record<string, unknown> = { result: outcome.result };
    if (outcome.next !== undefined) answer.next = outcome.next;
    if (outcome.total !== undefined) answer.total = outcome.total;
    answer.time = timed.time;
    finish(200, send(res, 200, encodePhpJson(answer)));
  }

  /** Answers (or refuses to answer) for a transport-level fault; false if the fault acts later. */
  function applyTransportFault(
    fault: DemoFaultKind,
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    finish: (status: number, bytes: number) => void,
  ): boolean {
    switch (fault) {
      case 'rate-limit':
        finish(503, sendError(res, 503, 'QUERY_LIMIT_EXCEEDED', 'Too many requests'));
        return true;
      case 'overload':
        finish(503, sendError(res, 503, 'OVERLOAD_LIMIT', 'REST API is blocked due to overload.'));
        return true;
      case 'html':
        finish(502, send(res, 502, PROXY_ERROR_PAGE, { 'Content-Type': 'text/html' }));
        return true;
      case 'malformed-json':
        finish(200, send(res, 200, '{"result":[{"id":1,"name":"Trunc'));
        return true;
      case 'empty-body':
        finish(200, send(res, 200, ''));
        return true;
      case 'redirect':
        finish(
          302,
          send(res, 302, '', {
            Location: `${MOVED_PORTAL_ORIGIN}${url.pathname}${url.search}`,
            'Content-Type': 'text/html',
          }),
        );
        return true;
      case 'reset':
        finish(0, 0);
        req.socket.destroy();
        return true;
      case 'hang':
        finish(0, 0);
        hanging.add(req.socket);
        req.socket.once('close', () => hanging.delete(req.socket));
        return true;
      case 'operation-limit':
      case 'server-error':
      case 'wrong-shape':
      case 'short-page':
        return false;
    }
  }

  async function handleToken(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    arrivedAt: number,
  ): Promise<void> {
    const body = await readBody(req);
    let merged: ParamObject;
    try {
      merged = mergeParams(
        parseQueryString(url.search.slice(1)),
        parseBody(body, req.headers['content-type']),
      );
    } catch {
      merged = parseQueryString(url.search.slice(1));
    }
    const params: Record<string, string> = {};
    for (const [key, value] of Object.entries(merged)) params[key] = stringParam(value);
    const answer = state.credentials.refresh(params, state.now(), originOf());
    const status = answer.ok ? 200 : answer.status;
    const bytes = send(res, status, encodePhpJson(answer.body));
    state.record({
      at: arrivedAt,
      method: 'oauth.token',
      commands: ['oauth.token'],
      status,
      requestBytes: Buffer.byteLength(body),
      responseBytes: bytes,
      auth: 'none',
    });
  }

  function handleAvatar(res: ServerResponse, url: URL): void {
    const match = /^\/avatars\/(\d+)\.svg$/.exec(url.pathname);
    const person = match ? state.team.get(Number(match[1])) : undefined;
    if (!person || !person.hasAvatar) {
      send(res, 404, 'Not found', { 'Content-Type': 'text/plain; charset=utf-8' });
      return;
    }
    send(res, 200, avatarSvg(person), {
      'Content-Type': 'image/svg+xml',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
      'Cache-Control': 'max-age=3600',
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrivedAt = state.clock.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/_demo/') || url.pathname === '/_demo')
      return control.handle(req, res, url, await readBody(req));
    if (url.pathname.startsWith('/rest/')) return handleRest(req, res, url, arrivedAt);
    if (url.pathname === '/oauth/token/' || url.pathname === '/oauth/token')
      return handleToken(req, res, url, arrivedAt);
    if (url.pathname.startsWith('/avatars/') && (req.method === 'GET' || req.method === 'HEAD'))
      return handleAvatar(res, url);
    if (url.pathname === BLANK_AVATAR_PATH && (req.method === 'GET' || req.method === 'HEAD')) {
      res.writeHead(200, {
        'Content-Type': 'image/gif',
        'Content-Length': String(BLANK_GIF.length),
        'Cache-Control': 'max-age=86400',
      });
      res.end(req.method === 'HEAD' ? undefined : BLANK_GIF);
      return;
    }
    send(res, 404, 'Not found', { 'Content-Type': 'text/plain; charset=utf-8' });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof BodyTooLarge) {
        sendError(res, 413, 'REQUEST_TOO_LARGE', 'The request body is too large');
        return;
      }
      // Never echo the error: it could quote a request that carries a secret.
      sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
    });
  });
  return { server, hanging };
}
