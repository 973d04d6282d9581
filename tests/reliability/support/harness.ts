import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { ManualClock } from '../../../electron/core/clock.js';
import type {
  AlertIntent,
  Health,
  Patch,
  PresenceTransition,
  Snapshot,
} from '../../../electron/shared/domain.js';
import { B24Client, type RequestEvent } from '../../../electron/core/bitrix/client.js';
import type { Credential } from '../../../electron/core/bitrix/credential.js';
import { parseWebhookUrl } from '../../../electron/core/bitrix/webhook-url.js';
import { PresenceEngine, type RefreshSummary } from '../../../electron/core/engine/engine.js';
import { createBitrixSource } from '../../../electron/core/engine/presence-source.js';
import { DEFAULT_SETTINGS, type Settings } from '../../../electron/shared/settings/schema.js';
import { startDemoPortal } from '../../../electron/demo/portal.js';
import type {
  DemoPortal,
  DemoPortalOptions,
  DemoRequestLogEntry,
} from '../../../electron/demo/types.js';
import { settleOnEngine } from '../../support/settle.js';
import { ContractConformance } from '../../support/contract-conformance.js';

/**
 * The real pipeline (B24Client → team paging → PresenceEngine) against the demo portal over
 * loopback HTTP, with one ManualClock shared by the portal's simulation, the client's limiter
 * and the poller. Optionally a switchable TCP proxy sits in between, so a test can take the
 * "portal" off the network (connections refused) and bring it back on the same address.
 */
export interface ClientRequest extends RequestEvent {
  /** Clock time the answer (or failure) arrived. */
  readonly at: number;
}

export interface HarnessOptions {
  readonly portal?: DemoPortalOptions;
  readonly auth?: 'webhook' | 'oauth';
  readonly settings?: Partial<Settings>;
  /** Real milliseconds before a request counts as hung (the client's timer is not on the clock). */
  readonly timeoutMs?: number;
  readonly proxy?: boolean;
  readonly random?: () => number;
  /** Start the engine at once (default); false lets a test subscribe first. */
  readonly start?: boolean;
}

export interface Harness {
  readonly clock: ManualClock;
  readonly portal: DemoPortal;
  readonly engine: PresenceEngine;
  readonly client: B24Client;
  readonly proxy: SwitchableProxy | null;
  readonly settings: Settings;
  readonly alerts: AlertIntent[];
  readonly healths: Health[];
  readonly transitions: PresenceTransition[];
  readonly patches: Patch[];
  readonly snapshots: Snapshot[];
  readonly refreshes: RefreshSummary[];
  readonly requests: ClientRequest[];
  readonly ledger: Record<string, string>;
  /** Everything the engine said, as text (for leak checks). */
  readonly transcript: string[];
  stop(): Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const clock = new ManualClock();
  const portal = await startDemoPortal({
    clock,
    teamSize: 14,
    evolve: false,
    seed: 11,
    ...options.portal,
  });
  const proxy = options.proxy ? await SwitchableProxy.start(new URL(portal.origin).port) : null;
  const viaProxy = (url: string): string =>
    proxy ? url.replace(portal.origin, proxy.origin) : url;
  let credential: Credential;
  if (options.auth === 'oauth') {
    const oauth = portal.oauth;
    credential = {
      kind: 'oauth',
      clientEndpoint: viaProxy(oauth.clientEndpoint),
      tokenUrl: viaProxy(oauth.tokenUrl),
      accessToken: oauth.accessToken,
      refreshToken: oauth.refreshToken,
      clientId: oauth.clientId,
      clientSecret: oauth.clientSecret,
    };
  } else {
    const parsed = parseWebhookUrl(viaProxy(portal.webhookUrl));
    if (!parsed.ok) throw new Error(parsed.error);
    credential = parsed.value;
  }
  const requests: ClientRequest[] = [];
  const client = new B24Client({
    credential,
    clock,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    onRequest: (event) => requests.push({ ...event, at: clock.now() }),
  });
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    connection: { kind: 'demo' },
    ...options.settings,
    alerts: { ...DEFAULT_SETTINGS.alerts, ...options.settings?.alerts },
  };
  const ledger: Record<string, string> = {};
  const engine = new PresenceEngine({
    source: createBitrixSource(client),
    clock,
    getSettings: () => settings,
    alertLedger: {
      load: () => ({ ...ledger }),
      save: (next) => {
        for (const key of Object.keys(ledger)) delete ledger[key];
        Object.assign(ledger, next);
      },
    },
    locale: () => 'en',
    random: options.random ?? (() => 0.5),
    onListenerError: (error) => {
      throw error;
    },
  });
  const contract = new ContractConformance();
  const harness: Harness = {
    clock,
    portal,
    engine,
    client,
    proxy,
    settings,
    alerts: [],
    healths: [],
    transitions: [],
    patches: [],
    snapshots: [],
    refreshes: [],
    requests,
    ledger,
    transcript: [],
    async stop() {
      await engine.stop();
      await proxy?.close();
      await portal.close();
      contract.assertClean();
    },
  };
  const record =
    <T>(list: T[]) =>
    (event: T) => {
      list.push(event);
      harness.transcript.push(JSON.stringify(event));
    };
  engine.on('alert', record(harness.alerts));
  engine.on('health', record(harness.healths));
  engine.on('transition', record(harness.transitions));
  engine.on('patch', record(harness.patches));
  engine.on('snapshot', record(harness.snapshots));
  engine.on('refreshed', record(harness.refreshes));
  // What the service forwards to the panel as it is must pass the IPC contract: checked on stop.
  for (const channel of ['snapshot', 'patch', 'health', 'alert', 'reports', 'digest'] as const) {
    engine.on(channel, (payload) => contract.checkEvent(channel, payload));
  }
  // A hung request ends only when the client's real-time timeout fires: wait for it.
  settleOnEngine(clock, engine, Math.max(1000, (options.timeoutMs ?? 0) * 3));
  if (options.start !== false) engine.start();
  return harness;
}

