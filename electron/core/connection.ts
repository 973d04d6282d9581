// Over 300 lines on purpose: a connection's lifecycle (activate, wire its engine, client and
// history to the service's events, deactivate) reads best as one sequence in one file.
import { errorMessage } from './error-message.js';
import type { Clock } from './clock.js';
import type { Emitter } from './emitter.js';
import { B24Client } from './bitrix/client.js';
import { SerialQueue } from './bitrix/rate-limiter.js';
import { fetchDepartments, fetchIdentity } from './bitrix/team.js';
import { findPeople } from './bitrix/search.js';
import type { RawUser } from './bitrix/types.js';
import { parseWebhookUrl, type WebhookCredential } from './bitrix/webhook-url.js';
import type { PresenceEngine } from './engine/engine.js';
import { createPortalEngine } from './engine/portal-engine.js';
import { PresenceJournal, type JournalFiles } from './history/journal.js';
import { dayStarts, type TimelineSegment } from '../shared/timeline.js';
import { asRequestFailure, throwRequestFailure } from './request-failure.js';
import type { AlertLedgerPort, DemoHandle, PresenceSummary, SecretPort } from './ports.js';
import {
  CURRENT_PORTAL_REPORTS,
  type Health,
  type PortalReports,
  type PresenceTransition,
  type Snapshot,
  type TeamTruncation,
} from '../shared/domain.js';
import type { Locale } from '../shared/locale.js';
import type { ConnectionSettings, Settings } from '../shared/settings/schema.js';
import type { ConnectionInfo, EventChannel, EventOf, RequestOf } from '../shared/contract.js';
import { SECOND_MS } from '../shared/time-units.js';

/*
 * The connection lifecycle: which portal is connected (demo or webhook), its client and
 * engine, and the steps that change it (start from the saved settings, connect, disconnect,
 * stop). The app service's request handlers ask this module; it reports through the
 * service's events.
 */
export type ServiceEvents = { [C in EventChannel]: EventOf<C> } & { summary: PresenceSummary };

export interface ConnectionOptions {
  readonly clock: Clock;
  readonly log: (line: string) => void;
  readonly events: Emitter<ServiceEvents>;
  readonly emitSummary: () => void;
  readonly settings: () => Settings;
  /** Saves the connection part of the settings (and tells the listeners). */
  readonly saveConnection: (connection: ConnectionSettings) => void;
  readonly secrets: SecretPort;
  readonly alertLedger: AlertLedgerPort;
  readonly locale: () => Locale;
  readonly startDemo: () => Promise<DemoHandle>;
  readonly historyFolder?: ((key: string) => JournalFiles) | undefined;
  readonly onStorageProblem?: ((message: string) => void) | undefined;
  /** Notify-once requests that fired: clear them from the settings. */
  readonly notifyOnceDone: (ids: readonly number[]) => void;
  /** Every presence transition the engine sees (the service keeps the tray's recent list). */
  readonly onTransition?: ((transition: PresenceTransition) => void) | undefined;
}

export interface Connection {
  /** What is connected now; the saved kind while nothing is (yet). */
  kind(): ConnectionInfo['kind'];
  info(): ConnectionInfo;
  /** The connected portal's origin (chat links, the CSP's img-src), or null. */
  portalOrigin(): string | null;
  health(): Health;
  snapshot(): Snapshot | null;
  reports(): PortalReports;
  /** Whether the team is larger than the app reads, or null. */
  truncation(): TeamTruncation | null;
  refreshNow(): Promise<void>;
  /** Names of departments by id, looked up once per connection. */
  departments(ids: readonly number[]): Promise<Array<{ id: number; name: string }>>;
  /** People on the connected portal by name or id ("Also watch"); throws when not connected. */
  findPeople(query: string): Promise<RawUser[]>;
  start(): Promise<void>;
  connect(request: RequestOf<'connection:connect'>): Promise<ConnectionInfo>;
  disconnect(): Promise<ConnectionInfo>;
  stop(): Promise<void>;
  pause(): void;
  resume(): void;
  userAway(): void;
  userBack(): void;
  /** One person's presence over the last `days` local days, from the history. */
  timeline(id: number, days: number): { at: number; segments: TimelineSegment[] };
  forgetHistory(): void;
}

interface ActiveConnection {
  readonly kind: 'demo' | 'webhook';
  readonly credential: WebhookCredential;
  readonly client: B24Client;
  readonly engine: PresenceEngine;
  readonly demo: DemoHandle | null;
  readonly departmentNames: Map<number, string>;
  readonly history: PresenceJournal | null;
  /** The webhook lives only here, in memory: it was never written and the next start asks again. */
  readonly sessionOnly: boolean;
  identityName: string | null;
  readonly detach: () => void;
}

