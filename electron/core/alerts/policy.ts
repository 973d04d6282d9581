import { z } from 'zod';
import type { Clock, TimerHandle } from '../clock.js';
import type { AlertIntent, AlertKind, Colleague, PresenceTransition } from '../../shared/domain.js';
import type { AlertMemoryPort } from '../ports.js';
import type { Settings } from '../../shared/settings/schema.js';
import { alertText, type AlertLocale } from './messages.js';
import { inQuietHours, systemLocalTime, type LocalTimeFn } from './quiet-hours.js';
import { alertsPausedAt } from '../../shared/settings/pause.js';

/**
 * Presence transitions → alert intents.
 *
 * - Baseline silence: `baseline` takes a snapshot as the new truth without alerting (first poll,
 *   after resume, after an outage); pending bursts from before are dropped as stale.
 * - Kinds (settings.alerts.kinds): online = offline → online/mobile/idle; backFromIdle = idle →
 *   online/mobile; offline = anything → offline; backFromLeave = a leave ended. One transition
 *   yields at most one alert: a leave ending wins over the presence change that came with it.
 * - Who: bots never; rule 'muted' never; scope 'nobody' silences everyone (it is the off switch,
 *   stars included); scope 'starred' only people with rule 'starred'; 'everyone' all. The kind
 *   switches apply to starred people too: stars choose whom, kinds choose what.
 * - Burst coalescing, as a throttle: the transitions of one poll go out at once as one alert per
 *   kind (starred people named first), so an alert is never later than the poll that saw it.
 *   Transitions seen within burstWindowSec after that wait and go out together when the window
 *   closes: a stream of arrivals costs one alert per window, not one per poll. 0 turns the
 *   throttle off. At a delayed delivery, people whose state has moved on (online again →
 *   offline before the window closed) or who were muted meanwhile are left out.
 * - Quiet hours and pause: alerts that would fall in them are dropped, not queued, and their
 *   transitions are still remembered as handled, so nothing surfaces later as a stale burst.
 * - Never twice: each transition has an identity that does not depend on when it was seen
 *   (online: when the offline period began; back-from-idle: when idle began; offline: last
 *   activity; leave: its end date). The last handled identity per person and kind is kept in
 *   `memory` (persisted), so data flapping back and forth, or a restart, cannot repeat an alert.
 *   The memory only keeps people currently known, so it stays bounded.
 *
 * Call `observe` for every poll that produced a patch (even without transitions): the policy
 * keeps the map it is given as "before" for the next call.
 */

export interface AlertPolicyOptions {
  readonly clock: Clock;
  readonly getSettings: () => Pick<Settings, 'alerts' | 'rules'>;
  readonly memory: AlertMemoryPort;
  readonly emit: (alert: AlertIntent) => void;
  readonly locale?: () => AlertLocale;
  /** Wall-clock reading for quiet hours; defaults to the machine's local time. */
  readonly localTime?: LocalTimeFn;
  /** Saving the memory failed: alerting goes on, but a restart may repeat an alert. */
  readonly onMemoryError?: (error: unknown) => void;
}

/** Delivery order when one burst holds several kinds. */
const KIND_ORDER: readonly AlertKind[] = ['online', 'back-from-idle', 'back-from-leave', 'offline'];
const KIND_CODE: Readonly<Record<AlertKind, string>> = {
  online: 'on',
  'back-from-idle': 'idle',
  offline: 'off',
  'back-from-leave': 'leave',
};

interface Candidate {
  readonly kind: AlertKind;
  /** `${code}:${marker}`, see the class comment. */
  readonly identity: string;
}

interface PendingEntry {
  readonly userId: number;
  readonly identity: string;
}

type Kinds = Settings['alerts']['kinds'];

function kindEnabled(kinds: Kinds, kind: AlertKind): boolean {
  switch (kind) {
    case 'online':
      return kinds.online;
    case 'back-from-idle':
      return kinds.backFromIdle;
    case 'offline':
      return kinds.offline;
    case 'back-from-leave':
      return kinds.backFromLeave;
  }
}

function marker(value: number | string | null | undefined, fallback: number): string {
  return value === null || value === undefined ? `@${fallback}` : String(value);
}

function classify(
  transition: PresenceTransition,
  before: Colleague | undefined,
  after: Colleague,
  kinds: Kinds,
): Candidate | null {
  const at = transition.at;
  if (transition.leave === 'ended' && kinds.backFromLeave) {
    return { kind: 'back-from-leave', identity: `leave:${marker(before?.absentUntil, at)}` };
  }
  const { from, to } = transition;
  if (from === to) return null;
  if (from === 'offline') {
    return kinds.online ? { kind: 'online', identity: `on:${marker(before?.presenceSince, at)}` } : null;
  }
  if (to === 'offline') {
    return kinds.offline ? { kind: 'offline', identity: `off:${marker(after.presenceSince, at)}` } : null;
  }
  if (from === 'idle' && (to === 'online' || to === 'mobile')) {
    return kinds.backFromIdle
      ? { kind: 'back-from-idle', identity: `idle:${marker(before?.presenceSince, at)}` }
      : null;
  }
  return null; // online ↔ mobile, going idle: not alerted
}

