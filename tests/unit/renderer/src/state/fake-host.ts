import type {
  EventChannel,
  EventOf,
  PresenceBridge,
  RequestChannel,
  RequestOf,
  ResponseOf,
  Result,
  SessionState,
} from '../../../../../electron/shared/contract.js';
import type { ManualClock } from '../../../../../electron/core/clock.js';
import {
  CURRENT_PORTAL_REPORTS,
  type Colleague,
  type Health,
  type Snapshot,
} from '../../../../../electron/shared/domain.js';
import { DEFAULT_SETTINGS } from '../../../../../electron/shared/settings/schema.js';
import type { PanelClock } from '../../../../../renderer/src/lib/clock.js';
import { colleague } from '../../../../support/colleague.js';

/** The clock these tests drive (the core's ManualClock), seen as the panel's. */
export function panelClock(clock: ManualClock): PanelClock {
  return {
    now: () => clock.now(),
    every: (ms, tick) => {
      let timer = clock.setTimeout(function again() {
        tick();
        timer = clock.setTimeout(again, ms);
      }, ms);
      return () => clock.clearTimeout(timer);
    },
  };
}

type Handler<C extends RequestChannel> = (
  request: RequestOf<C>,
) => Result<ResponseOf<C>> | Promise<Result<ResponseOf<C>>>;

/**
 * The host as the panel's state sees it: answers from `handlers` (unknown channels are refused),
 * events when the test emits them, every call recorded.
 */
export class FakeHost implements PresenceBridge {
  readonly calls: Array<{ readonly channel: RequestChannel; readonly request: unknown }> = [];
  readonly handlers: { [C in RequestChannel]?: Handler<C> } = {};
  private readonly listeners = new Map<EventChannel, Set<(event: never) => void>>();

  constructor(session: SessionState) {
    this.handle('session:get', () => ({ ok: true, value: session }));
  }

  handle<C extends RequestChannel>(channel: C, handler: Handler<C>): void {
    (this.handlers as Record<C, Handler<C>>)[channel] = handler;
  }

  invoke<C extends RequestChannel>(
    channel: C,
    request: RequestOf<C>,
  ): Promise<Result<ResponseOf<C>>> {
    this.calls.push({ channel, request });
    const handler = this.handlers[channel] as Handler<C> | undefined;
    if (!handler)
      return Promise.resolve({
        ok: false,
        error: { code: 'unknown', message: `no ${channel}`, field: null },
      });
    return Promise.resolve(handler(request));
  }

  on<C extends EventChannel>(channel: C, listener: (event: EventOf<C>) => void): () => void {
    const set = this.listeners.get(channel) ?? new Set();
    this.listeners.set(channel, set);
    set.add(listener as (event: never) => void);
    return () => set.delete(listener as (event: never) => void);
  }

  emit<C extends EventChannel>(channel: C, event: EventOf<C>): void {
    for (const listener of this.listeners.get(channel) ?? [])
      (listener as (event: EventOf<C>) => void)(event);
  }

  callsOn(channel: RequestChannel): unknown[] {
    return this.calls.filter((call) => call.channel === channel).map((call) => call.request);
  }
}

/** An answer the test releases when it chooses: a request still in flight. */
export function held<T>(): { readonly promise: Promise<T>; release(value: T): void } {
  let release!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (release = resolve));
  return { promise, release };
}

export function team(size: number): Colleague[] {
  return Array.from({ length: size }, (_, i) => colleague(i + 1));
}

export function okHealth(at: number): Health {
  return { state: 'ok', since: at, until: null, lastSuccessAt: at, code: null, message: null };
}

/** A connected session with `colleagues` in a snapshot of sequence `seq`. */
export function session(
  at: number,
  colleagues: readonly Colleague[] = team(3),
  seq = 1,
): SessionState {
  const snapshot: Snapshot = { seq, at, colleagues };
  return {
    appVersion: '0.1.0-test',
    host: 'desktop',
    platform: 'linux',
    connection: {
      kind: 'demo',
      portalHost: '127.0.0.1:8123',
      portalOrigin: 'http://127.0.0.1:8123',
      identityName: 'Demo Owner',
      weakSecretStorage: false,
      sessionOnly: false,
    },
    settings: { ...DEFAULT_SETTINGS, revision: 0 },
    health: okHealth(at),
    snapshot,
    reports: CURRENT_PORTAL_REPORTS,
    truncation: null,
  };
}

/** Lets the promise callbacks queued so far run (answers the fake host gave at once). */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
