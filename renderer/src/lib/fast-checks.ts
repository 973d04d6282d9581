import { ONLINE_LIMIT_SEC, SETTINGS_VERSION } from '$shared/settings/defaults.js';

/**
 * Exact-shape checks for the contract's hot messages: the session and snapshots (thousands of
 * colleagues), patches and the small frequent events. Zod (jitless, as the CSP requires) is far
 * slower on a large snapshot than these (tests/bench/panel.ts measures the check at start-up).
 *
 * A check answers one question: is this value exactly what the contract's zod schema would
 * return for it? True only when the schema accepts the value *and* would hand back an equal
 * value (no unknown keys to strip). Anything else (a bad field, an extra key, a shape these
 * checks do not know) is false, and validating-bridge.ts then asks zod, which refuses or strips
 * as it always did. So a true here may skip zod, a false never lets anything through.
 * tests/unit/renderer/src/lib/fast-checks.test.ts proves it against the zod schemas with fast-check.
 * No code generation: closures over plain functions, as the CSP (no 'unsafe-eval') requires.
 */
import { CALENDAR_KINDS } from '$shared/calendar.js';
import {
  ALERT_INTENT_KINDS,
  GENDERS,
  HEALTH_STATES,
  HOST_KINDS,
  PRESENCES,
} from '$shared/domain.js';
import { TIMELINE_STATES } from '$shared/timeline.js';
import type { EventChannel, RequestChannel } from '$shared/contract.js';

export type Check = (value: unknown) => boolean;

const MAX = Number.MAX_SAFE_INTEGER;

const str: Check = (v) => typeof v === 'string';
const bool: Check = (v) => typeof v === 'boolean';
/** z.number().int() with bounds: a safe integer within [min, max]. */
const int =
  (min = -MAX, max = MAX): Check =>
  (v) =>
    typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max;
const id = int(1);
const epoch = int(0);
const oneOf = (...values: readonly (string | number)[]): Check => {
  const set = new Set<unknown>(values);
  return (v) => set.has(v);
};
const nullable =
  (check: Check): Check =>
  (v) =>
    v === null || check(v);
