import {
  DEFAULT_ONLINE_LIMIT_SEC,
  ONLINE_LIMIT_SEC,
  SETTINGS_VERSION,
} from '../../shared/settings/schema.js';

/** The default online limit of version 1: PHP's session lifetime, which cloud portals do not use. */
const VERSION_1_DEFAULT_ONLINE_LIMIT_SEC = 1440;

/**
 * Settings migrations: each step takes the stored object of version N and returns version
 * N + 1. They run on the raw JSON before validation, so a step may rename, reshape or drop
 * fields the schema no longer accepts. To change the settings shape: bump SETTINGS_VERSION,
 * add the step here (keyed by the version it upgrades FROM) and a test with a real old file.
 */
export type RawSettings = Record<string, unknown>;
export type Migration = (from: RawSettings) => RawSettings;

export const MIGRATIONS: Readonly<Record<number, Migration>> = {
  // Files written before settings carried a version number: same shape as version 1.
  0: (from) => ({ ...from, version: 1 }),
  // The default online limit became 900 s. A file still holding the old default moves with it;
  // any other value is the user's choice and stays.
  1: (from) => ({
    ...from,
    version: 2,
    ...(from.onlineLimitSec === VERSION_1_DEFAULT_ONLINE_LIMIT_SEC
      ? { onlineLimitSec: DEFAULT_ONLINE_LIMIT_SEC }
      : {}),
  }),
  // OAuth left the settings (it stays client code only): a saved OAuth connection, which the
  // app never could start, becomes "not connected". Its encrypted secret is no webhook URL,
  // so nothing else can use it either.
  2: (from) => ({
    ...from,
    version: 3,
    ...(isOAuthConnection(from.connection) ? { connection: { kind: 'none' } } : {}),
  }),
  // The online limit can no longer be shorter than the 5-minute "online" window: a shorter one
  // (2 to 4 minutes were accepted) listed people as "offline, seen 1 min ago". It rises to 5.
  3: (from) => ({
    ...from,
    version: 4,
    ...(typeof from.onlineLimitSec === 'number' && from.onlineLimitSec < ONLINE_LIMIT_SEC.min
      ? { onlineLimitSec: ONLINE_LIMIT_SEC.min }
      : {}),
  }),
};

function isOAuthConnection(connection: unknown): boolean {
  return (
    typeof connection === 'object' &&
    connection !== null &&
    (connection as { kind?: unknown }).kind === 'oauth'
  );
}

export type MigrationOutcome =
  | { readonly kind: 'current'; readonly value: RawSettings }
  | { readonly kind: 'migrated'; readonly value: RawSettings; readonly from: number }
  /** Written by a newer app version: never downgraded in place. */
  | { readonly kind: 'newer'; readonly version: number }
  | { readonly kind: 'invalid'; readonly reason: string };

export function storedVersion(raw: RawSettings): number | null {
  if (!('version' in raw)) return 0;
  const version = raw.version;
  return typeof version === 'number' && Number.isInteger(version) && version >= 0 ? version : null;
}

export function migrateSettings(
  raw: unknown,
  migrations: Readonly<Record<number, Migration>> = MIGRATIONS,
  target: number = SETTINGS_VERSION,
): MigrationOutcome {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { kind: 'invalid', reason: 'The settings file does not hold an object.' };
  }
  const from = storedVersion(raw as RawSettings);
  if (from === null)
    return { kind: 'invalid', reason: 'The settings version is not a whole number.' };
  if (from > target) return { kind: 'newer', version: from };
  let value = raw as RawSettings;
  for (let version = from; version < target; version++) {
    const step = migrations[version];
    if (!step) return { kind: 'invalid', reason: `No migration from settings version ${version}.` };
    value = step(value);
  }
  return from === target ? { kind: 'current', value } : { kind: 'migrated', value, from };
}
