import type { Settings } from './schema.js';

/*
 * What the settings start as, without zod (schema.ts re-exports all of it): the panel reads the
 * defaults at start-up and loads zod only later (renderer/src/lib/validating-bridge.ts).
 */
export const SETTINGS_VERSION = 4;

/**
 * The online limit of a cloud portal: the current messenger's fallback and what Bitrix24's help
 * pages describe (unavailable after 15 minutes). Classic on-premise portals use 1440 s.
 */
export const DEFAULT_ONLINE_LIMIT_SEC = 900;

/**
 * Bitrix24 shows "online" only while the last activity is at most 5 minutes old (the engine's
 * active window). An online limit below it would list people as "offline, seen 2 min ago".
 */
export const ACTIVE_WINDOW_SEC = 300;

/**
 * The online limit's bounds in seconds, the one home the schema, the migration, the CLI, the
 * settings form (its range hint) and the panel's fast checks derive theirs from.
 */
export const ONLINE_LIMIT_SEC = { min: ACTIVE_WINDOW_SEC, max: 86_400 } as const;

export const DEFAULT_SETTINGS: Settings = {
  version: SETTINGS_VERSION,
  connection: { kind: 'none' },
  pollIntervalSec: 30,
  onlineLimitSec: DEFAULT_ONLINE_LIMIT_SEC,
  alerts: {
    scope: 'everyone',
    kinds: { online: true, backFromIdle: false, offline: false, backFromLeave: false },
    burstWindowSec: 10,
    sound: false,
    quietHours: {
      enabled: false,
      windows: [{ days: [0, 1, 2, 3, 4, 5, 6], start: '20:00', end: '08:00' }],
    },
    pausedUntil: null,
  },
  rules: {},
  watchIds: [],
  notifyOnce: [],
  history: { retentionDays: 7 },
  ui: { theme: 'system', language: 'system', startAtLogin: false, startMinimized: false },
};
