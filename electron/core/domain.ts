/**
 * The domain vocabulary shared by the engine, the transports and the panel.
 * Everything here is plain JSON (no `undefined`, no Date objects) so it crosses IPC,
 * WebSocket and NDJSON unchanged and `apply(prev, diff(prev, next))` can be compared exactly.
 * Times are epoch milliseconds.
 */

/** What Bitrix24's messenger would show as the connection state. */
export type Presence = 'online' | 'idle' | 'mobile' | 'offline';
export const PRESENCES: readonly Presence[] = ['online', 'idle', 'mobile', 'offline'];

/**
 * The status a person chose in the messenger. Bitrix24 knows these four; anything else a
 * portal sends is kept verbatim and shown as it is.
 */
export type KnownChosenStatus = 'online' | 'dnd' | 'away' | 'break';

export interface Colleague {
  readonly id: number;
  readonly name: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly position: string;
  readonly departments: readonly number[];
  /** Avatar URL as the portal gave it, or null. Only https/loopback URLs survive the model. */
  readonly avatar: string | null;
  /** `#rrggbb` or null. */
  readonly color: string | null;
  readonly presence: Presence;
  /**
   * When the current presence began, as far as the data tells: online/mobile → null (Bitrix24
   * does not report a session start), idle → the idle date, offline → last activity.
   */
  readonly presenceSince: number | null;
  readonly lastActivity: number | null;
  /** The desktop messenger is running on this person's computer. */
  readonly desktop: boolean;
  /** Chosen status (see KnownChosenStatus); unknown values kept as sent. */
  readonly status: string;
  /** Last day of leave (ISO date, YYYY-MM-DD) while on leave, else null. */
  readonly absentUntil: string | null;
  readonly bot: boolean;
  readonly extranet: boolean;
}

export interface Snapshot {
  /** Strictly increasing per engine run; a patch with seq N applies to the snapshot with seq N-1. */
  readonly seq: number;
  readonly at: number;
  readonly colleagues: readonly Colleague[];
}

export interface ColleagueChange {
  readonly id: number;
  /** Only the fields whose value differs, with their new values. */
  readonly fields: Partial<Omit<Colleague, 'id'>>;
}

export interface Patch {
  readonly seq: number;
  readonly at: number;
  readonly added: readonly Colleague[];
  readonly changed: readonly ColleagueChange[];
  readonly removed: readonly number[];
}

/** A presence transition of one person between two polls. */
export interface PresenceTransition {
  readonly userId: number;
  readonly name: string;
  readonly from: Presence;
  readonly to: Presence;
  readonly at: number;
  /** Leave started or ended in this poll (absentUntil went from/to null). */
  readonly leave?: 'started' | 'ended';
}

export type HealthState = 'connecting' | 'ok' | 'stale' | 'rate-limited' | 'auth-failed' | 'offline';

export interface Health {
  readonly state: HealthState;
  /** When this state began. */
  readonly since: number;
  /** rate-limited: when polling resumes. */
  readonly until: number | null;
  /** Last successful refresh, or null before the first one. */
  readonly lastSuccessAt: number | null;
  /** Error code behind a non-ok state (never contains a secret). */
  readonly code: string | null;
  readonly message: string | null;
}

export type AlertKind = 'online' | 'back-from-idle' | 'offline' | 'back-from-leave';

export interface AlertIntent {
  /** Stable for one transition, so a repeat can be recognised. */
  readonly id: string;
  readonly kind: AlertKind;
  readonly title: string;
  readonly body: string;
  readonly userIds: readonly number[];
  readonly at: number;
}

export type ColleagueRule = 'default' | 'starred' | 'muted';
