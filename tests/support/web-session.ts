import type { WebServer } from '../../electron/cli/web-server.js';
import { WS_PATH } from '../../electron/shared/ws-protocol.js';

/** What a page gets by opening the server's one-time address: its session cookie, as a Cookie header value. */
export async function tradeEntryUrl(url: string): Promise<string> {
  const response = await fetch(url, { redirect: 'manual' });
  const cookie = response.headers.get('set-cookie');
  if (response.status !== 303 || cookie === null)
    throw new Error(`no session from ${response.status}`);
  return cookie.split(';')[0]!;
}

/** The bridge's address and the headers a page from the server's own origin sends, session included. */
export async function bridgeSession(
  server: WebServer,
): Promise<{ url: string; origin: string; headers: { Cookie: string } }> {
  return {
    url: `${server.origin.replace('http', 'ws')}${WS_PATH}`,
    origin: server.origin,
    headers: { Cookie: await tradeEntryUrl(server.url) },
  };
}
