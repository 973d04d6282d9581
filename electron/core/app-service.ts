import { errorMessage } from './error-message.js';
import { z } from 'zod';
import { systemClock } from './clock.js';
import { CURRENT_PORTAL_REPORTS, type Health, type PortalReports, type Snapshot } from '../shared/domain.js';
import { Emitter } from './emitter.js';
import { activePauseUntil } from '../shared/settings/pause.js';
import { withRule } from '../shared/settings/rules.js';
import { B24Client } from './bitrix/client.js';
import { isB24Error } from './bitrix/errors.js';
import { SerialQueue } from './bitrix/rate-limiter.js';
import { fetchDepartments, fetchIdentity } from './bitrix/team.js';
import { parseWebhookUrl, type WebhookCredential } from './bitrix/webhook-url.js';
import type { Department } from './bitrix/types.js';
import { PresenceEngine } from './engine/engine.js';
import { createBitrixSource } from './engine/presence-source.js';
import { countPresence } from '../shared/presence/counts.js';
import { applySettingsUpdate, type Settings, type SettingsUpdate } from '../shared/settings/schema.js';
import {
  validationError,
  type ConnectionInfo,
  type EventChannel,
  type EventOf,
  type RequestChannel,
  type RequestError,
  type RequestOf,
  type ResponseOf,
  type Result,
} from '../shared/contract.js';
import type { DemoPortal } from '../demo/types.js';
import { PortError, type AppService, type AppServiceOptions, type PresenceSummary } from './ports.js';

interface ActiveConnection {
  readonly kind: 'demo' | 'webhook';
  readonly credential: WebhookCredential;
  readonly client: B24Client;
  readonly engine: PresenceEngine;
  readonly demo: DemoPortal | null;
  identityName: string | null;
  readonly detach: () => void;
}