/** Whether the person is still in the state the alert announces. */
function stillTrue(kind: AlertKind, person: Colleague | undefined): boolean {
  if (person === undefined) return false;
  switch (kind) {
    case 'online':
      return person.presence !== 'offline';
    case 'back-from-idle':
      return person.presence === 'online' || person.presence === 'mobile';
    case 'offline':
      return person.presence === 'offline';
    case 'back-from-leave':
      return person.absentUntil === null;
  }
}

/** cyrb53: a small, well-spread 53-bit string hash, enough to make alert ids stable and short. */
function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2_654_435_761);
    h2 = Math.imul(h2 ^ c, 1_597_334_677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2_246_822_507) ^ Math.imul(h2 ^ (h2 >>> 13), 3_266_489_909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2_246_822_507) ^ Math.imul(h1 ^ (h1 >>> 13), 3_266_489_909);
  return (4_294_967_296 * (2_097_151 & h2) + (h1 >>> 0)).toString(36);
}

const MemoryEntrySchema = z.tuple([z.string().regex(/^\d{1,12}$/), z.string().max(500)]);

function loadMemory(port: AlertMemoryPort): Map<string, string> {
  const memory = new Map<string, string>();
  let stored: unknown;
  try {
    stored = port.load();
  } catch {
    return memory; // unreadable memory: worst case one repeated alert, never a crash
  }
  if (typeof stored !== 'object' || stored === null) return memory;
  for (const entry of Object.entries(stored)) {
    const parsed = MemoryEntrySchema.safeParse(entry);
    if (parsed.success) memory.set(parsed.data[0], parsed.data[1]);
  }
  return memory;
}

/** Memory code of a leave that ended while the person was away, waiting for their return. */
const AWAITING_RETURN = 'ret:';

function awaitedReturn(record: string | undefined): string | null {
  const entry = record?.split(' ').find((item) => item.startsWith(AWAITING_RETURN));
  return entry === undefined ? null : entry.slice(AWAITING_RETURN.length);
}

function withoutCode(record: string | undefined, code: string): string {
  return record === undefined ? '' : record.split(' ').filter((item) => item && !item.startsWith(code)).join(' ');
}

/** Memory value: space-separated identities, at most one per kind code. */
function hasIdentity(record: string | undefined, identity: string): boolean {
  return record !== undefined && record.split(' ').includes(identity);
}

function withIdentity(record: string | undefined, identity: string): string {
  const code = identity.slice(0, identity.indexOf(':') + 1);
  const others = record === undefined ? [] : record.split(' ').filter((item) => item && !item.startsWith(code));
  return [...others, identity].join(' ');
}

export class AlertPolicy {
  private readonly options: AlertPolicyOptions;
  private readonly localTime: LocalTimeFn;
  private readonly memory: Map<string, string>;
  private known: ReadonlyMap<number, Colleague> = new Map();
  private readonly pending = new Map<AlertKind, Map<number, PendingEntry>>();
  private timer: TimerHandle | null = null;
  private disposed = false;

  constructor(options: AlertPolicyOptions) {
    this.options = options;
    this.localTime = options.localTime ?? systemLocalTime;
    this.memory = loadMemory(options.memory);
  }

  get pendingTimers(): number {
    return this.timer === null ? 0 : 1;
  }

  baseline(colleagues: Iterable<Colleague>): void {
    if (this.disposed) return;
    this.cancelBurst();
    const known = new Map<number, Colleague>();
    for (const colleague of colleagues) known.set(colleague.id, colleague);
    this.known = known;
    this.pruneAndSave(false);
  }

