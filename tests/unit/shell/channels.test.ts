import { describe, expect, it } from 'vitest';
import {
  BRIDGE_GLOBAL,
  EVENT_CHANNELS,
  REQUEST_CHANNELS,
  ipcEventName,
  ipcRequestName,
} from '../../../electron/shared/contract.js';
import {
  BRIDGE_GLOBAL_NAME,
  EVENT_CHANNEL_NAMES,
  IPC_EVENT_PREFIX,
  IPC_REQUEST_PREFIX,
  REQUEST_CHANNEL_NAMES,
} from '../../../electron/shared/channels.js';

describe('plain channel lists used by the preload', () => {
  it('name exactly the contract request channels', () => {
    expect([...REQUEST_CHANNEL_NAMES].sort()).toEqual([...REQUEST_CHANNELS].sort());
  });

  it('name exactly the contract event channels', () => {
    expect([...EVENT_CHANNEL_NAMES].sort()).toEqual([...EVENT_CHANNELS].sort());
  });

  it('build the same wire names and global as the contract', () => {
    for (const channel of REQUEST_CHANNELS) expect(IPC_REQUEST_PREFIX + channel).toBe(ipcRequestName(channel));
    for (const channel of EVENT_CHANNELS) expect(IPC_EVENT_PREFIX + channel).toBe(ipcEventName(channel));
    expect(BRIDGE_GLOBAL_NAME).toBe(BRIDGE_GLOBAL);
  });
});
