import type { Clock, TimerHandle } from '../clock.js';
import type { Health, HealthState } from '../../shared/domain.js';

/**
 * Why a refresh runs. Everything but 'scheduled' and 'manual' means the previous picture may
 * be stale in ways that must not turn into alerts (start, wake from sleep, after an outage).
 */
export type RefreshReason = 'first' | 'scheduled' | 'manual' | 'resume' | 'gap' | 'recovery';

export interface RefreshContext {
  readonly reason: RefreshReason;
  readonly signal: AbortSignal;
}

/** What a failed refresh means, as the injected classification tells the poller. */
export interface FailureVerdict {
  /** The health state while failing. */
  readonly health: HealthState;
  /** Delay before the next attempt, or null: no retry until asked (refresh now, a restart). */
  readonly retryInMs: number | null;
  /** Health.until: when polling resumes, while the portal told us to wait; else null. */
  readonly until: number | null;
  /** Health.code and Health.message: the error's code and redacted text. */
  readonly code: string;
  readonly message: string;
}

/** @param attempt 1 for the first failure in a row, 2 for the next, … */
export type ClassifyFailure = (error: unknown, attempt: number, now: number) => FailureVerdict;

export interface PollerOptions {
  readonly clock: Clock;
  /** Current poll interval; read before each scheduling so settings apply at once. */
  readonly intervalMs: () => number;
  readonly refresh: (context: RefreshContext) => Promise<void>;
  /** What a failed refresh means: the health to show and when to try again (see engine/failure.ts). */
  readonly classifyFailure: ClassifyFailure;
  readonly onHealth: (health: Health) => void;
  /** Uniform in [0, 1); jitter spreads many desks' polls apart. */
  readonly random?: () => number;
}

/** Polls are moved earlier (never later) by up to this share, so alert latency stays ≤ one interval. */
export const POLL_JITTER = 0.1;
/** A timer that fires this much later than planned means the machine slept without telling us. */
export const TIMER_GAP_TOLERANCE_MS = 30_000;
/**
 * Failures that leave the data older than this many intervals are an outage: the refresh that
 * ends one takes a silent baseline. A shorter blip (one 503 retried 1.5 s later) is not: the
 * people who came online meanwhile really did, and the next poll would not see it again.
 */
export const OUTAGE_AFTER_INTERVALS = 2;

/**
 * Schedules refreshes: one in flight at a time, pause/resume, refresh-now, retries when the
 * injected classification says so, and a health state that always says how fresh the data is.
 * It knows nothing of Bitrix24: what an error means is `classifyFailure`'s business.
 */
export class Poller {
  private timer: TimerHandle | null = null;
  private inFlight: Promise<void> | null = null;
  private abort: AbortController | null = null;
  private running = false;
  private paused = false;
  /** A refresh was asked for while one was in flight (a resume during an aborted refresh). */
  private rerun = false;
  private failures = 0;
  private pendingReason: RefreshReason = 'first';
  private current: Health;
  private readonly random: () => number;

  constructor(private readonly options: PollerOptions) {
    this.random = options.random ?? Math.random;
    this.current = this.makeHealth('connecting', null, null, null);
  }

  get health(): Health {
    return this.current;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.pendingReason = 'first';
    this.trigger();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.cancelTimer();
    this.abort?.abort(new Error('poller stopped'));
    await this.inFlight?.catch(() => undefined);
  }

  /** Resolves once no refresh is in flight (one started meanwhile is waited for too). */
  async idle(): Promise<void> {
    while (this.inFlight) await this.inFlight.catch(() => undefined);
  }

  /** Sleep or lock: no requests until resume. */
  pause(): void {
    if (!this.running || this.paused) return;
    this.paused = true;
    this.cancelTimer();
    // A refresh in flight across a sleep would finish on stale terms and be compared as usual.
    this.abort?.abort(new Error('paused'));
  }

  /** Wake or unlock: refresh at once, and let the consumer take a silent baseline. */
  resume(): void {
    if (!this.running || !this.paused) return;
    this.paused = false;
    this.pendingReason = 'resume';
    this.trigger();
  }