  observe(transitions: readonly PresenceTransition[], colleagues: ReadonlyMap<number, Colleague>): void {
    if (this.disposed) return;
    const settings = this.options.getSettings();
    const heldBack = this.heldBack(settings, this.options.clock.now());
    let memoryChanged = false;

    for (const transition of transitions) {
      const person = colleagues.get(transition.userId);
      if (person === undefined || !this.wanted(person, settings)) continue;
      const key = String(person.id);
      let record = this.memory.get(key);
      let candidate = classify(transition, this.known.get(person.id), person, settings.alerts.kinds);
      // A leave usually ends at midnight, while the person is away: that is news when they are
      // back, so it waits (in the persisted memory) for the first arrival and replaces it.
      if (candidate?.kind === 'back-from-leave' && person.presence === 'offline') {
        const awaiting = `${AWAITING_RETURN}${candidate.identity.slice(candidate.identity.indexOf(':') + 1)}`;
        if (!hasIdentity(record, awaiting)) {
          this.memory.set(key, withIdentity(record, awaiting));
          memoryChanged = true;
        }
        continue;
      }
      const awaitingDate = awaitedReturn(record);
      if (awaitingDate !== null && transition.from === 'offline' && transition.to !== 'offline') {
        record = withoutCode(record, AWAITING_RETURN);
        this.memory.set(key, record);
        memoryChanged = true;
        if (settings.alerts.kinds.backFromLeave) candidate = { kind: 'back-from-leave', identity: `leave:${awaitingDate}` };
      }
      if (candidate === null) continue;
      if (hasIdentity(record, candidate.identity)) continue;
      this.memory.set(key, withIdentity(record, candidate.identity));
      memoryChanged = true;
      if (heldBack) continue;
      let entries = this.pending.get(candidate.kind);
      if (!entries) {
        entries = new Map();
        this.pending.set(candidate.kind, entries);
      }
      entries.delete(person.id); // re-insert: the latest identity of a repeat within one burst
      entries.set(person.id, { userId: person.id, identity: candidate.identity });
    }

    this.known = colleagues;
    this.pruneAndSave(memoryChanged);
    if (this.pending.size === 0 || this.timer !== null) return; // inside a window: wait for it to close
    this.deliver();
    this.startWindow(settings.alerts.burstWindowSec * 1000);
  }

  /** Delivers a pending burst now (e.g. before quitting). */
  flush(): void {
    if (this.disposed) return;
    if (this.timer !== null) this.options.clock.clearTimeout(this.timer);
    this.timer = null;
    this.deliver();
  }

  /** After a delivery, further arrivals wait until the window closes, then go out as one. */
  private startWindow(windowMs: number): void {
    if (windowMs <= 0) return;
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = null;
      if (this.pending.size === 0) return;
      this.deliver();
      this.startWindow(this.options.getSettings().alerts.burstWindowSec * 1000);
    }, windowMs);
  }

  dispose(): void {
    this.cancelBurst();
    this.disposed = true;
  }

  private cancelBurst(): void {
    if (this.timer !== null) this.options.clock.clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
  }

  private wanted(person: Colleague, settings: Pick<Settings, 'alerts' | 'rules'>): boolean {
    if (person.bot) return false;
    const rule = settings.rules[String(person.id)];
    if (rule === 'muted') return false;
    const scope = settings.alerts.scope;
    return scope === 'everyone' || (scope === 'starred' && rule === 'starred');
  }

  private heldBack(settings: Pick<Settings, 'alerts'>, now: number): boolean {
    const { pausedUntil, quietHours } = settings.alerts;
    if (alertsPausedAt(pausedUntil, now)) return true;
    return quietHours.enabled && inQuietHours(quietHours.windows, this.localTime(now));
  }

  private deliver(): void {
    if (this.pending.size === 0) return;
    const bursts = [...this.pending];
    this.pending.clear();

    const settings = this.options.getSettings();
    const now = this.options.clock.now();
    if (this.heldBack(settings, now)) return;
    const locale = this.options.locale?.() ?? 'en';

    const intents: AlertIntent[] = [];
    for (const kind of KIND_ORDER) {
      const entries = bursts.find(([k]) => k === kind)?.[1];
      if (!entries || !kindEnabled(settings.alerts.kinds, kind)) continue;
      const people: { person: Colleague; entry: PendingEntry; starred: boolean }[] = [];
      for (const entry of entries.values()) {
        const person = this.known.get(entry.userId);
        if (person === undefined || !this.wanted(person, settings) || !stillTrue(kind, person)) continue;
        people.push({ person, entry, starred: settings.rules[String(person.id)] === 'starred' });
      }
      if (people.length === 0) continue;
      // Starred first; otherwise the order the transitions came in (sort is stable).
      people.sort((a, b) => Number(b.starred) - Number(a.starred));
      const { title, body } = alertText(
        locale,
        kind,
        people.map(({ person }) => person.name),
      );
      const identities = people.map(({ entry }) => `${entry.userId}=${entry.identity}`).sort();
      intents.push({
        id: `${KIND_CODE[kind]}-${hash53(identities.join(','))}`,
        kind,
        title,
        body,
        userIds: people.map(({ person }) => person.id),
        at: now,
      });
    }
    for (const intent of intents) this.options.emit(intent);
  }

  /** Keeps the memory to people currently known, and persists it when anything changed. */
  private pruneAndSave(changed: boolean): void {
    let dirty = changed;
    for (const key of this.memory.keys()) {
      if (!this.known.has(Number(key))) {
        this.memory.delete(key);
        dirty = true;
      }
    }
    if (!dirty) return;
    try {
      this.options.memory.save(Object.fromEntries(this.memory));
    } catch (error) {
      this.options.onMemoryError?.(error);
    }
  }
}
