/*
 * The one list of channel names, wire prefixes and the bridge's global, as plain data: the
 * sandboxed preload reads it without bundling zod, and contract.ts's schema maps are checked
 * against it by the type system (`satisfies`), so a channel named in one place only fails
 * the type check.
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
  'timeline:get',
  'history:forget',
  'notify-once:set',
  'people:search',
  'app:about',
] as const;
export type RequestChannelName = (typeof REQUEST_CHANNEL_NAMES)[number];

export const EVENT_CHANNEL_NAMES = [
  'snapshot',
  'patch',
  'health',
  'reports',
  'truncation',
  'alert',
  'settings',
  'connection',
  'focus-colleague',
  'open-settings',
  'digest',
] as const;

export type EventChannelName = (typeof EVENT_CHANNEL_NAMES)[number];

/** The name of the bridge object on `window` (preload, browser mode's page, test fakes). */
export const BRIDGE_GLOBAL_NAME = 'b24presence';

export const IPC_REQUEST_PREFIX = 'b24:req:';
export const IPC_EVENT_PREFIX = 'b24:evt:';