const array =
  (item: Check, max = Infinity): Check =>
  (v) => {
    if (!Array.isArray(v) || v.length > max) return false;
    for (let i = 0; i < v.length; i++) if (!item(v[i])) return false;
    return true;
  };
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * An object with exactly these keys (none missing, none extra), each passing its check, plus
 * any of the `optional` ones (zod's `.optional()`): when present, not undefined and passing.
 */
function object(
  shape: Readonly<Record<string, Check>>,
  optional: Readonly<Record<string, Check>> = {},
): Check {
  const keys = Object.keys(shape);
  const checks = keys.map((key) => shape[key] as Check);
  const count = keys.length;
  const optionalKeys = Object.keys(optional);
  const optionalChecks = optionalKeys.map((key) => optional[key] as Check);
  return (v) => {
    if (!isRecord(v)) return false;
    let own = 0;
    for (const key in v) {
      if (!Object.hasOwn(v, key)) return false;
      own++;
    }
    for (let i = 0; i < optionalKeys.length; i++) {
      const key = optionalKeys[i] as string;
      if (!Object.hasOwn(v, key)) continue;
      if (!(optionalChecks[i] as Check)(v[key])) return false; // every check refuses undefined
      own--;
    }
    if (own !== count) return false;
    for (let i = 0; i < count; i++) {
      const key = keys[i] as string;
      if (!Object.hasOwn(v, key) || !(checks[i] as Check)(v[key])) return false;
    }
    return true;
  };
}

/** zod's z.tuple without rest: an array of exactly these items. */
const tuple =
  (...items: readonly Check[]): Check =>
  (v) => {
    if (!Array.isArray(v) || v.length !== items.length) return false;
    for (let i = 0; i < items.length; i++) if (!(items[i] as Check)(v[i])) return false;
    return true;
  };

/** An object whose keys are all optional (zod's `.partial()`), no others. */
function partialObject(shape: Readonly<Record<string, Check>>): Check {
  return (v) => {
    if (!isRecord(v)) return false;
    for (const key in v) {
      const check = Object.hasOwn(shape, key) ? shape[key] : undefined;
      if (!Object.hasOwn(v, key) || check === undefined || !check(v[key])) return false;
    }
    return true;
  };
}

/** zod's discriminatedUnion: the member whose `key` literal matches decides. */
function union(key: string, members: Readonly<Record<string, Check>>): Check {
  return (v) => {
    if (!isRecord(v)) return false;
    const tag = v[key];
    const member =
      typeof tag === 'string' && Object.hasOwn(members, tag) ? members[tag] : undefined;
    return member !== undefined && member(v);
  };
}

function recordOf(keyPattern: RegExp, value: Check): Check {
  return (v) => {
    if (!isRecord(v)) return false;
    for (const key in v)
      if (!Object.hasOwn(v, key) || !keyPattern.test(key) || !value(v[key])) return false;
    return true;
  };
}

// ---- the contract's shapes (electron/shared/contract.ts, settings/schema.ts) ----

const presence = oneOf(...PRESENCES);
const colleagueFields = {
  name: str,
  firstName: str,
  lastName: str,
  position: str,
  departments: array(int()),
  avatar: nullable(str),
  color: nullable(str),
  presence,
  presenceSince: nullable(epoch),
  lastActivity: nullable(epoch),
  desktop: bool,
  status: str,
  absentUntil: nullable(str),
  bot: bool,
  extranet: bool,
  gender: nullable(oneOf(...GENDERS)),
  calendar: isCalendarOrNull,
  timeZone: nullable(str),
};
const COLLEAGUE_KEYS = Object.keys(colleagueFields).length + 1;
const PRESENCE_SET = new Set<unknown>(PRESENCES);
const GENDER_SET = new Set<unknown>(GENDERS);
const isText = (v: unknown): boolean => typeof v === 'string';
const isTextOrNull = (v: unknown): boolean => v === null || typeof v === 'string';
const isEpochOrNull = (v: unknown): boolean =>
  v === null || (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0);
const CALENDAR_KIND_SET = new Set<unknown>(CALENDAR_KINDS);
/** CalendarBlockSchema's exact shape: { kind, from, until } and no other key. */
function isCalendarBlock(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const b = v as Record<string, unknown>;
  return (
    Object.keys(b).length === 3 && CALENDAR_KIND_SET.has(b.kind) && epoch(b.from) && epoch(b.until)
  );
}
function isCalendarOrNull(v: unknown): boolean {
  if (v === null) return true;
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (!isCalendarBlock(v[i])) return false;
  return true;
}
function isIntList(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (!Number.isSafeInteger(v[i])) return false;
  return true;
}
/**
 * The same as object({ id, ...colleagueFields }), written out: it runs 5,000 times at start-up,
 * once, mostly before the JIT has warmed up, where every closure call counts (tests/bench/panel.ts).
 * Every field check refuses undefined, so the key count plus the 19 reads find a missing key.
 */
export function isColleague(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const c = value as Record<string, unknown>;
  return (
    Object.keys(c).length === COLLEAGUE_KEYS &&
    typeof c.id === 'number' &&
    Number.isSafeInteger(c.id) &&
    c.id >= 1 &&
    isText(c.name) &&
    isText(c.firstName) &&
    isText(c.lastName) &&
    isText(c.position) &&
    isIntList(c.departments) &&
    isTextOrNull(c.avatar) &&
    isTextOrNull(c.color) &&
    PRESENCE_SET.has(c.presence) &&
    isEpochOrNull(c.presenceSince) &&
    isEpochOrNull(c.lastActivity) &&
    typeof c.desktop === 'boolean' &&
    isText(c.status) &&
    isTextOrNull(c.absentUntil) &&
    typeof c.bot === 'boolean' &&
    typeof c.extranet === 'boolean' &&
    (c.gender === null || GENDER_SET.has(c.gender)) &&
    isCalendarOrNull(c.calendar) &&
    isTextOrNull(c.timeZone)
  );
}
export const isSnapshot = object({ seq: int(0), at: epoch, colleagues: array(isColleague) });
export const isPatch = object(
  {
    seq: int(1),
    at: epoch,
    added: array(isColleague),
    changed: array(object({ id, fields: partialObject(colleagueFields) })),
    removed: array(id),
  },
  { activity: array(tuple(id, epoch)) },
);
export const isHealth = object({
  state: oneOf(...HEALTH_STATES),
  since: epoch,
  until: nullable(epoch),
  lastSuccessAt: nullable(epoch),
  code: nullable(str),
  message: nullable(str),
});
export const isReports = object({
  idle: bool,
  mobile: bool,
  status: bool,
  calendar: bool,
  timeZones: bool,
});
export const isTruncation = nullable(object({ shown: int(0), total: int(0), limit: int(1) }));
export const isConnectionInfo = object({
  kind: oneOf('none', 'demo', 'webhook'),
  portalHost: nullable(str),
  portalOrigin: nullable(str),
  identityName: nullable(str),
  weakSecretStorage: bool,
  sessionOnly: bool,
});
const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;
const isHhmm: Check = (v) => typeof v === 'string' && hhmm.test(v);
const SETTINGS_SHAPE = {
  version: oneOf(SETTINGS_VERSION),
  connection: union('kind', {
    none: object({ kind: str }),
    demo: object({ kind: str }),
    webhook: object({
      kind: str,
      portalHost: (v) => typeof v === 'string' && v.length >= 1,
      userId: id,
    }),
  }),
  pollIntervalSec: int(2, 3600),
  onlineLimitSec: int(ONLINE_LIMIT_SEC.min, ONLINE_LIMIT_SEC.max),
  alerts: object({
    scope: oneOf('everyone', 'starred', 'nobody'),
    kinds: object({ online: bool, backFromIdle: bool, offline: bool, backFromLeave: bool }),
    burstWindowSec: int(0, 300),
    sound: bool,
    quietHours: object({
      enabled: bool,
      windows: array(object({ days: array(int(0, 6), 7), start: isHhmm, end: isHhmm }), 14),
    }),
    pausedUntil: nullable(epoch),
  }),
  rules: recordOf(/^\d+$/, oneOf('starred', 'muted')),
  watchIds: array(id, 500),
  notifyOnce: array(object({ id, since: epoch }), 200),
  history: object({ retentionDays: int(0, 30) }),
  ui: object({
    theme: oneOf('system', 'light', 'dark'),
    language: oneOf('system', 'en', 'ru'),
    startAtLogin: bool,
    startMinimized: bool,
  }),
};
export const isSettings = object(SETTINGS_SHAPE);
/** Settings as the service sends them, with their revision (contract.ts, RevisedSettingsSchema). */
export const isRevisedSettings = object(SETTINGS_SHAPE, { revision: int(0) });
export const isSession = object(
  {
    appVersion: str,
    host: oneOf(...HOST_KINDS),
    platform: str,
    connection: isConnectionInfo,
    settings: isRevisedSettings,
    health: isHealth,
    snapshot: nullable(isSnapshot),
    reports: isReports,
  },
  { truncation: isTruncation },
);
export const isRequestError = object({ code: str, message: str, field: nullable(str) });
export const isAlert = object({
  id: str,
  kind: oneOf(...ALERT_INTENT_KINDS),
  title: str,
  body: str,
  userIds: array(id),
  at: epoch,
});
export const isDigest = object({
  since: epoch,
  until: epoch,
  arrived: array(id),
  left: array(id),
  backFromLeave: array(id),
});

/** Response checks by request channel (the rest go to zod). */
export const fastResponses: { readonly [C in RequestChannel]?: Check } = {
  'session:get': isSession,
  'snapshot:get': nullable(isSnapshot),
  'settings:update': isRevisedSettings,
  'alerts:pause': isRevisedSettings,
  'colleague:set-rule': isRevisedSettings,
  'watch:set': isRevisedSettings,
  'connection:disconnect': isConnectionInfo,
  'connection:connect': isConnectionInfo,
  'poll:refresh': (v) => v === null,
  'history:forget': (v) => v === null,
  'departments:get': array(object({ id: int(), name: str })),
  'notify-once:set': object({ settings: isRevisedSettings, already: bool }),
  'timeline:get': object({
    at: epoch,
    segments: array(object({ from: epoch, to: epoch, state: oneOf(...TIMELINE_STATES) }), 20_000),
  }),
  'people:search': object({ people: array(object({ id, name: str, position: str }), 50) }),
};

/** Event checks by channel: every event the host pushes. */
export const fastEvents: { readonly [C in EventChannel]: Check } = {
  snapshot: isSnapshot,
  patch: isPatch,
  health: isHealth,
  reports: isReports,
  truncation: isTruncation,
  alert: isAlert,
  settings: isRevisedSettings,
  connection: isConnectionInfo,
  'focus-colleague': object({ id }),
  'open-settings': (v) => v === null,
  digest: isDigest,
};
