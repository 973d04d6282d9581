/**
 * The contract's channel names as plain data, for the sandboxed preload: importing
 * contract.ts there would bundle zod into a file that must stay tiny. A unit test keeps these
 * lists equal to the contract's maps, so adding a channel there without adding it here fails.
 */
export const REQUEST_CHANNEL_NAMES = [
  'session:get',
  'snapshot:get',
  'settings:update',
  'connection:test',
  'connection:connect',
  'connection:disconnect',
  'poll:refresh',
  'alerts:pause',
  'colleague:set-rule',
  'watch:set',
  'chat:open',
  'departments:get',
] as const;

export const EVENT_CHANNEL_NAMES = [
  'snapshot',
  'patch',
  'health',
  'reports',
  'alert',
  'settings',
  'connection',
  'focus-colleague',
  'open-settings',
] as const;

/** Same as contract.ts's BRIDGE_GLOBAL (asserted by a test). */
export const BRIDGE_GLOBAL_NAME = 'b24presence';

export const IPC_REQUEST_PREFIX = 'b24:req:';
export const IPC_EVENT_PREFIX = 'b24:evt:';