type ServiceEvents = { [C in EventChannel]: EventOf<C> } & { summary: PresenceSummary };
type Handlers = { [C in RequestChannel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> };

/** A failure to report to the panel as it is (already redacted, user-facing). */
class RequestFailure extends Error {
  constructor(readonly error: RequestError) {
    super(error.message);
  }
}

const fail = (code: string, message: string, field: string | null = null): never => {
  throw new RequestFailure({ code, message, field });
};

export function createAppService(options: AppServiceOptions): AppService {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? (() => undefined);
  const events = new Emitter<ServiceEvents>((error) =>
    log(`listener failed: ${errorMessage(error)}`),
  );
  let settings = options.settings.load();
  let active: ActiveConnection | null = null;
  let stopped = false;
  // Connecting, disconnecting, starting and stopping run one at a time: two overlapping
  // connects would otherwise each start an engine, and one would poll forever unseen.
  const lifecycle = new SerialQueue();
  let idleHealth: Health = { state: 'connecting', since: clock.now(), until: null, lastSuccessAt: null, code: null, message: null };
  const departmentNames = new Map<number, string>();

  const currentHealth = (): Health => active?.engine.health ?? idleHealth;
  const currentSnapshot = (): Snapshot | null => active?.engine.snapshot ?? null;
  const currentReports = (): PortalReports => active?.engine.reports ?? CURRENT_PORTAL_REPORTS;

  function connectionInfo(): ConnectionInfo {
    return {
      kind: active?.kind ?? settings.connection.kind,
      portalHost: active?.credential.portalHost ?? null,
      portalOrigin: active?.credential.portalOrigin ?? null,
      identityName: active?.identityName ?? null,
      weakSecretStorage: options.secrets.weak,
    };
  }

  function summary(): PresenceSummary {
    return {
      ...countPresence(currentSnapshot()?.colleagues ?? []),
      health: currentHealth(),
      updatedAt: currentHealth().lastSuccessAt,
      alertsPausedUntil: activePauseUntil(settings.alerts.pausedUntil, clock.now()),
      connection: active?.kind ?? settings.connection.kind,
    };
  }

  const emitSummary = (): void => events.emit('summary', summary());

  function saveSettings(next: Settings): Settings {
    settings = next;
    options.settings.save(next);
    events.emit('settings', next);
    emitSummary();
    return next;
  }

  function updateSettings(update: SettingsUpdate): Settings {
    try {
      return saveSettings(applySettingsUpdate(settings, update));
    } catch (error) {
      if (error instanceof z.ZodError) throw new RequestFailure(validationError(error));
      throw error;
    }
  }

  async function activate(
    kind: 'demo' | 'webhook',
    credential: WebhookCredential,
    demo: DemoPortal | null,
    knownIdentityName: string | null = null,
  ): Promise<void> {
    await deactivate();
    const client = new B24Client({ credential, clock });
    const engine = new PresenceEngine({
      source: createBitrixSource(client),
      clock,
      getSettings: () => settings,
      alertMemory: options.alertMemory,
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
      engine.on('health', (health) => {
        events.emit('health', health);
        emitSummary();
        if (health.code) log(`health ${health.state}: ${health.code}`);
      }),
      engine.on('reports', (reports) => events.emit('reports', reports)),
      engine.on('alert', (alert) => events.emit('alert', alert)),
    ];
    const connection: ActiveConnection = {
      kind,
      credential,
      client,
      engine,
      demo,
      identityName: knownIdentityName,
      detach: () => unsubscribers.forEach((unsubscribe) => unsubscribe()),
    };
    active = connection;
    engine.start();
    events.emit('connection', connectionInfo());
    // A new portal has shown nothing yet: what the last one reported does not carry over.
    events.emit('reports', currentReports());
    log(`connected to ${kind === 'demo' ? 'the demo portal' : credential.portalHost}`);
    if (knownIdentityName !== null) return;
    // Whose credential this is only decorates the panel: a failure here must not stop polling.
    void fetchIdentity(client)
      .then((identity) => {
        if (active !== connection) return;
        connection.identityName = identity.name;
        events.emit('connection', connectionInfo());
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
    departmentNames.clear();
  }

  async function connectDemo(): Promise<void> {
    const demo = await options.startDemo();
    const parsed = parseWebhookUrl(demo.webhookUrl);
    if (!parsed.ok) {
      await demo.close();
      fail('demo-failed', parsed.error);
      return;
    }
    await activate('demo', parsed.value, demo);
  }

  /** The saved connection cannot be started: say so, and wait for the user to connect again. */
  function savedConnectionUnusable(code: string, message: string): void {
    idleHealth = { ...idleHealth, state: 'auth-failed', code, message };
    events.emit('health', idleHealth);
  }

  function credentialFrom(webhookUrl: string): WebhookCredential {
    const parsed = parseWebhookUrl(webhookUrl);
    if (!parsed.ok) return fail('invalid-webhook', parsed.error, 'webhookUrl');
    return parsed.value;
  }

  function asRequestFailure(error: unknown): RequestFailure {
    if (error instanceof RequestFailure) return error;
    if (isB24Error(error)) return new RequestFailure({ code: error.kind, message: error.message, field: null });
    if (error instanceof PortError) return new RequestFailure({ code: error.code, message: error.message, field: null });
    log(`request failed: ${errorMessage(error)}`);
    return new RequestFailure({ code: 'internal', message: 'Something went wrong; see the log.', field: null });
  }

  const handlers: Handlers = {
    'session:get': async () => ({
      appVersion: options.appVersion,
      host: options.host,
      platform: options.platform,
      connection: connectionInfo(),
      settings,
      health: currentHealth(),
      snapshot: currentSnapshot(),
      reports: currentReports(),
    }),
    'snapshot:get': async () => currentSnapshot(),
    'settings:update': async (update) => {
      const before = settings;
      const next = updateSettings(update);
      const needsRefresh =
        before.onlineLimitSec !== next.onlineLimitSec ||
        before.pollIntervalSec !== next.pollIntervalSec ||
        before.watchIds.join() !== next.watchIds.join();
      if (needsRefresh) void active?.engine.refreshNow();
      return next;
    },
    'connection:test': async ({ webhookUrl }) => {
      const credential = credentialFrom(webhookUrl);
      const client = new B24Client({ credential, clock });
      const identity = await fetchIdentity(client);
      let colleagues: number | null = null;
      let imScope = true;
      try {
        const page = await client.call('im.department.colleagues.list', { USER_DATA: 'N', LIMIT: 1 });
        colleagues = page.total;
      } catch (error) {
        if (!isB24Error(error) || (error.kind !== 'scope-missing' && error.kind !== 'access-denied')) throw error;
        imScope = false;
      }
      return { portalHost: credential.portalHost, identityName: identity.name, userId: identity.userId, imScope, colleagues };
    },
    'connection:connect': (request) =>
      lifecycle.run(async () => {
        if (stopped) return fail('stopped', 'The app is shutting down.');
        if (request.kind === 'demo') {
          await connectDemo();
          saveSettings({ ...settings, connection: { kind: 'demo' } });
        } else {
          const credential = credentialFrom(request.webhookUrl);
          // Prove the credential works before it replaces a working one.
          const identity = await fetchIdentity(new B24Client({ credential, clock }));
          options.secrets.set(request.webhookUrl.trim());
          saveSettings({ ...settings, connection: { kind: 'webhook', portalHost: credential.portalHost, userId: credential.userId } });
          await activate('webhook', credential, null, identity.name);
        }
        return connectionInfo();
      }),
    'connection:disconnect': () =>
      lifecycle.run(async () => {
        await deactivate();
        options.secrets.set(null);
        idleHealth = { ...idleHealth, state: 'connecting', since: clock.now() };
        saveSettings({ ...settings, connection: { kind: 'none' } });
        events.emit('connection', connectionInfo());
        events.emit('health', currentHealth());
        return connectionInfo();
      }),
    'poll:refresh': async () => {
      await active?.engine.refreshNow();
      return null;
    },
    'alerts:pause': async ({ until }) => updateSettings({ alerts: { pausedUntil: until } }),
    'colleague:set-rule': async ({ id, rule }) => {
      return updateSettings({ rules: withRule(settings.rules, id, rule) });
    },
    'watch:set': async ({ ids }) => {
      const next = updateSettings({ watchIds: [...new Set(ids)] });
      void active?.engine.refreshNow();
      return next;
    },
    'chat:open': async ({ userId }) => {
      if (!active) return fail('not-connected', 'Connect a portal first.');
      const url = `${active.credential.portalOrigin}/online/?IM_DIALOG=${userId}`;
      // Browser mode has no opener: the panel opens the link in a tab itself.
      if (!options.opener) return { url, opened: false };
      // The desktop opens only https links on the portal; saying nothing would leave a dead button.
      if (!(await options.opener.open(url))) {
        return fail('chat-unavailable', 'Chats open in Bitrix24 on an https portal; this connection has none (the demo portal, say).');
      }
      return { url, opened: true };
    },
    'departments:get': async ({ ids }) => {
      if (!active) return [];
      const missing = ids.filter((id) => !departmentNames.has(id));
      if (missing.length > 0) {
        const found: Department[] = await fetchDepartments(active.client, missing);
        for (const department of found) departmentNames.set(department.id, department.name);
      }
      return ids.flatMap((id) => {
        const name = departmentNames.get(id);
        return name === undefined ? [] : [{ id, name }];
      });
    },
  };

  return {
    async handle<C extends RequestChannel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
      try {
        const handler = handlers[channel] as (request: RequestOf<C>) => Promise<ResponseOf<C>>;
        return { ok: true, value: await handler(request) };
      } catch (error) {
        return { ok: false, error: asRequestFailure(error).error };
      }
    },
    on<C extends EventChannel>(channel: C, listener: (event: EventOf<C>) => void) {
      return events.on(channel, listener as (event: ServiceEvents[C]) => void);
    },
    summary,
    onSummary: (listener) => events.on('summary', listener),
    start: () =>
      lifecycle.run(async () => {
        try {
          if (stopped) return;
          if (settings.connection.kind === 'demo') await connectDemo();
          else if (settings.connection.kind === 'oauth') {
            savedConnectionUnusable('CONNECTION_UNSUPPORTED', 'This kind of connection is not supported here. Connect again with a webhook.');
          } else if (settings.connection.kind === 'webhook') {
            const secret = options.secrets.get();
            const parsed = secret ? parseWebhookUrl(secret) : null;
            if (parsed?.ok) await activate('webhook', parsed.value, null);
            else savedConnectionUnusable('CREDENTIAL_MISSING', 'The saved webhook could not be read. Connect again.');
          }
        } catch (error) {
          log(`start failed: ${asRequestFailure(error).message}`);
        }
        emitSummary();
      }),
    stop: () =>
      lifecycle.run(async () => {
        stopped = true;
        await deactivate();
        events.clear();
      }),
    pause: () => active?.engine.pause(),
    resume: () => active?.engine.resume(),
  };
}