/** Advances in steps until `done` holds (or `maxMs` passed); returns whether it held. */
export async function advanceUntil(
  clock: ManualClock,
  done: () => boolean,
  maxMs: number,
  stepMs = 1000,
): Promise<boolean> {
  for (let waited = 0; waited < maxMs; waited += stepMs) {
    if (done()) return true;
    await clock.advance(stepMs);
  }
  return done();
}

/**
 * Highest fill of a leaky bucket that drains `drainPerSecond` and counts every request: the
 * level at request j is max over i ≤ j of (requests in [t_i, t_j]) − drain·(t_j − t_i), so
 * "level ≤ capacity" is exactly "every window holds at most capacity + drain·t requests".
 */
export function peakBucketLevel(times: readonly number[], drainPerSecond: number): number {
  let level = 0;
  let peak = 0;
  let last: number | null = null;
  for (const at of [...times].sort((a, b) => a - b)) {
    if (last !== null) level = Math.max(0, level - ((at - last) / 1000) * drainPerSecond);
    level += 1;
    last = at;
    peak = Math.max(peak, level);
  }
  return peak;
}

/** Requests that reached the portal's REST endpoints (token refreshes go to another server). */
export function restRequestTimes(log: readonly DemoRequestLogEntry[]): number[] {
  return log.filter((entry) => entry.method !== 'oauth.token').map((entry) => entry.at);
}

/** Loopback TCP proxy that can refuse connections for a while, as a portal that is down. */
export class SwitchableProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly targetPort: number,
    private port: number,
  ) {}

  static async start(targetPort: string): Promise<SwitchableProxy> {
    const proxy = new SwitchableProxy(Number(targetPort), 0);
    await proxy.up();
    return proxy;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async up(): Promise<void> {
    if (this.server) return;
    const server = createServer((inbound) => {
      const outbound = connect(this.targetPort, '127.0.0.1');
      for (const socket of [inbound, outbound]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      inbound.pipe(outbound).pipe(inbound);
      inbound.on('close', () => outbound.destroy());
      outbound.on('close', () => inbound.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async down(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  close(): Promise<void> {
    return this.down();
  }
}
