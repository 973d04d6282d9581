import { describe, expect, it, vi } from 'vitest';
import { createBridge } from '../../../../electron/preload/bridge.js';
import type { RequestChannel, EventChannel } from '../../../../electron/shared/contract.js';

// Electron's types come through the module under test: tests never name 'electron' (lint).
type IpcLike = Parameters<typeof createBridge>[0];
type IpcRendererEvent = Parameters<Parameters<IpcLike['on']>[1]>[0];

type Listener = (event: IpcRendererEvent, ...args: unknown[]) => void;

function fakeIpcRenderer() {
  const listeners = new Map<string, Set<Listener>>();
  const invoke = vi.fn(async (channel: string, request: unknown) => ({
    ok: true,
    value: { channel, request },
  }));
  const ipc = {
    invoke,
    on(channel: string, listener: Listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)?.add(listener);
      return ipc;
    },
    removeListener(channel: string, listener: Listener) {
      listeners.get(channel)?.delete(listener);
      return ipc;
    },
  };
  const emit = (channel: string, payload: unknown): void => {
    const event = { sender: 'the-ipc-renderer' } as unknown as IpcRendererEvent;
    for (const listener of listeners.get(channel) ?? []) listener(event, payload);
  };
  return { ipc: ipc as unknown as IpcLike, invoke, emit, listeners };
}

describe('preload bridge', () => {
  it('invokes contract channels on their namespaced wire name', async () => {
    const fake = fakeIpcRenderer();
    const bridge = createBridge(fake.ipc);
    const result = await bridge.invoke('alerts:pause', { until: null });
    expect(fake.invoke).toHaveBeenCalledWith('b24:req:alerts:pause', { until: null });
    expect(result).toEqual({
      ok: true,
      value: { channel: 'b24:req:alerts:pause', request: { until: null } },
    });
  });

  it('refuses an unknown request channel without touching IPC', async () => {
    const fake = fakeIpcRenderer();
    const bridge = createBridge(fake.ipc);
    const result = await bridge.invoke('electron-store-get-data' as RequestChannel, null as never);
    expect(result.ok).toBe(false);
    expect(result.ok ? null : result.error.code).toBe('unknown-channel');
    expect(fake.invoke).not.toHaveBeenCalled();
  });

  it('delivers only the payload to listeners, never the IPC event', () => {
    const fake = fakeIpcRenderer();
    const bridge = createBridge(fake.ipc);
    const received: unknown[][] = [];
    bridge.on('focus-colleague', (...args: unknown[]) => received.push(args));
    fake.emit('b24:evt:focus-colleague', { id: 7 });
    expect(received).toEqual([[{ id: 7 }]]);
  });

  it('unsubscribes', () => {
    const fake = fakeIpcRenderer();
    const bridge = createBridge(fake.ipc);
    const listener = vi.fn();
    const off = bridge.on('patch', listener);
    off();
    fake.emit('b24:evt:patch', { seq: 1 });
    expect(listener).not.toHaveBeenCalled();
    expect(fake.listeners.get('b24:evt:patch')?.size).toBe(0);
  });

  it('refuses an unknown event channel', () => {
    const fake = fakeIpcRenderer();
    const bridge = createBridge(fake.ipc);
    expect(() => bridge.on('ELECTRON_BROWSER_WINDOW' as EventChannel, () => {})).toThrow(
      /Unknown event channel/,
    );
    expect(fake.listeners.size).toBe(0);
  });
});
