// Over 300 lines on purpose: the whole IPC contract, every channel's request, answer and event
// schema, is one file so a channel is added and reviewed in one place (see the header below).
import { z } from 'zod';
import {
  ALERT_INTENT_KINDS,
  COLLEAGUE_RULES,
  GENDERS,
  HEALTH_STATES,
  HOST_KINDS,
  PRESENCES,
  type AlertIntent,
  type Colleague,
  type ColleagueChange,
  type Digest,
  type Health,
  type Patch,
  type PortalReports,
  type Snapshot,
  type TeamTruncation,
} from './domain.js';
import { SettingsSchema, SettingsUpdateSchema } from './settings/schema.js';
import { TIMELINE_STATES, type TimelineSegment } from './timeline.js';
import { CALENDAR_KINDS, type CalendarBlock } from './calendar.js';
import {
  IPC_EVENT_PREFIX,
  IPC_REQUEST_PREFIX,
  type EventChannelName,
  type RequestChannelName,
} from './channels.js';

/**
 * The one contract between the engine's host (Electron main, or the browser-mode server) and
 * the panel. Requests are invoke/answer; events are pushed. Both sides validate every message
 * against these schemas: main before a handler runs, the renderer before it trusts a push.
 * To add a channel: name it in channels.ts (the zod-free preload reads that list) and give it
 * its schemas here; `satisfies` makes the type check fail until both agree. The WebSocket
 * bridge and the typed wrappers pick it up from these maps.
 */

const Id = z.number().int().positive();
const EpochMs = z.number().int().nonnegative();
const PresenceSchema = z.enum(PRESENCES);

export const CalendarBlockSchema = z.object({
  kind: z.enum(CALENDAR_KINDS),
  from: EpochMs,
  until: EpochMs,
}) satisfies z.ZodType<CalendarBlock>;

export const ColleagueSchema = z.object({
  id: Id,
  name: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  position: z.string(),
  departments: z.array(z.number().int()).readonly(),
  avatar: z.string().nullable(),
  color: z.string().nullable(),
  presence: PresenceSchema,
  presenceSince: EpochMs.nullable(),
  lastActivity: EpochMs.nullable(),
  desktop: z.boolean(),
  status: z.string(),
  absentUntil: z.string().nullable(),
  bot: z.boolean(),
  extranet: z.boolean(),
  gender: z.enum(GENDERS).nullable(),
  calendar: z.array(CalendarBlockSchema).readonly().nullable(),
  timeZone: z.string().nullable(),
}) satisfies z.ZodType<Colleague>;

export const SnapshotSchema = z.object({
  seq: z.number().int().nonnegative(),
  at: EpochMs,
  colleagues: z.array(ColleagueSchema).readonly(),
}) satisfies z.ZodType<Snapshot>;

const ColleagueChangeSchema = z.object({
  id: Id,
  fields: ColleagueSchema.omit({ id: true }).partial(),
}) satisfies z.ZodType<ColleagueChange>;

export const PatchSchema = z.object({
  seq: z.number().int().positive(),
  at: EpochMs,
  added: z.array(ColleagueSchema).readonly(),
  changed: z.array(ColleagueChangeSchema).readonly(),
  removed: z.array(Id).readonly(),
  /** Ascending ids, each once and in no other list: applyPatch refuses a patch that breaks it. */
  activity: z
    .array(z.tuple([Id, EpochMs]).readonly())
    .readonly()
    .optional(),
}) satisfies z.ZodType<Patch>;

export const HealthSchema = z.object({
  state: z.enum(HEALTH_STATES),
  since: EpochMs,
  until: EpochMs.nullable(),
  lastSuccessAt: EpochMs.nullable(),
  code: z.string().nullable(),
  message: z.string().nullable(),
}) satisfies z.ZodType<Health>;

