import {
  type EventChannel,
  type EventOf,
  type PresenceBridge,
  type RequestChannel,
  type RequestOf,
  type ResponseOf,
  type Result,
} from '$shared/contract.js';
import { ServerMessageSchema, type ClientMessage } from '$shared/ws-protocol.js';

/*
 * The browser-mode bridge: the same contract over one WebSocket (see ws-protocol.ts).
 * Reconnects with back-off. Requests made before the first connection wait for it; once the
 * server has been lost, a request fails at once with 'host-unreachable' (the panel says so and
 * keeps saying it, instead of showing a star as set and taking it back when a reconnect attempt
 * fails), and those in flight when it drops fail with 'disconnected' rather than hanging. Payload validation is
 * validatingBridge's job, so this file only checks the envelope.
 * A socket refused by a server that is up but does not know this page's session (it was
 * restarted: sessions live in its memory) is final: reconnecting could never work, so the
 * bridge stops and says so (onSessionEnded) instead of "reconnecting" forever.
 */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  send(data: string): void;
  close(): void;
}

export interface WsBridgeOptions {
  readonly createSocket: (url: string) => SocketLike;
  /** Called after a lost connection is re-established: the panel re-reads the session. */
  readonly onReconnect?: () => void;
  readonly onStatus?: (connected: boolean) => void;
  /**
   * Asked after a socket closes: whether the server is up and knows this page's session.
   * 'unknown' ends the bridge (see onSessionEnded). Without it the bridge always reconnects.
   */
  readonly probeSession?: () => Promise<SessionProbe>;
  /** The server no longer knows this page (restarted): the user must open its address again. */
  readonly onSessionEnded?: () => void;
  readonly minDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly setTimer?: (callback: () => void, ms: number) => unknown;
}

export interface WsBridge extends PresenceBridge {
  close(): void;
}

export type SessionProbe = 'known' | 'unknown' | 'unreachable';

const OPEN = 1;

type Pending = (result: Result<unknown>) => void;

export function createWsBridge(url: string, options: WsBridgeOptions): WsBridge {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const pending = new Map<number, Pending>();
  let queue: string[] = [];
  let nextId = 1;
  let socket: SocketLike | null = null;
  let everOpened = false;
  let closed = false;
  let ended = false;
  let delay = options.minDelayMs ?? 500;
  const setTimer =
    options.setTimer ?? ((callback: () => void, ms: number) => setTimeout(callback, ms));

  const connect = (): void => {
    const ws = options.createSocket(url);
    socket = ws;
    ws.onopen = () => {
      delay = options.minDelayMs ?? 500;
      const reconnected = everOpened;
      everOpened = true;
      options.onStatus?.(true);
      const waiting = queue;
      queue = [];
      for (const message of waiting) ws.send(message);
      if (reconnected) options.onReconnect?.();
    };
    ws.onmessage = (event) => receive(event.data);
    ws.onerror = () => {
      /* onclose follows and handles it */
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      options.onStatus?.(false);
      // Every waiting request is about to be answered 'disconnected': the user was told it
      // failed, so its queued copy must not be sent on the next connection.
      queue = [];
      for (const [id, settle] of pending) {
        pending.delete(id);
        settle({
          ok: false,
          error: {
            code: 'disconnected',
            message: 'The connection to B24 Presence was lost.',
            field: null,
          },
        });
      }
      if (closed) return;
      const wait = delay;
      delay = Math.min(delay * 2, options.maxDelayMs ?? 15_000);
      if (!options.probeSession) {
        setTimer(connect, wait);
        return;
      }
      void options.probeSession().then(
        (probe) => {
          if (closed) return;
          if (probe === 'unknown') {
            ended = true;
            closed = true;
            options.onSessionEnded?.();
          } else {
            setTimer(connect, wait);
          }
        },
        () => setTimer(connect, wait),
      );
    };
  };

  const receive = (data: unknown): void => {
    if (typeof data !== 'string') return;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    const message = ServerMessageSchema.safeParse(json);
    if (!message.success) return;
    if (message.data.type === 'result') {
      const settle = pending.get(message.data.id);
      if (!settle) return;
      pending.delete(message.data.id);
      settle(message.data.result as Result<unknown>);
    } else {
      for (const listener of listeners.get(message.data.channel) ?? [])
        listener(message.data.payload);
    }
  };

  connect();

  return {
    invoke<C extends RequestChannel>(
      channel: C,
      request: RequestOf<C>,
    ): Promise<Result<ResponseOf<C>>> {
      const id = nextId++;
      const message: ClientMessage = { type: 'invoke', id, channel, request };
      const text = JSON.stringify(message);
      return new Promise((resolve) => {
        if (ended) {
          resolve({
            ok: false,
            error: {
              code: 'host-unreachable',
              message: 'B24 Presence was restarted: open the address it printed again.',
              field: null,
            },
          });
        } else if (closed) {
          resolve({
            ok: false,
            error: { code: 'disconnected', message: 'The bridge is closed.', field: null },
          });
          return;
        }
        if (socket && socket.readyState === OPEN) {
          pending.set(id, resolve as Pending);
          socket.send(text);
        } else if (everOpened) {
          resolve({
            ok: false,
            error: {
              code: 'host-unreachable',
              message: 'B24 Presence is not reachable: the panel lost its server.',
              field: null,
            },
          });
        } else {
          pending.set(id, resolve as Pending);
          queue.push(text);
        }
      });
    },
    on<C extends EventChannel>(channel: C, listener: (event: EventOf<C>) => void): () => void {
      let set = listeners.get(channel);
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
      }
      const untyped = listener as (payload: unknown) => void;
      set.add(untyped);
      return () => {
        listeners.get(channel)?.delete(untyped);
      };
    },
    close() {
      closed = true;
      socket?.close();
    },
  };
}
