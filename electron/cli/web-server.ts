import { errorMessage } from '../core/error-message.js';
import { listenOnLoopback } from '../demo/loopback.js';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AppService } from '../core/ports.js';
import {
  EVENT_CHANNELS,
  parseRequest,
  validationError,
  type RequestChannel,
  type Result,
} from '../shared/contract.js';
import { buildCsp } from '../shared/csp.js';
import {
  ClientMessageSchema,
  SESSION_PATH,
  WS_MAX_MESSAGE_BYTES,
  WS_PATH,
  type ServerMessage,
} from '../shared/ws-protocol.js';

export interface WebServerOptions {
  readonly service: AppService;
  /** The built panel (dist/renderer). */
  readonly staticDir: string;
  readonly port?: number;
  /** The first one-time entry token (`url`); random by default. */
  readonly token?: string;
  readonly log?: (line: string) => void;
}

export interface WebServer {
  readonly origin: string;
  /** The panel's address with a one-time token: opened once, it is traded for a session cookie. */
  readonly url: string;
  /** Another one-time entry token (for the browser launcher: the printed `url` stays usable). */
  issueToken(): string;
  /** Open bridge connections (for tests and soak checks). */
  readonly clientCount: number;
  close(): Promise<void>;
}

const MAX_FORM_BYTES = 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