export const AlertIntentSchema = z.object({
  id: z.string(),
  kind: z.enum(ALERT_INTENT_KINDS),
  title: z.string(),
  body: z.string(),
  userIds: z.array(Id).readonly(),
  at: EpochMs,
}) satisfies z.ZodType<AlertIntent>;

export const DigestSchema = z.object({
  since: EpochMs,
  until: EpochMs,
  arrived: z.array(Id).readonly(),
  left: z.array(Id).readonly(),
  backFromLeave: z.array(Id).readonly(),
}) satisfies z.ZodType<Digest>;

export const TimelineSegmentSchema = z.object({
  from: EpochMs,
  to: EpochMs,
  state: z.enum(TIMELINE_STATES),
}) satisfies z.ZodType<TimelineSegment>;

export const PortalReportsSchema = z.object({
  idle: z.boolean(),
  mobile: z.boolean(),
  status: z.boolean(),
  calendar: z.boolean(),
  timeZones: z.boolean(),
}) satisfies z.ZodType<PortalReports>;

export const TeamTruncationSchema = z.object({
  shown: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  limit: z.number().int().positive(),
}) satisfies z.ZodType<TeamTruncation>;

/** Where the panel is connected, without the secret. */
export const ConnectionInfoSchema = z.object({
  kind: z.enum(['none', 'demo', 'webhook']),
  /** Portal host for display and for building chat links; null when not connected. */
  portalHost: z.string().nullable(),
  /** Portal origin the panel may load avatars from (CSP img-src), or null. */
  portalOrigin: z.string().nullable(),
  /** Name of the person the credential belongs to, once known. */
  identityName: z.string().nullable(),
  /** Linux with the basic_text safeStorage backend: the secret is not really protected. */
  weakSecretStorage: z.boolean(),
  /** The webhook is held in memory for this session only, never written: the next start asks again. */
  sessionOnly: z.boolean(),
});
export type ConnectionInfo = z.infer<typeof ConnectionInfoSchema>;

/**
 * Settings as the service hands them to the panel: as an answer and again as the `settings`
 * event, so one change arrives twice. `revision` counts the service's changes; the panel drops
 * whatever is older than what it has (and so never shows a quick second change undone). Absent
 * only from hosts that do not count (tests' fakes): such a value is taken as it comes.
 */
export const RevisedSettingsSchema = SettingsSchema.extend({
  revision: z.number().int().nonnegative().optional(),
});
export type RevisedSettings = z.infer<typeof RevisedSettingsSchema>;

export const SessionStateSchema = z.object({
  appVersion: z.string(),
  /** 'desktop' in Electron, 'browser' in browser mode. */
  host: z.enum(HOST_KINDS),
  platform: z.string(),
  connection: ConnectionInfoSchema,
  settings: RevisedSettingsSchema,
  health: HealthSchema,
  snapshot: SnapshotSchema.nullable(),
  /** What the connected portal really reports (current portals: none of it). */
  reports: PortalReportsSchema,
  /** The team is larger than the app reads (null: everyone is shown); absent only from tests' fakes. */
  truncation: TeamTruncationSchema.nullable().optional(),
});
export type SessionState = z.infer<typeof SessionStateSchema>;

export const DepartmentSchema = z.object({ id: z.number().int(), name: z.string() });

/** Failures a request can answer with instead of a value; never carries a secret. */
export const RequestErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  /** For validation errors: the settings field (dot path) the message belongs next to. */
  field: z.string().nullable(),
});
export type RequestError = z.infer<typeof RequestErrorSchema>;

export const ConnectionTestResultSchema = z.object({
  portalHost: z.string(),
  identityName: z.string(),
  userId: Id,
  /** im.department.colleagues.list answered: the `im` scope works. */
  imScope: z.boolean(),
  colleagues: z.number().int().nonnegative().nullable(),
  /** calendar.accessibility.get answered for the owner: the optional `calendar` scope works (meetings). */
  calendarScope: z.boolean(),
  /** user.get answered for the owner: the optional `user_brief` scope works (local times). */
  timeZoneScope: z.boolean(),
});

