import { BRIDGE_GLOBAL, type PresenceBridge } from '$shared/contract.js';
import { WS_PATH } from '$shared/ws-protocol.js';
import { validatingBridge } from './validating-bridge.js';
import { createWsBridge, type SocketLike } from './ws-bridge.js';

/**
 * The only place that touches `window.b24presence`. In Electron the preload provides it; in a
 * plain browser (browser mode) it is absent and the panel talks to the server over a
 * WebSocket on the same host, passing the page's query (the server's access token) along.
 */
export interface ConnectedBridge {
  readonly bridge: PresenceBridge;
  readonly host: 'preload' | 'websocket';
  /** Registers what to do after the WebSocket reconnects (never fires for the preload). */
  onReconnect(callback: () => void): void;
  /** Whether the host can be reached (browser mode's socket; the preload always can). */
  onStatus(callback: (reachable: boolean) => void): void;
}

export function connectBridge(): ConnectedBridge {
  const provided = (window as unknown as Record<string, unknown>)[BRIDGE_GLOBAL] as PresenceBridge | undefined;
  if (provided && typeof provided.invoke === 'function' && typeof provided.on === 'function') {
    return { bridge: validatingBridge(provided), host: 'preload', onReconnect: () => {}, onStatus: () => {} };
  }
  const reconnectCallbacks: Array<() => void> = [];
  const statusCallbacks: Array<(reachable: boolean) => void> = [];
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = createWsBridge(`${scheme}//${location.host}${WS_PATH}${location.search}`, {
    createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
    onReconnect: () => reconnectCallbacks.forEach((callback) => callback()),
    onStatus: (reachable) => statusCallbacks.forEach((callback) => callback(reachable)),
  });
  return {
    bridge: validatingBridge(ws),
    host: 'websocket',
    onReconnect: (callback) => reconnectCallbacks.push(callback),
    onStatus: (callback) => statusCallbacks.push(callback),
  };
}
