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
import { ClientMessageSchema, WS_MAX_MESSAGE_BYTES, WS_PATH, type ServerMessage } from '../shared/ws-protocol.js';

export interface WebServerOptions {
  readonly service: AppService;
  /** The built panel (dist/renderer). */
  readonly staticDir: string;
  readonly port?: number;
  /** Access token required on the WebSocket; random by default. */
  readonly token?: string;
  readonly log?: (line: string) => void;
}

export interface WebServer {
  readonly origin: string;
  /** The panel's address, token included: the only way in. */
  readonly url: string;
  /** Open bridge connections (for tests and soak checks). */
  readonly clientCount: number;
  close(): Promise<void>;
}

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

function sameSecret(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Browser mode: the panel served on 127.0.0.1 with the app service behind one WebSocket that
 * carries the same contract as the Electron preload. Only a page this server handed out (with
 * its token, from its own origin) may open the bridge: any other site in the same browser
 * could otherwise reach a loopback port.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const log = options.log ?? (() => undefined);
  let origin = '';

  const server = createServer((request, response) => {
    void serveStatic(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  const sockets = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_MESSAGE_BYTES });

  async function serveStatic(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const pathname = new URL(request.url ?? '/', origin).pathname;
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
      // The page may load avatars from the portal connected now.
      'Content-Security-Policy': buildCsp(options.service.portalOrigin(), { connect: `${origin.replace(/^http/, 'ws')}${WS_PATH}` }),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  }

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', origin);
    const allowed =
      url.pathname === WS_PATH && request.headers.origin === origin && sameSecret(url.searchParams.get('token'), token);
    if (!allowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
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
          send({ type: 'result', id, result: { ok: false, error: validationError(message.error) } });
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

  origin = await listenOnLoopback(server, options.port);

  return {
    origin,
    url: `${origin}/?token=${token}`,
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