/** Someone "Also watch" can add: found by name or looked up by id on the connected portal. */
export const PersonMatchSchema = z.object({ id: Id, name: z.string(), position: z.string() });
export type PersonMatch = z.infer<typeof PersonMatchSchema>;

/** The About section: the version, and where the app keeps its files on this computer. */
export const AboutSchema = z.object({
  appVersion: z.string(),
  host: z.enum(HOST_KINDS),
  platform: z.string(),
  /** Versions of what runs it: electron/chrome/node in the desktop app, node in browser mode. */
  runtime: z.record(z.string(), z.string()),
  /** Folders as absolute paths, or null where the app keeps nothing (browser mode's settings live in memory). */
  settingsFolder: z.string().nullable(),
  logFolder: z.string().nullable(),
  historyFolder: z.string().nullable(),
});
export type About = z.infer<typeof AboutSchema>;

const WebhookInput = z.object({ webhookUrl: z.string().min(1).max(2048) });
const Nothing = z.null();

export const requestChannels = {
  'session:get': { request: Nothing, response: SessionStateSchema },
  /** After a gap in patch sequence numbers, the renderer asks for the whole picture again. */
  'snapshot:get': { request: Nothing, response: SnapshotSchema.nullable() },
  'settings:update': { request: SettingsUpdateSchema, response: RevisedSettingsSchema },
  'connection:test': { request: WebhookInput, response: ConnectionTestResultSchema },
  'connection:connect': {
    request: z.discriminatedUnion('kind', [
      z.object({
        kind: z.literal('webhook'),
        webhookUrl: WebhookInput.shape.webhookUrl,
        /** Keep it in memory for this session only (offered where storage is weak); absent: saved. */
        sessionOnly: z.boolean().optional(),
      }),
      z.object({ kind: z.literal('demo') }),
    ]),
    response: ConnectionInfoSchema,
  },
  'connection:disconnect': { request: Nothing, response: ConnectionInfoSchema },
  'poll:refresh': { request: Nothing, response: Nothing },
  /** until: epoch ms, or null to resume alerts now. */
  'alerts:pause': {
    request: z.object({ until: EpochMs.nullable() }),
    response: RevisedSettingsSchema,
  },
  'colleague:set-rule': {
    request: z.object({ id: Id, rule: z.enum(COLLEAGUE_RULES) }),
    response: RevisedSettingsSchema,
  },
  'watch:set': {
    request: z.object({ ids: z.array(Id).max(500) }),
    response: RevisedSettingsSchema,
  },
  /**
   * The desktop opens the chat itself (allowlisted openExternal) and answers opened: true;
   * browser mode answers opened: false and the panel opens the URL in a new tab.
   */
  'chat:open': {
    request: z.object({ userId: Id }),
    response: z.object({ url: z.string().url(), opened: z.boolean() }),
  },
  'departments:get': {
    request: z.object({ ids: z.array(z.number().int()).max(2000) }),
    response: z.array(DepartmentSchema),
  },
  /** One person's presence over the last `days` local days (unknown where the app saw nothing). */
  'timeline:get': {
    request: z.object({ id: Id, days: z.number().int().min(1).max(30) }),
    response: z.object({ at: EpochMs, segments: z.array(TimelineSegmentSchema).max(20_000) }),
  },
  /** "Forget history": deletes the presence history at once. */
  'history:forget': { request: Nothing, response: Nothing },
  /**
   * "Tell me when … is available" (on) or take it back (off). `already` is true when the person
   * is available right now: nothing is stored, the panel says so instead of waiting.
   */
  'notify-once:set': {
    request: z.object({ id: Id, on: z.boolean() }),
    response: z.object({ settings: RevisedSettingsSchema, already: z.boolean() }),
  },
  /**
   * "Also watch" by name: people whose name, position or department has a word starting with
   * `query` (im.search.user.list, at least 3 letters), or the one person with that user id
   * (a number, "#12"): none when no one has it.
   */
  'people:search': {
    request: z.object({ query: z.string().trim().min(1).max(100) }),
    response: z.object({ people: z.array(PersonMatchSchema).max(50) }),
  },
  'app:about': { request: Nothing, response: AboutSchema },
} as const satisfies Record<
  RequestChannelName,
  { readonly request: z.ZodType; readonly response: z.ZodType }
