import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { AppService } from '../core/ports.js';
import { forwardEvents } from './push.js';
import { isTrustedSender } from './security/sender.js';
import type { PanelWindow } from './window.js';
import {
  REQUEST_CHANNELS,
  ipcRequestName,
  parseRequest,
  type RequestChannel,
  type RequestError,
  type RequestOf,
  type ResponseOf,
  type Result,
} from '../shared/contract.js';

/*
 * The one place that talks to ipcMain (lint bans it elsewhere). Every request channel of the
 * contract is registered through `guardedHandler`, which refuses foreign senders, validates the
 * payload against the contract's schema and always answers with a Result envelope: nothing
 * throws across IPC, and no error text from inside the engine reaches the page unredacted.
 */
export type IpcRegistrar = Pick<IpcMain, 'handle' | 'removeHandler'>;

export interface IpcOptions {
  /** The sender check (see security/sender.ts). */
  readonly isTrusted: (event: IpcMainInvokeEvent) => boolean;
  readonly handle: <C extends RequestChannel>(
    channel: C,
    request: RequestOf<C>,
  ) => Promise<Result<ResponseOf<C>>>;
  readonly log?: (line: string) => void;
}

/** The error Result the panel receives, for refusals made here before the service is asked. */
const errorResult = (code: string, message: string): { ok: false; error: RequestError } => ({
  ok: false,
  error: { code, message, field: null },
});

export function guardedHandler<C extends RequestChannel>(
  channel: C,
  options: IpcOptions,
): (event: IpcMainInvokeEvent, payload: unknown) => Promise<Result<ResponseOf<C>>> {
  const log = options.log ?? (() => {});
  return async (event, payload) => {
    if (!options.isTrusted(event)) {
      log(`ipc: refused ${channel} from an untrusted sender`);
      return errorResult('forbidden-sender', 'This window may not use the app interface.');
    }
    const parsed = parseRequest(channel, payload);
    if (!parsed.ok) {
      log(`ipc: refused ${channel}: invalid payload (${parsed.error.field ?? 'root'})`);
      return parsed;
    }
    try {
      return await options.handle(channel, parsed.value);
    } catch (error) {
      // The service promises Results; a throw is a bug. Its message may carry a URL, so it stays in main.
      log(`ipc: ${channel} threw ${error instanceof Error ? error.name : typeof error}`);
      return errorResult('internal', 'Something went wrong in the app. Try again.');
    }
  };
}

/** Registers every request channel; returns a function that removes them again. */
export function bindIpc(ipc: IpcRegistrar, options: IpcOptions): () => void {
  for (const channel of REQUEST_CHANNELS) {
    ipc.handle(ipcRequestName(channel), guardedHandler(channel, options));
  }
  return () => {
    for (const channel of REQUEST_CHANNELS) ipc.removeHandler(ipcRequestName(channel));
  };
}

/** Electron's ipcMain is obtained here only, lazily, so unit tests can load this module. */
export async function registerIpc(options: IpcOptions): Promise<() => void> {
  const { ipcMain } = await import('electron');
  return bindIpc(ipcMain, options);
}

/**
 * The panel's bridge to the service: its requests answered (from the panel window only), the
 * service's events pushed to it while a window exists.
 */
export async function setupIpc(
  service: Pick<AppService, 'handle' | 'on'>,
  panel: Pick<PanelWindow, 'current' | 'send'>,
  log: (line: string) => void,
  register: (options: IpcOptions) => Promise<() => void> = registerIpc,
): Promise<() => void> {
  const unregister = await register({
    isTrusted: (event) =>
      isTrustedSender(event.sender, event.senderFrame, panel.current?.webContents ?? null),
    handle: (channel, request) => service.handle(channel, request),
    log,
  });
  const stopForwarding = forwardEvents(service, () =>
    panel.current ? (wire, payload) => panel.send(wire, payload) : null,
  );
  return () => {
    stopForwarding();
    unregister();
  };
}