function sameSecret(given: string | null | undefined, expected: string): boolean {
  if (given === null || given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function secret(): string {
  return randomBytes(24).toString('base64url');
}

/** One cookie's value from a Cookie header, or null. */
function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

/**
 * Secrets that are only compared in constant time. A one-time set forgets a secret on its
 * first match (entry tokens); a lasting one keeps it (sessions).
 */
class Secrets {
  private readonly values: string[] = [];
  add(value: string): string {
    this.values.push(value);
    return value;
  }
  has(given: string | null | undefined): boolean {
    return this.values.some((value) => sameSecret(given, value));
  }
  take(given: string | null | undefined): boolean {
    const index = this.values.findIndex((value) => sameSecret(given, value));
    if (index >= 0) this.values.splice(index, 1);
    return index >= 0;
  }
}

/**
 * Browser mode: the panel served on 127.0.0.1 with the app service behind one WebSocket that
 * carries the same contract as the Electron preload.
 * - Only `127.0.0.1:PORT` and `localhost:PORT` are answered (a rebound DNS name gets 421), so
 *   another site cannot read the panel, its CSP (which names the portal) or the bridge.
 * - The way in is a one-time token, traded (`/?token=` or POST /session) for an HttpOnly,
 *   SameSite=Strict session cookie, then redirected away so it is in no address bar or history.
 * - The bridge opens only for that cookie, from the page's own origin.
 * A restarted server knows no old session: GET /session answers 401, so the page can say so.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const entryTokens = new Secrets();
  const sessions = new Secrets();
  const firstToken = entryTokens.add(options.token ?? secret());
  const log = options.log ?? (() => undefined);
  let allowedHosts = new Set<string>();
  let cookieName = '';

  const server = createServer((request, response) => {
    void serve(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  const sockets = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_MESSAGE_BYTES });

  /** The request's Host when it is one of ours (lower case), else null. */
  function ownHost(request: IncomingMessage): string | null {
    const host = (request.headers.host ?? '').toLowerCase();
    return allowedHosts.has(host) ? host : null;
  }

  function hasSession(request: IncomingMessage): boolean {
    return sessions.has(cookieValue(request.headers.cookie, cookieName));
  }

  /** Trades a valid entry token for a session cookie; either way the page goes to `/`, token-free. */
  function trade(token: string | null, response: ServerResponse): void {
    const headers: Record<string, string> = {
      Location: '/',
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
    };
    if (entryTokens.take(token))
      headers['Set-Cookie'] =
        `${cookieName}=${sessions.add(secret())}; HttpOnly; SameSite=Strict; Path=/`;
    response.writeHead(303, headers).end();
  }

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const host = ownHost(request);
    if (host === null) {
      response.writeHead(421, { 'Content-Length': '0', Connection: 'close' }).end();
      return;
    }
    const url = new URL(request.url ?? '/', `http://${host}`);
    if (url.pathname === SESSION_PATH) {
      if (request.method === 'POST') {
        trade(new URLSearchParams(await readForm(request)).get('token'), response);
      } else if (request.method === 'GET') {
        response.writeHead(hasSession(request) ? 204 : 401, { 'Cache-Control': 'no-store' }).end();
      } else {
        response.writeHead(405, { Allow: 'GET, POST' }).end();
      }
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    if (url.pathname === '/' && url.searchParams.has('token')) {
      trade(url.searchParams.get('token'), response);
      return;
    }
    await serveStatic(url.pathname, host, request, response);
  }

  async function serveStatic(
    pathname: string,
    host: string,
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<void> {
    const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname.slice(1));
    const file = normalize(join(options.staticDir, relative));
    if (!file.startsWith(normalize(options.staticDir + sep)) || relative.includes('\0')) {
      response.writeHead(404).end();
      return;
    }
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      // The page may load avatars from the portal connected now, and reach its bridge and session check.
      'Content-Security-Policy': buildCsp(options.service.portalOrigin(), {
        connect: `ws://${host}${WS_PATH} http://${host}${SESSION_PATH}`,
      }),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  }

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const host = ownHost(request);
    if (host === null) {
      socket.end(
        'HTTP/1.1 421 Misdirected Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n',
      );
      return;
    }
    const url = new URL(request.url ?? '/', `http://${host}`);
    const allowed =
      url.pathname === WS_PATH &&
      request.headers.origin === `http://${host}` &&
      hasSession(request);
    if (!allowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (client) => attach(client));
  });

  function attach(client: WebSocket): void {
    const send = (message: ServerMessage): void => {
      if (client.readyState === client.OPEN) client.send(JSON.stringify(message));
    };
    const unsubscribers = EVENT_CHANNELS.map((channel) =>
      options.service.on(channel, (payload) => send({ type: 'event', channel, payload })),
    );
    client.on('message', (data, isBinary) => {
      void answer(data.toString(), isBinary).catch((error: unknown) => {
        log(`bridge request failed: ${errorMessage(error)}`);
      });
    });
    client.on('close', () => unsubscribers.forEach((unsubscribe) => unsubscribe()));
    // A protocol error (an oversized or malformed frame) is reported on the socket, which ws
    // then closes; without a listener Node would throw it and take the whole server down.
    client.on('error', (error) => log(`bridge connection dropped: ${error.message}`));

    async function answer(text: string, isBinary: boolean): Promise<void> {
      let json: unknown;
      try {
        json = isBinary ? undefined : JSON.parse(text);
      } catch {
        json = undefined;
      }
      const message = ClientMessageSchema.safeParse(json);
      if (!message.success) {
        const id = (json as { id?: unknown } | undefined)?.id;
        if (typeof id === 'number' && Number.isSafeInteger(id) && id >= 0) {
          send({
            type: 'result',
            id,
            result: { ok: false, error: validationError(message.error) },
          });
        } else {
          client.close(1008, 'invalid message');
        }
        return;
      }
      const channel = message.data.channel as RequestChannel;
      const request = parseRequest(channel, message.data.request);
      const result: Result<unknown> = request.ok
        ? await options.service.handle(channel, request.value as never)
        : request;
      send({ type: 'result', id: message.data.id, result });
    }
  }

  const origin = await listenOnLoopback(server, options.port);
  const port = new URL(origin).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  // Cookies ignore ports: one name per port keeps two servers on this machine from sharing one.
  cookieName = `b24presence_${port}`;

  return {
    origin,
    url: `${origin}/?token=${firstToken}`,
    issueToken: () => entryTokens.add(secret()),
    get clientCount() {
      return sockets.clients.size;
    },
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A small urlencoded form body; a larger one is cut off (no token is that long). */
async function readForm(request: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of request as AsyncIterable<Buffer>) {
    text += chunk.toString('latin1');
    if (text.length > MAX_FORM_BYTES) {
      request.destroy();
      return '';
    }
  }
  return text;
}