  /**
   * Refreshes now (also after auth-failed: the user asked for exactly one try). While the
   * portal told us to wait (rate-limited with `until` ahead), it does nothing: a refresh
   * button or a settings change must not spend a budget the portal has closed.
   */
  async refreshNow(): Promise<void> {
    if (!this.running) return;
    if (this.inFlight) return this.inFlight;
    const { state, until } = this.current;
    if (
      state === 'rate-limited' &&
      until !== null &&
      until > this.options.clock.now() &&
      this.timer !== null
    )
      return;
    if (this.pendingReason === 'scheduled') this.pendingReason = 'manual';
    this.trigger();
    await this.inFlight;
  }

  private trigger(): void {
    this.cancelTimer();
    if (this.paused || !this.running) return;
    if (this.inFlight) {
      this.rerun = true;
      return;
    }
    const reason = this.pendingReason;
    this.pendingReason = 'scheduled';
    this.inFlight = this.runOnce(reason).finally(() => {
      this.inFlight = null;
      if (this.rerun) {
        this.rerun = false;
        this.trigger();
      }
    });
  }

  private async runOnce(reason: RefreshReason): Promise<void> {
    const abort = new AbortController();
    this.abort = abort;
    const wasFailing = this.failures > 0 || this.current.state === 'auth-failed';
    const { lastSuccessAt } = this.current;
    const outage =
      wasFailing &&
      (lastSuccessAt === null ||
        this.options.clock.now() - lastSuccessAt >
          OUTAGE_AFTER_INTERVALS * this.options.intervalMs());
    try {
      // The refresh that ends an outage (a scheduled retry, or the user pressing refresh)
      // compares with a picture from before it: everything that changed meanwhile is old news.
      const recovering = outage && (reason === 'scheduled' || reason === 'manual');
      await this.options.refresh({
        reason: recovering ? 'recovery' : reason,
        signal: abort.signal,
      });
      if (!this.running) return;
      this.failures = 0;
      const now = this.options.clock.now();
      this.setHealth(this.makeHealth('ok', now, null, null, now));
      this.schedule(this.nextIntervalMs());
    } catch (error) {
      if (!this.running || abort.signal.aborted) return;
      this.onFailure(error, reason);
    } finally {
      if (this.abort === abort) this.abort = null;
    }
  }

  private onFailure(error: unknown, reason: RefreshReason): void {
    this.failures++;
    const now = this.options.clock.now();
    const verdict = this.options.classifyFailure(error, this.failures, now);
    // Until: when the next try is due (the portal's own wait, else the retry delay), so each retry
    // is news to whoever watches the health (watch's text and NDJSON say it).
    const nextTry =
      verdict.until ?? (verdict.retryInMs !== null ? now + Math.max(verdict.retryInMs, 0) : null);
    this.setHealth(this.makeHealth(verdict.health, now, nextTry, verdict));
    // The first refresh must become a baseline whenever it finally succeeds.
    if (reason === 'first' || reason === 'resume' || reason === 'gap') this.pendingReason = reason;
    // No retry (a rejected credential): wait for the user, hammering a revoked webhook helps nobody.
    if (verdict.retryInMs !== null) this.schedule(Math.max(verdict.retryInMs, 0));
  }

  private nextIntervalMs(): number {
    const interval = this.options.intervalMs();
    return Math.round(interval * (1 - POLL_JITTER * this.random()));
  }

  private schedule(delayMs: number): void {
    if (!this.running || this.paused) return;
    const { clock } = this.options;
    const plannedAt = clock.now() + delayMs;
    this.timer = clock.setTimeout(() => {
      this.timer = null;
      const late = clock.now() - plannedAt;
      if (late > TIMER_GAP_TOLERANCE_MS && this.pendingReason === 'scheduled')
        this.pendingReason = 'gap';
      this.trigger();
    }, delayMs);
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.options.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private makeHealth(
    state: HealthState,
    at: number | null,
    until: number | null,
    error: Pick<FailureVerdict, 'code' | 'message'> | null,
    lastSuccessAt: number | null = this.current?.lastSuccessAt ?? null,
  ): Health {
    const now = at ?? this.options.clock.now();
    const keepSince =
      this.current && this.current.state === state && this.current.code === (error?.code ?? null);
    return {
      state,
      since: keepSince ? this.current.since : now,
      until,
      lastSuccessAt,
      code: error?.code ?? null,
      message: error?.message ?? null,
    };
  }

  private setHealth(health: Health): void {
    const previous = this.current;
    this.current = health;
    if (
      previous.state !== health.state ||
      previous.code !== health.code ||
      previous.until !== health.until ||
      previous.lastSuccessAt !== health.lastSuccessAt
    ) {
      this.options.onHealth(health);
    }
  }
}
