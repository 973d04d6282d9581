import { systemClock, type Clock } from '../core/clock.js';
import { B24Client } from '../core/bitrix/client.js';
import { parseWebhookUrl } from '../core/bitrix/webhook-url.js';
import { webhookProblemText } from './webhook-text.js';
import { PresenceEngine } from '../core/engine/engine.js';
import { createBitrixSource } from '../core/engine/presence-source.js';
import { startAppDemo, type AppDemoOptions } from '../core/demo-start.js';
import type { Settings } from '../shared/settings/schema.js';
import type { DemoPortal } from '../demo/types.js';
import { UsageError } from './args.js';
import { memoryPorts } from './memory-ports.js';

/** Where `watch` and `status` connect: the demo (started here) or a webhook. */
export interface SourceArgs {
  readonly webhookUrl: string | null;
  readonly demo: boolean;
  readonly demoTeamSize: number;
  readonly demoLegacy: boolean;
}

export interface ConnectIo {
  /** Starts the demo for --demo; the app's own start-up (core/demo-start.ts) unless a test brings one. */
  readonly startDemo?: (options: AppDemoOptions) => Promise<DemoPortal>;
  readonly clock?: Clock;
  readonly random?: () => number;
}

export interface Connection {
  /** Not started yet: subscribe first, then `engine.start()`. */
  readonly engine: PresenceEngine;
  readonly demo: DemoPortal | null;
  /** "demo portal", or the portal's host (never the webhook's path). */
  readonly where: string;
  close(): Promise<void>;
}

/**
 * The desktop app's engine over a Bitrix24 client, with settings and alert memory kept in
 * memory for the run (as in browser mode). A bad webhook URL is a UsageError (exit code 2).
 */
export async function connect(args: SourceArgs, settings: Settings, io: ConnectIo, client: { readonly timeoutMs?: number } = {}): Promise<Connection> {
  const clock = io.clock ?? systemClock;
  const startDemo = io.startDemo ?? startAppDemo;
  const demo = args.demo ? await startDemo({ teamSize: args.demoTeamSize, legacy: args.demoLegacy }) : null;
  const url = (demo ? demo.webhookUrl : args.webhookUrl) ?? '';
  const parsed = parseWebhookUrl(url);
  if (!parsed.ok) {
    await demo?.close();
    throw new UsageError(webhookProblemText(url) ?? parsed.error);
  }
  const ports = memoryPorts(settings);
  const engine = new PresenceEngine({
    source: createBitrixSource(new B24Client({ credential: parsed.value, clock, ...(client.timeoutMs !== undefined ? { timeoutMs: client.timeoutMs } : {}) })),
    clock,
    getSettings: () => ports.settings.load(),
    alertMemory: ports.alertMemory,
    locale: () => 'en',
    ...(io.random ? { random: io.random } : {}),
  });
  return {
    engine,
    demo,
    where: demo ? (args.demoLegacy ? 'demo portal (old on-premise)' : 'demo portal') : parsed.value.portalHost,
    async close() {
      await engine.stop();
      await demo?.close();
    },
  };
}
