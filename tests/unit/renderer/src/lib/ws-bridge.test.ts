import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import {
  createWsBridge,
  type SessionProbe,
  type SocketLike,
} from '../../../../../renderer/src/lib/ws-bridge.js';
import { WS_PATH } from '../../../../../electron/shared/ws-protocol.js';

const HEALTH = { state: 'ok', since: 1, until: null, lastSuccessAt: 1, code: null, message: null };

describe('WebSocket bridge', () => {
  const servers: WebSocketServer[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await new Promise((done) => server.close(done));
  });

  async function start(
    onMessage: (
      socket: WebSocket,
      message: { id: number; channel: string; request: unknown },
    ) => void,
  ) {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0, path: WS_PATH });
    servers.push(server);
    await new Promise((ready) => server.once('listening', ready));
    const urls: string[] = [];
    server.on('connection', (socket, request) => {
      urls.push(request.url ?? '');
      socket.on('message', (data) => onMessage(socket, JSON.parse(String(data))));
    });
    const port = (server.address() as { port: number }).port;
    return { server, urls, url: `ws://127.0.0.1:${port}${WS_PATH}?token=abc` };
  }

  it('sends invokes (queued until open), matches results by id and delivers events', async () => {
    const { url, urls } = await start((socket, message) => {
      socket.send(JSON.stringify({ type: 'event', channel: 'health', payload: HEALTH }));
      socket.send(
        JSON.stringify({ type: 'result', id: message.id, result: { ok: true, value: null } }),
      );
    });
    const bridge = createWsBridge(url, {
      createSocket: (u) => new WebSocket(u) as unknown as SocketLike,
    });
    const events: unknown[] = [];
    bridge.on('health', (health) => events.push(health));
    expect(await bridge.invoke('poll:refresh', null)).toEqual({ ok: true, value: null });
    expect(events).toEqual([HEALTH]);
    expect(urls).toEqual([`${WS_PATH}?token=abc`]);
    bridge.close();
  });

  it('fails requests in flight when the socket drops, then reconnects', async () => {
    let connections = 0;
    const { server, url } = await start((socket, message) => {
      if (message.channel === 'snapshot:get') socket.terminate();
      else
        socket.send(
          JSON.stringify({ type: 'result', id: message.id, result: { ok: true, value: null } }),
        );
    });
    server.on('connection', () => connections++);
    let reconnected = 0;
    const bridge = createWsBridge(url, {
      createSocket: (u) => new WebSocket(u) as unknown as SocketLike,
      minDelayMs: 10,
      onReconnect: () => reconnected++,
    });
    expect(await bridge.invoke('snapshot:get', null)).toMatchObject({
      ok: false,
      error: { code: 'disconnected' },
    });
    // While the server is lost, a request fails at once instead of waiting for a reconnect.
    expect(await bridge.invoke('poll:refresh', null)).toMatchObject({
      ok: false,
      error: { code: 'host-unreachable' },
    });
    await expect.poll(() => reconnected).toBe(1);
    expect(await bridge.invoke('poll:refresh', null)).toEqual({ ok: true, value: null });
    expect(connections).toBe(2);
    expect(reconnected).toBe(1);
    bridge.close();
  });

  it('never sends later a request it already reported as failed', async () => {
    // A socket that never opens, then drops: the queued request is failed at once...
    const sockets: Array<SocketLike & { sent: string[] }> = [];
    const reconnects: Array<() => void> = [];
    const bridge = createWsBridge('ws://127.0.0.1:1/bridge', {
      createSocket: () => {
        const socket = {
          readyState: 0,
          sent: [] as string[],
          send: (text: string) => socket.sent.push(text),
          close: () => undefined,
        } as unknown as SocketLike & { sent: string[] };
        sockets.push(socket);
        return socket;
      },
      setTimer: (callback) => reconnects.push(callback),
    });
    const answer = bridge.invoke('connection:disconnect', null);
    sockets[0]!.onclose?.({});
    expect(await answer).toMatchObject({ ok: false, error: { code: 'disconnected' } });
    // ...and when the next socket opens, it is not sent behind the user's back.
    reconnects[0]!();
    (sockets[1] as unknown as { readyState: number }).readyState = 1;
    sockets[1]!.onopen?.({});
    expect(sockets[1]!.sent).toEqual([]);
    bridge.close();
  });

  it('keeps reconnecting while the server is away, and stops, saying so, once a server up does not know the page', async () => {
    const sockets: SocketLike[] = [];
    const reconnects: Array<() => void> = [];
    const probes: SessionProbe[] = ['unreachable', 'known', 'unknown'];
    let ended = 0;
    const bridge = createWsBridge('ws://127.0.0.1:1/bridge', {
      createSocket: () => {
        const socket = {
          readyState: 0,
          send: () => undefined,
          close: () => undefined,
        } as unknown as SocketLike;
        sockets.push(socket);
        return socket;
      },
      setTimer: (callback) => reconnects.push(callback),
      probeSession: () => Promise.resolve(probes.shift()!),
      onSessionEnded: () => ended++,
    });
    for (let attempt = 1; attempt <= 2; attempt++) {
      sockets.at(-1)!.onclose?.({});
      await vi.waitFor(() => expect(reconnects).toHaveLength(attempt));
      reconnects.at(-1)!();
    }
    // The third refusal comes from a server that is up and knows no session: a restart.
    sockets.at(-1)!.onclose?.({});
    await vi.waitFor(() => expect(ended).toBe(1));
    expect(reconnects).toHaveLength(2);
    expect(sockets).toHaveLength(3);
    expect(await bridge.invoke('poll:refresh', null)).toMatchObject({
      ok: false,
      error: { code: 'host-unreachable', message: expect.stringContaining('restarted') },
    });
  });
});
