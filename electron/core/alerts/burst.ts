import type { Clock, TimerHandle } from '../clock.js';
import type { AlertIntent, AlertKind, Colleague } from '../../shared/domain.js';
import type { Settings } from '../../shared/settings/schema.js';
import { isAvailableNow } from '../../shared/presence/available.js';
import { alertText, type AlertLocale } from './messages.js';
import { isStarred, wanted } from './audience.js';
import { kindEnabled } from './classify.js';
import { KIND_CODE } from './ledger.js';

/*
 * Burst coalescing, as a throttle: the transitions of one poll go out at once as one alert per
 * kind (starred people named first), so an alert is never later than the poll that saw it.
 * Transitions seen within burstWindowSec after that wait and go out together when the window
 * closes: a stream of arrivals costs one alert per window, not one per poll. 0 turns the
 * throttle off. At a delayed delivery, people whose state has moved on (online again → offline
 * before the window closed) or who were muted meanwhile are left out (`composeAlerts`).
 */

export interface PendingAlert {
  readonly userId: number;
  /** The transition's identity (`transitionIdentity`): what the alert id is made of. */
  readonly identity: string;
}

export type PendingBursts = ReadonlyMap<AlertKind, ReadonlyMap<number, PendingAlert>>;

/** Holds the alerts waiting for a window to close, and the window's timer. */
export class BurstThrottle {
  private readonly pending = new Map<AlertKind, Map<number, PendingAlert>>();
  private timer: TimerHandle | null = null;

  /**
   * @param nextWindowMs the window that opens after a delivery at its end (settings apply at once)
   * @param deliver takes the bursts due; it decides what is still worth saying
   */
  constructor(
    private readonly clock: Clock,
    private readonly nextWindowMs: () => number,
    private readonly deliver: (bursts: PendingBursts) => void,
  ) {}

  get pendingTimers(): number {
    return this.timer === null ? 0 : 1;
  }

  add(kind: AlertKind, alert: PendingAlert): void {
    let entries = this.pending.get(kind);
    if (!entries) {
      entries = new Map();
      this.pending.set(kind, entries);
    }
    entries.delete(alert.userId); // re-insert: the latest identity of a repeat within one burst
    entries.set(alert.userId, alert);
  }

  /** The end of a poll: delivers at once and opens a window, unless a window is open already. */
  release(windowMs: number): void {
    if (this.pending.size === 0 || this.timer !== null) return; // inside a window: wait for it to close
    this.deliverPending();
    this.startWindow(windowMs);
  }

  /** Delivers whatever is pending now (e.g. before quitting). */
  flush(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.deliverPending();
  }

  /** Drops whatever is pending, and the window. */
  cancel(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
  }

  private deliverPending(): void {
    if (this.pending.size === 0) return;
    const bursts = new Map(this.pending);
    this.pending.clear();
    this.deliver(bursts);
  }

  /** After a delivery, further arrivals wait until the window closes, then go out as one. */
  private startWindow(windowMs: number): void {
    if (windowMs <= 0) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      if (this.pending.size === 0) return;
      this.deliverPending();
      this.startWindow(this.nextWindowMs());
    }, windowMs);
  }
}

/** Delivery order when one burst holds several kinds. */
const KIND_ORDER: readonly AlertKind[] = ['online', 'back-from-idle', 'back-from-leave', 'offline'];

/** Whether the person is still in the state the alert announces. */
function stillTrue(kind: AlertKind, person: Colleague | undefined): boolean {
  if (person === undefined) return false;
  switch (kind) {
    case 'online':
      return person.presence !== 'offline';
    case 'back-from-idle':
      return isAvailableNow(person.presence);
    case 'offline':
      return person.presence === 'offline';
    case 'back-from-leave':
      return person.absentUntil === null;
  }
}

/** cyrb53: a small, well-spread 53-bit string hash, enough to make alert ids stable and short. */
export function hash53(text: string): string {
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

export interface ComposeContext {
  /** The current picture, by id. */
  readonly known: ReadonlyMap<number, Colleague>;
  readonly settings: Pick<Settings, 'alerts' | 'rules'>;
  readonly locale: AlertLocale;
  readonly now: number;
}

/**
 * The alerts a delivery sends: one per kind, in KIND_ORDER, naming the people still wanted and
 * still in the announced state, starred first. The id hashes the people's transition
 * identities, so the same burst has the same id in any run.
 */
export function composeAlerts(
  bursts: PendingBursts,
  { known, settings, locale, now }: ComposeContext,
): AlertIntent[] {
  const intents: AlertIntent[] = [];
  for (const kind of KIND_ORDER) {
    const entries = bursts.get(kind);
    if (!entries || !kindEnabled(settings.alerts.kinds, kind)) continue;
    const people: { person: Colleague; entry: PendingAlert; starred: boolean }[] = [];
    for (const entry of entries.values()) {
      const person = known.get(entry.userId);
      if (person === undefined || !wanted(person, settings) || !stillTrue(kind, person)) continue;
      people.push({ person, entry, starred: isStarred(person, settings.rules) });
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
  return intents;
}
