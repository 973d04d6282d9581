import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { CustomScheme, Protocol } from 'electron';
import { APP_HOST, APP_SCHEME } from './security/sender.js';

/*
 * app://panel/… serves the built renderer (dist/renderer) and nothing else: only GET, only
 * our host, only files below the root (traversal refused, encoded or not), every answer with
 * the strict CSP header. A standard + secure scheme gives the page a real origin without
 * `file://`'s broad powers. V8's code cache (for http(s) only unless asked) lets every start
 * after the first reuse the compiled panel instead of compiling its scripts again.
 */
export const appScheme: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: {
    standard: true,
    secure: true,
    codeCache: true,
    supportFetchAPI: false,
    corsEnabled: false,
    stream: false,
  },
};

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8',
};

/** The file under `root` a request path points to, or null when it would leave the root. */
export function resolveAssetPath(root: string, pathname: string): string | null {
  const base = resolve(root);
  const segments: string[] = [];
  for (const raw of pathname.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    // Decoded separators, dot segments and NULs are refused outright rather than normalised.
    if (
      segment === '.' ||
      segment === '..' ||
      /[/\\\0]/.test(segment) ||
      /^[a-zA-Z]:/.test(segment)
    )
      return null;
    segments.push(segment);
  }
  if (segments.length === 0) segments.push('index.html');
  const full = resolve(join(base, ...segments));
  return full.startsWith(base + sep) ? full : null;
}

type Body = ConstructorParameters<typeof Response>[0];

export interface ProtocolHandlerOptions {
  readonly root: string;
  readonly csp: () => string;
  readonly read?: (path: string) => Promise<Uint8Array>;
}

export function createPanelProtocolHandler(
  options: ProtocolHandlerOptions,
): (request: Request) => Promise<Response> {
  const read = options.read ?? ((path: string) => readFile(path));
  const answer = (status: number, body: Body, type = 'text/plain; charset=utf-8'): Response =>
    new Response(body, {
      status,
      headers: {
        'Content-Type': type,
        'Content-Security-Policy': options.csp(),
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
      },
    });
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return answer(405, 'Method not allowed');
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return answer(400, 'Bad request');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return answer(404, 'Not found');
    const path = resolveAssetPath(options.root, url.pathname);
    if (!path) return answer(403, 'Forbidden');
    try {
      const body = await read(path);
      return answer(
        200,
        request.method === 'HEAD' ? null : (body as Body),
        MIME[extname(path).toLowerCase()] ?? 'application/octet-stream',
      );
    } catch {
      return answer(404, 'Not found');
    }
  };
}

/** Serves the panel on app://panel/ (the scheme itself is registered as privileged before ready). */
export function setupPanelProtocol(
  protocol: Pick<Protocol, 'handle'>,
  options: ProtocolHandlerOptions,
): void {
  protocol.handle(APP_SCHEME, createPanelProtocolHandler(options));
}