>;

export const eventChannels = {
  snapshot: SnapshotSchema,
  patch: PatchSchema,
  health: HealthSchema,
  /** What the portal really reports changed (learnt from its answers, or a new connection). */
  reports: PortalReportsSchema,
  /** The team began or stopped being cut at the app's limit (null: everyone is shown again). */
  truncation: TeamTruncationSchema.nullable(),
  alert: AlertIntentSchema,
  settings: RevisedSettingsSchema,
  connection: ConnectionInfoSchema,
  /** A notification was clicked: show this person. */
  'focus-colleague': z.object({ id: Id }),
  /** The tray's "Settings…" was chosen: show the settings. */
  'open-settings': z.null(),
  /** "While you were away": what changed across a sleep, an outage or the user's absence. */
  digest: DigestSchema,
} as const satisfies Record<EventChannelName, z.ZodType>;

export type RequestChannel = keyof typeof requestChannels;
export type EventChannel = keyof typeof eventChannels;
export type RequestOf<C extends RequestChannel> = z.infer<(typeof requestChannels)[C]['request']>;
export type ResponseOf<C extends RequestChannel> = z.infer<(typeof requestChannels)[C]['response']>;
export type EventOf<C extends EventChannel> = z.infer<(typeof eventChannels)[C]>;

export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: RequestError };

export const REQUEST_CHANNELS = Object.keys(requestChannels) as RequestChannel[];
export const EVENT_CHANNELS = Object.keys(eventChannels) as EventChannel[];

/** The IPC channel names actually used on the wire, namespaced so nothing else collides. */
export const ipcRequestName = (channel: RequestChannel): string =>
  `${IPC_REQUEST_PREFIX}${channel}`;
export const ipcEventName = (channel: EventChannel): string => `${IPC_EVENT_PREFIX}${channel}`;

/**
 * What the preload exposes as `window.b24presence`, and what the browser-mode WebSocket
 * bridge and the test fake implement. The panel knows nothing else.
 */
export interface PresenceBridge {
  invoke<C extends RequestChannel>(
    channel: C,
    request: RequestOf<C>,
  ): Promise<Result<ResponseOf<C>>>;
  /** Returns an unsubscribe function. */
  on<C extends EventChannel>(channel: C, listener: (event: EventOf<C>) => void): () => void;
}

/** Validates a request payload; returns a RequestError instead of throwing. */
export function parseRequest<C extends RequestChannel>(
  channel: C,
  payload: unknown,
): Result<RequestOf<C>> {
  const parsed = requestChannels[channel].request.safeParse(payload);
  return parsed.success
    ? { ok: true, value: parsed.data as RequestOf<C> }
    : { ok: false, error: validationError(parsed.error) };
}

export function parseEvent<C extends EventChannel>(
  channel: C,
  payload: unknown,
): Result<EventOf<C>> {
  const parsed = eventChannels[channel].safeParse(payload);
  return parsed.success
    ? { ok: true, value: parsed.data as EventOf<C> }
    : { ok: false, error: validationError(parsed.error) };
}

export function validationError(error: z.ZodError): RequestError {
  const issue = error.issues[0];
  return {
    code: 'invalid-payload',
    message: issue ? issue.message : 'Invalid payload',
    field: issue && issue.path.length > 0 ? issue.path.join('.') : null,
  };
}
