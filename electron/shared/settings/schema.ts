import { z } from 'zod';
import { ONLINE_LIMIT_SEC, SETTINGS_VERSION } from './defaults.js';
import { mergeSettingsUpdate } from './merge.js';

/*
 * User settings: one schema for the store on disk, the IPC contract and the settings form.
 * The credential itself is never part of Settings: the shell keeps it encrypted on its own.
 * The version and the defaults live in defaults.ts (no zod: the panel starts without it).
 */
export {
  ACTIVE_WINDOW_SEC,
  DEFAULT_ONLINE_LIMIT_SEC,
  DEFAULT_SETTINGS,
  ONLINE_LIMIT_SEC,
  SETTINGS_VERSION,
} from './defaults.js';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM, 00:00 to 23:59');

export const QuietWindowSchema = z.object({
  /** 0 = Sunday … 6 = Saturday, as Date#getDay. */
  days: z.array(z.number().int().min(0).max(6)).max(7),
  start: hhmm,
  /** May be earlier than start: the window then wraps past midnight. */
  end: hhmm,
});
export type QuietWindow = z.infer<typeof QuietWindowSchema>;

/**
 * How the app connects. OAuth is not among them: the REST client speaks it, but connecting
 * through it needs a registered Bitrix24 app and redirect handling (electron/core/bitrix/README.md).
 */
export const ConnectionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('demo') }),
  /** portalHost only: the URL with its code lives in the encrypted secret store. */
  z.object({
    kind: z.literal('webhook'),
    portalHost: z.string().min(1),
    userId: z.number().int().positive(),
  }),
]);
export type ConnectionSettings = z.infer<typeof ConnectionSchema>;

export const AlertKindsSchema = z.object({
  online: z.boolean(),
  backFromIdle: z.boolean(),
  offline: z.boolean(),
  backFromLeave: z.boolean(),
});

export const AlertSettingsSchema = z.object({
  scope: z.enum(['everyone', 'starred', 'nobody']),
  kinds: AlertKindsSchema,
  /** Changes within this window become one notification. */
  burstWindowSec: z.number().int().min(0).max(300),
  sound: z.boolean(),
  quietHours: z.object({ enabled: z.boolean(), windows: z.array(QuietWindowSchema).max(14) }),
  /** Alerts held back until this time (epoch ms), or null. */
  pausedUntil: z.number().int().nonnegative().nullable(),
});
export type AlertSettings = z.infer<typeof AlertSettingsSchema>;

export const SettingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION),
  connection: ConnectionSchema,
  pollIntervalSec: z.number().int().min(2, 'At least 2 seconds').max(3600, 'At most one hour'),
  /** The portal's online limit (PHP session lifetime), never shorter than the 5-minute "online" window. */
  onlineLimitSec: z
    .number()
    .int()
    .min(ONLINE_LIMIT_SEC.min, `At least ${ONLINE_LIMIT_SEC.min / 60} minutes`)
    .max(ONLINE_LIMIT_SEC.max),
  alerts: AlertSettingsSchema,
  /** Per-colleague alert rules, keyed by user id. */
  rules: z.record(z.string().regex(/^\d+$/), z.enum(['starred', 'muted'])),
  /** People watched in addition to the department colleagues. */
  watchIds: z.array(z.number().int().positive()).max(500),
  /**
   * "Tell me when … is available": one alert the next time each of them comes online or back
   * from no activity, whatever the scope and mutes say; then the request clears itself.
   */
  notifyOnce: z
    .array(z.object({ id: z.number().int().positive(), since: z.number().int().nonnegative() }))
    .max(200),
  /** The presence history behind the timeline, kept only on this machine. */
  history: z.object({
    /** Days kept, today included; 0 keeps none. */
    retentionDays: z.number().int().min(0, 'At least 0 days').max(30, 'At most 30 days'),
  }),
  ui: z.object({
    theme: z.enum(['system', 'light', 'dark']),
    language: z.enum(['system', 'en', 'ru']),
    startAtLogin: z.boolean(),
    startMinimized: z.boolean(),
  }),
});
export type Settings = z.infer<typeof SettingsSchema>;

/**
 * A partial update as the settings form sends it: any subset, nested objects merged. The
 * connection is not part of it: only connecting and disconnecting change that.
 */
export const SettingsUpdateSchema = z.object({
  pollIntervalSec: SettingsSchema.shape.pollIntervalSec.optional(),
  onlineLimitSec: SettingsSchema.shape.onlineLimitSec.optional(),
  alerts: AlertSettingsSchema.partial().optional(),
  rules: SettingsSchema.shape.rules.optional(),
  watchIds: SettingsSchema.shape.watchIds.optional(),
  notifyOnce: SettingsSchema.shape.notifyOnce.optional(),
  history: SettingsSchema.shape.history.partial().optional(),
  ui: SettingsSchema.shape.ui.partial().optional(),
});
export type SettingsUpdate = z.infer<typeof SettingsUpdateSchema>;

export function applySettingsUpdate(current: Settings, update: SettingsUpdate): Settings {
  return SettingsSchema.parse(mergeSettingsUpdate(current, update));
}
