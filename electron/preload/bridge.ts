import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { PresenceBridge, Result } from '../shared/contract.js';
import {
  EVENT_CHANNEL_NAMES,
  IPC_EVENT_PREFIX,
  IPC_REQUEST_PREFIX,
  REQUEST_CHANNEL_NAMES,
} from '../shared/channels.js';

const requestNames: ReadonlySet<string> = new Set(REQUEST_CHANNEL_NAMES);
const eventNames: ReadonlySet<string> = new Set(EVENT_CHANNEL_NAMES);

/**
 * The object the panel sees as window.b24presence: the contract's channels and nothing else.
 * The IPC event object is never handed to the page (it would leak `sender`, i.e. ipcRenderer),
 * and unknown channel names are refused here so a compromised page cannot reach arbitrary IPC.
 */
export function createBridge(
  ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>,
): PresenceBridge {
  return {
    invoke(channel, request) {
      if (!requestNames.has(channel)) {
        const refused: Result<never> = {
          ok: false,
          error: {
            code: 'unknown-channel',
            message: `Unknown request channel: ${String(channel)}`,
            field: null,
          },
        };
        return Promise.resolve(refused);
      }
      return ipc.invoke(IPC_REQUEST_PREFIX + channel, request);
    },
    on(channel, listener) {
      if (!eventNames.has(channel)) throw new Error(`Unknown event channel: ${String(channel)}`);
      const wire = IPC_EVENT_PREFIX + channel;
      const forward = (_event: IpcRendererEvent, payload: unknown): void =>
        listener(payload as never);
      ipc.on(wire, forward);
      return () => {
        ipc.removeListener(wire, forward);
      };
    },
  };
}
