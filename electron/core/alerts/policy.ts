import type { Clock } from '../clock.js';
import type { AlertIntent, Colleague, Digest, PresenceTransition } from '../../shared/domain.js';
import { digestBetween } from '../history/digest.js';
import { digestAlert } from './extras.js';
import type { AlertLedgerPort } from '../ports.js';
import type { Settings } from '../../shared/settings/schema.js';
import type { AlertLocale } from './messages.js';
import { systemLocalTime, type LocalTimeFn } from './quiet-hours.js';
import { heldBack, wanted } from './audience.js';
import { decide } from './classify.js';
import { BurstThrottle, composeAlerts, type PendingBursts } from './burst.js';
import {
  loadAlertLedger,
  serialiseAlertLedger,
  serialiseSaidAbout,
  transitionIdentity,
  type AlertLedger,
  type SaidAbout,
} from './ledger.js';
import { SECOND_MS } from '../../shared/time-units.js';

/*
 * Presence transitions → alert intents. Each concern has its own file:
 * - classify.ts: which alert a transition is (kinds, markers, a leave waiting for the return);
 * - audience.ts: whom alerts are about (scope, stars, mutes, bots) and when they are held back;
 * - burst.ts: burst coalescing as a throttle, and the texts and ids of what goes out;
 * - ledger.ts: the alert ledger (what was said about whom), persisted, and its stored form.
 * This class ties them together:
 * - Baseline silence: `baseline` takes a snapshot as the new truth without alerting (first poll,
 *   after resume, after an outage); pending bursts from before are dropped as stale.
 * - Quiet hours and pause: alerts that would fall in them are dropped, not queued, and their
 *   transitions are still remembered as handled, so nothing surfaces later as a stale burst.
 * - Never twice: the last handled marker per person and kind is kept in the ledger (persisted),
 *   so data flapping back and forth, or a restart, cannot repeat an alert. The ledger only
 *   keeps people currently known, so it stays bounded.
 *
 * Call `observe` for every poll that produced a patch (even without transitions): the policy
 * keeps the map it is given as "before" for the next call. Give it the patch's `removed` ids
 * too, and the ledger is pruned of just those (a baseline prunes everyone unknown).
 */

export interface AlertPolicyOptions {
  readonly clock: Clock;
  readonly getSettings: () => Pick<Settings, 'alerts' | 'rules'>;
  readonly ledger: AlertLedgerPort;
  readonly emit: (alert: AlertIntent) => void;
  readonly locale?: () => AlertLocale;
  /** Wall-clock reading for quiet hours; defaults to the machine's local time. */
  readonly localTime?: LocalTimeFn;
  /** Saving the ledger failed: alerting goes on, but a restart may repeat an alert. */
  readonly onLedgerError?: (error: unknown) => void;
}

const NOTHING_SAID: SaidAbout = {};

export class AlertPolicy {
  private readonly options: AlertPolicyOptions;
  private readonly localTime: LocalTimeFn;
  private readonly ledger: AlertLedger;
  /** The ledger's stored form, kept up to date person by person: a save does not re-serialise everyone. */
  private readonly stored: Record<string, string>;
  private readonly burst: BurstThrottle;
  private known: ReadonlyMap<number, Colleague> = new Map();
  private disposed = false;

  constructor(options: AlertPolicyOptions) {
    this.options = options;
    this.localTime = options.localTime ?? systemLocalTime;
    this.ledger = loadAlertLedger(options.ledger);
    this.stored = serialiseAlertLedger(this.ledger);
    this.burst = new BurstThrottle(
      options.clock,
      () => this.options.getSettings().alerts.burstWindowSec * SECOND_MS,
      (bursts) => this.deliver(bursts),
    );
  }

  get pendingTimers(): number {
    return this.burst.pendingTimers;
  }