/** The credential in a pasted webhook URL, or a request failure naming the field. */
export function credentialFrom(webhookUrl: string): WebhookCredential {
  const parsed = parseWebhookUrl(webhookUrl);
  if (!parsed.ok) return throwRequestFailure('invalid-webhook', parsed.error, 'webhookUrl');
  return parsed.value;
}

export function createConnection(options: ConnectionOptions): Connection {
  const { clock, log, events, emitSummary } = options;
  let active: ActiveConnection | null = null;
  let stopped = false;
  // Connecting, disconnecting, starting and stopping run one at a time: two overlapping
  // connects would otherwise each start an engine, and one would poll forever unseen.
  const lifecycle = new SerialQueue();
  let idleHealth: Health = {
    state: 'connecting',
    since: clock.now(),
    until: null,
    lastSuccessAt: null,
    code: null,
    message: null,
  };

  const health = (): Health => active?.engine.health ?? idleHealth;
  const reports = (): PortalReports => active?.engine.reports ?? CURRENT_PORTAL_REPORTS;

  function info(): ConnectionInfo {
    return {
      kind: active?.kind ?? options.settings().connection.kind,
      portalHost: active?.credential.portalHost ?? null,
      portalOrigin: active?.credential.portalOrigin ?? null,
      identityName: active?.identityName ?? null,
      weakSecretStorage: options.secrets.weak,
      sessionOnly: active?.sessionOnly ?? false,
    };
  }

  async function activate(
    kind: 'demo' | 'webhook',
    credential: WebhookCredential,
    demo: DemoHandle | null,
    knownIdentityName: string | null = null,
    sessionOnly = false,
  ): Promise<void> {
    await deactivate();
    // History is kept per portal and person, so two portals' ids never mix.
    const folder = options.historyFolder?.(
      kind === 'demo' ? 'demo' : `${credential.portalHost}-${credential.userId}`,
    );
    let history = folder
      ? new PresenceJournal({
          files: folder,
          retentionDays: () => options.settings().history.retentionDays,
        })
      : null;
    let problems: string[];
    try {
      problems = history?.load(clock.now()) ?? [];
    } catch (error) {
      // A history that cannot be read at all must not keep the connection from starting.
      history = null;
      problems = [
        `The presence history could not be read (${errorMessage(error)}); it is not kept until the app restarts.`,
      ];
    }
    for (const problem of problems) {
      log(problem);
      options.onStorageProblem?.(problem);
    }
    const { engine, client } = createPortalEngine({
      credential,
      clock,
      getSettings: options.settings,
      alertLedger: options.alertLedger,
      locale: options.locale,
      onListenerError: (error) => log(`engine listener failed: ${errorMessage(error)}`),
    });
    const unsubscribers = [
      engine.on('snapshot', (snapshot) => {
        events.emit('snapshot', snapshot);
        emitSummary();
      }),
      engine.on('patch', (patch) => {
        events.emit('patch', patch);
        emitSummary();
      }),
      engine.on('health', (next) => {
        events.emit('health', next);
        emitSummary();
        if (next.code) log(`health ${next.state}: ${next.code}`);
      }),
      engine.on('reports', (next) => events.emit('reports', next)),
      engine.on('truncation', (next) => events.emit('truncation', next)),
      engine.on('alert', (alert) => events.emit('alert', alert)),
      engine.on('digest', (digest) => events.emit('digest', digest)),
      engine.on('transition', (transition) => options.onTransition?.(transition)),
      engine.on('notify-once-done', (ids) => options.notifyOnceDone(ids)),
      engine.on('refreshed', (report) => {
        // A meeting that ended changes who is free without any patch: the tray hears it here.
        if (engine.reports.calendar) emitSummary();
        const snapshot = engine.snapshot;
        if (history === null || snapshot === null) return;
        try {
          history.record(report.at, snapshot.colleagues, report.silent);
        } catch (error) {
          // A full disk costs the history, never the panel.
          log(`history not written: ${errorMessage(error)}`);
        }
      }),
    ];
    const connection: ActiveConnection = {
      kind,
      credential,
      client,
      engine,
      demo,
      departmentNames: new Map(),
      history,
      sessionOnly,
      identityName: knownIdentityName,
      detach: () => unsubscribers.forEach((unsubscribe) => unsubscribe()),
    };
    active = connection;
    engine.start();
    events.emit('connection', info());
    // A new portal has shown nothing yet: what the last one reported does not carry over.
    events.emit('reports', reports());
    events.emit('truncation', null);
    log(`connected to ${kind === 'demo' ? 'the demo portal' : credential.portalHost}`);
    if (knownIdentityName !== null) return;
    // Whose credential this is only decorates the panel: a failure here must not stop polling.
    void fetchIdentity(client)
      .then((identity) => {
        if (active !== connection) return;
        connection.identityName = identity.name;
        events.emit('connection', info());
      })
      .catch(() => undefined);
  }

  async function deactivate(): Promise<void> {
    const previous = active;
    if (!previous) return;
    active = null;
    // Stop first: stopping flushes alerts still waiting in a burst window, and they must reach
    // the listeners (their transitions are already remembered as alerted).
    await previous.engine.stop();
    previous.detach();
    await previous.demo?.close();
  }

  async function connectDemo(): Promise<void> {
    const demo = await options.startDemo();
    const parsed = parseWebhookUrl(demo.webhookUrl);
    if (!parsed.ok) {
      await demo.close();
      throwRequestFailure('demo-failed', parsed.error);
      return;
    }
    await activate('demo', parsed.value, demo);
  }

  /** The saved connection cannot be started: say so, and wait for the user to connect again. */
  function savedConnectionUnusable(code: string, message: string): void {
    idleHealth = { ...idleHealth, state: 'auth-failed', code, message };
    events.emit('health', idleHealth);
  }

  return {
    kind: () => active?.kind ?? options.settings().connection.kind,
    info,
    portalOrigin: () => active?.credential.portalOrigin ?? null,
    health,
    snapshot: () => active?.engine.snapshot ?? null,
    reports,
    truncation: () => active?.engine.truncation ?? null,
    refreshNow: async () => active?.engine.refreshNow(),
    async departments(ids) {
      const connection = active;
      if (!connection) return [];
      const names = connection.departmentNames;
      const missing = ids.filter((id) => !names.has(id));
      if (missing.length > 0) {
        for (const department of await fetchDepartments(connection.client, missing))
          names.set(department.id, department.name);
      }
      return ids.flatMap((id) => {
        const name = names.get(id);
        return name === undefined ? [] : [{ id, name }];
      });
    },
    async findPeople(query) {
      if (!active) return throwRequestFailure('not-connected', 'Connect a portal first.');
      return findPeople(active.client, query);
    },
    start: () =>
      lifecycle.run(async () => {
        try {
          if (stopped) return;
          const saved = options.settings().connection;
          if (saved.kind === 'demo') await connectDemo();
          else if (saved.kind === 'webhook') {
            const secret = options.secrets.get();
            const parsed = secret ? parseWebhookUrl(secret) : null;
            if (parsed?.ok) await activate('webhook', parsed.value, null);
            else
              savedConnectionUnusable(
                'CREDENTIAL_MISSING',
                'The saved webhook could not be read. Connect again.',
              );
          }
        } catch (error) {
          log(`start failed: ${asRequestFailure(error, log).message}`);
        }
        emitSummary();
      }),
    connect: (request) =>
      lifecycle.run(async () => {
        if (stopped) return throwRequestFailure('stopped', 'The app is shutting down.');
        if (request.kind === 'demo') {
          await connectDemo();
          options.saveConnection({ kind: 'demo' });
        } else {
          const credential = credentialFrom(request.webhookUrl);
          // Prove the credential works before it replaces a working one.
          const identity = await fetchIdentity(new B24Client({ credential, clock }));
          if (request.sessionOnly === true) {
            // Nothing on disk: a copy saved earlier goes, and the next start shows the connect form.
            options.secrets.set(null);
            options.saveConnection({ kind: 'none' });
          } else {
            options.secrets.set(request.webhookUrl.trim());
            options.saveConnection({
              kind: 'webhook',
              portalHost: credential.portalHost,
              userId: credential.userId,
            });
          }
          await activate('webhook', credential, null, identity.name, request.sessionOnly === true);
        }
        return info();
      }),
    disconnect: () =>
      lifecycle.run(async () => {
        await deactivate();
        options.secrets.set(null);
        idleHealth = { ...idleHealth, state: 'connecting', since: clock.now() };
        options.saveConnection({ kind: 'none' });
        events.emit('connection', info());
        events.emit('health', health());
        events.emit('truncation', null);
        return info();
      }),
    stop: () =>
      lifecycle.run(async () => {
        stopped = true;
        await deactivate();
        events.clear();
      }),
    pause: () => active?.engine.pause(),
    resume: () => active?.engine.resume(),
    userAway: () => active?.engine.userAway(),
    userBack: () => active?.engine.userBack(),
    timeline(id, days) {
      const now = clock.now();
      const from = dayStarts(now, days)[0] as number;
      // Data older than two poll intervals is stale: the same line as the health's "outage".
      const staleAfterMs = 2 * options.settings().pollIntervalSec * SECOND_MS;
      return {
        at: now,
        segments: active?.history?.timeline(id, from, now, staleAfterMs) ?? [
          { from, to: now, state: 'unknown' },
        ],
      };
    },
    forgetHistory: () => active?.history?.forget(),
  };
}
