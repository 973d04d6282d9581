import { describe, expect, it, vi } from 'vitest';
import {
  bindIpc,
  guardedHandler,
  setupIpc,
  type IpcOptions,
  type IpcRegistrar,
} from '../../../../electron/main/ipc.js';
import { fakeService } from '../../../support/fake-service.js';
import { isAppUrl, isTrustedSender } from '../../../../electron/main/security/sender.js';
import { REQUEST_CHANNELS, ipcRequestName } from '../../../../electron/shared/contract.js';

type InvokeEvent = Parameters<IpcOptions['isTrusted']>[0];
type Frame = Parameters<typeof isTrustedSender>[1];

const PANEL_ID = 1;
const panelContents = { id: PANEL_ID };
const topFrame = (url: string): Frame => ({ url, parent: null }) as Frame;

function eventFrom(senderId: number, frame: Frame): InvokeEvent {
  return { sender: { id: senderId }, senderFrame: frame } as unknown as InvokeEvent;
}

function options(handle: IpcOptions['handle']): IpcOptions {
  return {
    isTrusted: (event) => isTrustedSender(event.sender, event.senderFrame, panelContents),
    handle,
  };
}

const trusted = eventFrom(PANEL_ID, topFrame('app://panel/index.html#settings'));

describe('guarded IPC handler', () => {
  it('passes a valid request from the panel to the service', async () => {
    const handle = vi.fn(async () => ({ ok: true as const, value: null }));
    const result = await guardedHandler('alerts:pause', options(handle as IpcOptions['handle']))(
      trusted,
      { until: 123 },
    );
    expect(result).toEqual({ ok: true, value: null });
    expect(handle).toHaveBeenCalledWith('alerts:pause', { until: 123 });
  });

  it('rejects a foreign sender before validating or calling the service', async () => {
    const handle = vi.fn();
    const otherWindow = eventFrom(2, topFrame('app://panel/index.html'));
    const result = await guardedHandler('poll:refresh', options(handle))(otherWindow, null);
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(handle).not.toHaveBeenCalled();
  });

  it('rejects the panel window when its frame shows a remote page', async () => {
    const handle = vi.fn();
    const navigated = eventFrom(PANEL_ID, topFrame('https://evil.example/index.html'));
    const result = await guardedHandler('session:get', options(handle))(navigated, null);
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(handle).not.toHaveBeenCalled();
  });

  it('rejects a bad payload with the field it is about', async () => {
    const handle = vi.fn();
    const result = await guardedHandler('colleague:set-rule', options(handle))(trusted, {
      id: -4,
      rule: 'starred',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-payload', field: 'id' } });
    expect(handle).not.toHaveBeenCalled();
  });

  it('turns a throwing service into an error Result without its message', async () => {
    const handle = vi.fn(async () => {
      throw new Error('failed https://portal.example/rest/1/SECRETCODE/');
    });
    const log = vi.fn();
    const result = await guardedHandler('poll:refresh', { ...options(handle), log })(trusted, null);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('SECRETCODE');
    expect(JSON.stringify(log.mock.calls)).not.toContain('SECRETCODE');
  });
});

describe('bindIpc', () => {
  it('registers every contract channel once and removes them all', () => {
    const handled = new Map<string, unknown>();
    const registrar = {
      handle: (channel: string, listener: unknown) => {
        if (handled.has(channel)) throw new Error(`twice: ${channel}`);
        handled.set(channel, listener);
      },
      removeHandler: (channel: string) => handled.delete(channel),
    } as unknown as IpcRegistrar;
    const dispose = bindIpc(registrar, options(vi.fn()));
    expect([...handled.keys()].sort()).toEqual(REQUEST_CHANNELS.map(ipcRequestName).sort());
    dispose();
    expect(handled.size).toBe(0);
  });
});

describe('sender check', () => {
  it('accepts only the panel top frame on app://panel', () => {
    expect(
      isTrustedSender({ id: PANEL_ID }, topFrame('app://panel/index.html'), panelContents),
    ).toBe(true);
    expect(isTrustedSender({ id: PANEL_ID }, null, panelContents)).toBe(false);
    expect(isTrustedSender({ id: PANEL_ID }, topFrame('app://panel/'), null)).toBe(false);
    const subframe = {
      url: 'app://panel/index.html',
      parent: topFrame('app://panel/index.html'),
    } as Frame;
    expect(isTrustedSender({ id: PANEL_ID }, subframe, panelContents)).toBe(false);
  });

  it.each([
    'app://other/index.html',
    'app://panel@evil/index.html',
    'file:///app/dist/renderer/index.html',
    'http://panel/index.html',
    'about:blank',
    '',
  ])('refuses %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });
});

describe('setupIpc', () => {
  it("answers the panel window only, and pushes the service's events while a window exists", async () => {
    const fake = fakeService();
    const sent: Array<[string, unknown]> = [];
    const panel: {
      current: { webContents: { id: number } } | null;
      send(wire: string, payload: unknown): void;
    } = {
      current: { webContents: panelContents },
      send: (wire, payload) => void sent.push([wire, payload]),
    };
    let registered: IpcOptions | null = null;
    const dispose = await setupIpc(
      fake.service,
      panel as never,
      () => {},
      async (options) => {
        registered = options;
        return () => undefined;
      },
    );
    const options = registered as unknown as IpcOptions;
    expect(options.isTrusted(trusted)).toBe(true);
    expect(options.isTrusted(eventFrom(7, topFrame('app://panel/index.html')))).toBe(false);
    await options.handle('poll:refresh', null);
    expect(fake.handled).toEqual([{ channel: 'poll:refresh', request: null }]);
    fake.emit('open-settings', null);
    expect(sent).toEqual([['b24:evt:open-settings', null]]);
    panel.current = null;
    fake.emit('open-settings', null);
    expect(sent).toHaveLength(1);
    dispose();
  });
});