  baseline(colleagues: Iterable<Colleague>): void {
    if (this.disposed) return;
    this.burst.cancel();
    const known = new Map<number, Colleague>();
    for (const colleague of colleagues) known.set(colleague.id, colleague);
    this.known = known;
    this.pruneAndSave(false, null);
  }

  observe(
    transitions: readonly PresenceTransition[],
    colleagues: ReadonlyMap<number, Colleague>,
    removed?: readonly number[],
  ): void {
    if (this.disposed) return;
    const settings = this.options.getSettings();
    const held = heldBack(settings, this.options.clock.now(), this.localTime);
    let ledgerChanged = false;

    for (const transition of transitions) {
      const person = colleagues.get(transition.userId);
      if (person === undefined || !wanted(person, settings)) continue;
      const record = this.ledger.get(person.id) ?? NOTHING_SAID;
      const { said, alert } = decide(
        transition,
        this.known.get(person.id),
        person,
        settings.alerts.kinds,
        record,
      );
      if (said !== record) {
        this.remember(person.id, said);
        ledgerChanged = true;
      }
      if (alert === null || held) continue;
      this.burst.add(alert.kind, {
        userId: person.id,
        identity: transitionIdentity(alert.kind, alert.marker),
      });
    }

    this.known = colleagues;
    this.pruneAndSave(ledgerChanged, removed ?? null);
    this.burst.release(settings.alerts.burstWindowSec * SECOND_MS);
  }

  /**
   * "While you were away": the digest of a gap as these rules read it (null when nothing
   * concerning anyone alerted about changed), and its one notification, null while alerts are
   * held back. The caller tells the digest first, then sends the notification.
   */
  digest(
    before: readonly Colleague[],
    after: readonly Colleague[],
    since: number,
    until: number,
  ): { digest: Digest; alert: AlertIntent | null } | null {
    if (this.disposed) return null;
    const settings = this.options.getSettings();
    const digest = digestBetween(before, after, since, until, (person) => wanted(person, settings));
    if (digest === null) return null;
    if (heldBack(settings, until, this.localTime)) return { digest, alert: null };
    const names = new Map(after.map((person) => [person.id, person.name]));
    return {
      digest,
      alert: digestAlert(digest, (id) => names.get(id) ?? null, this.options.locale?.() ?? 'en'),
    };
  }

  /** Delivers a pending burst now (e.g. before quitting). */
  flush(): void {
    if (this.disposed) return;
    this.burst.flush();
  }

  dispose(): void {
    this.burst.cancel();
    this.disposed = true;
  }

  private deliver(bursts: PendingBursts): void {
    const settings = this.options.getSettings();
    const now = this.options.clock.now();
    if (heldBack(settings, now, this.localTime)) return;
    const locale = this.options.locale?.() ?? 'en';
    const intents = composeAlerts(bursts, { known: this.known, settings, locale, now });
    for (const intent of intents) this.options.emit(intent);
  }

  private remember(id: number, record: SaidAbout): void {
    this.ledger.set(id, record);
    this.stored[String(id)] = serialiseSaidAbout(record);
  }

  private forget(id: number): void {
    this.ledger.delete(id);
    delete this.stored[String(id)];
  }

  /**
   * Keeps the ledger to people currently known, and persists it when anything changed. With the
   * ids a patch removed, only those can have left; otherwise everyone remembered is checked.
   */
  private pruneAndSave(changed: boolean, removed: readonly number[] | null): void {
    let dirty = changed;
    const gone = removed ?? [...this.ledger.keys()].filter((id) => !this.known.has(id));
    for (const id of gone) {
      if (this.ledger.has(id) && !this.known.has(id)) {
        this.forget(id);
        dirty = true;
      }
    }
    if (!dirty) return;
    try {
      // A copy: a port may keep what it is given, and this one changes with the next poll.
      this.options.ledger.save({ ...this.stored });
    } catch (error) {
      this.options.onLedgerError?.(error);
    }
  }
}
