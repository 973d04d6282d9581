import { BRIDGE_GLOBAL_NAME as BRIDGE_GLOBAL } from '$shared/channels.js';
import type { PresenceBridge } from '$shared/contract.js';
import { loadContract, preloadContract, validatingBridge } from './validating-bridge.js';
import type { SessionProbe, SocketLike } from './ws-bridge.js';

/*
 * The only place that touches `window.b24presence`. In Electron the preload provides it; in a
 * plain browser (browser mode) it is absent and the panel talks to the server over a
 * WebSocket on the same host, which admits it by its session cookie (HttpOnly: never seen here).
 * The WebSocket bridge checks its envelopes with zod, so in browser mode it is loaded (after
 * zod, see zod-contract.ts) before the first request; with the preload, zod waits until the
 * panel is idle (preloadContract).
 */
export interface ConnectedBridge {
  readonly bridge: PresenceBridge;
  readonly host: 'preload' | 'websocket';
  /** Registers what to do after the WebSocket reconnects (never fires for the preload). */
  onReconnect(callback: () => void): void;
  /** Whether the host can be reached (browser mode's socket; the preload always can). */
  onStatus(callback: (reachable: boolean) => void): void;
  /** The host was restarted and no longer knows this page (browser mode; never for the preload). */
  onSessionEnded(callback: () => void): void;
}

export function connectBridge(): ConnectedBridge {
  const provided = (window as unknown as Record<string, unknown>)[BRIDGE_GLOBAL] as
    PresenceBridge | undefined;
  if (provided && typeof provided.invoke === 'function' && typeof provided.on === 'function') {
    preloadContract();
    return {
      bridge: validatingBridge(provided),
      host: 'preload',
      onReconnect: () => {},
      onStatus: () => {},
      onSessionEnded: () => {},
    };
  }
  const reconnectCallbacks: Array<() => void> = [];
  const statusCallbacks: Array<(reachable: boolean) => void> = [];
  const endedCallbacks: Array<() => void> = [];
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = loadContract()
    .then(() => Promise.all([import('./ws-bridge.js'), import('$shared/ws-protocol.js')]))
    .then(([{ createWsBridge }, { SESSION_PATH, WS_PATH }]) =>
      createWsBridge(`${scheme}//${location.host}${WS_PATH}`, {
        createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
        onReconnect: () => reconnectCallbacks.forEach((callback) => callback()),
        onStatus: (reachable) => statusCallbacks.forEach((callback) => callback(reachable)),
        probeSession: () => probeSession(SESSION_PATH),
        onSessionEnded: () => endedCallbacks.forEach((callback) => callback()),
      }),
    );
  return {
    bridge: validatingBridge(deferredBridge(ws)),
    host: 'websocket',
    onReconnect: (callback) => reconnectCallbacks.push(callback),
    onStatus: (callback) => statusCallbacks.push(callback),
    onSessionEnded: (callback) => endedCallbacks.push(callback),
  };
}

/** Whether the server is up and knows this page's session cookie (see electron/cli/web-server.ts). */
async function probeSession(path: string): Promise<SessionProbe> {
  try {
    const response = await fetch(path, { cache: 'no-store', credentials: 'same-origin' });
    return response.status === 204 ? 'known' : response.status === 401 ? 'unknown' : 'unreachable';
  } catch {
    return 'unreachable';
  }
}

/** A bridge that is still loading: requests and subscriptions wait for it, in their order. */
function deferredBridge(ready: Promise<PresenceBridge>): PresenceBridge {
  return {
    invoke: (channel, request) => ready.then((bridge) => bridge.invoke(channel, request)),
    on(channel, listener) {
      let unsubscribe: (() => void) | null = null;
      let gone = false;
      void ready.then((bridge) => {
        if (!gone) unsubscribe = bridge.on(channel, listener);
      });
      return () => {
        gone = true;
        unsubscribe?.();
      };
    },
  };
}
