import { systemClock, type Clock } from '../core/clock.js';
import { parseWebhookUrl } from '../core/bitrix/webhook-url.js';
import type { PresenceEngine } from '../core/engine/engine.js';
import { createPortalEngine } from '../core/engine/portal-engine.js';
import { startAppDemo, type AppDemoOptions } from '../demo/app-demo.js';
import { webhookProblemText } from './webhook-text.js';
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
  /** The demo's site date format (default dmy). */
  readonly demoDateFormat?: 'dmy' | 'mdy';
}

export interface ConnectIo {
  /** Starts the demo for --demo; the app's own start-up (demo/app-demo.ts) unless a test brings one. */
  readonly startDemo?: (options: AppDemoOptions) => Promise<DemoPortal>;
  readonly clock?: Clock;
  readonly random?: () => number;
}

/** One CLI run's engine over its portal, and how to end both (the app's own is core/connection.ts). */
export interface ConnectedEngine {
  /** Not started yet: subscribe first, then `engine.start()`. */
  readonly engine: PresenceEngine;
  readonly demo: DemoPortal | null;
  /** "demo portal", or the portal's host (never the webhook's path). */
  readonly where: string;
  close(): Promise<void>;
}

/**
 * The desktop app's engine (createPortalEngine), with settings and the alert ledger kept in
 * memory for the run (as in browser mode). A bad webhook URL is a UsageError (exit code 2).
 */
export async function connect(
  args: SourceArgs,
  settings: Settings,
  io: ConnectIo,
  client: { readonly timeoutMs?: number } = {},
): Promise<ConnectedEngine> {
  const clock = io.clock ?? systemClock;
  const startDemo = io.startDemo ?? startAppDemo;
  const demo = args.demo
    ? await startDemo({
        teamSize: args.demoTeamSize,
        legacy: args.demoLegacy,
        ...(args.demoDateFormat ? { dateFormat: args.demoDateFormat } : {}),
      })
    : null;
  const url = (demo ? demo.webhookUrl : args.webhookUrl) ?? '';
  const parsed = parseWebhookUrl(url);
  if (!parsed.ok) {
    await demo?.close();
    throw new UsageError(webhookProblemText(url) ?? parsed.error);
  }
  const ports = memoryPorts(settings);
  const { engine } = createPortalEngine({
    credential: parsed.value,
    ...(client.timeoutMs !== undefined ? { timeoutMs: client.timeoutMs } : {}),
    clock,
    getSettings: () => ports.settings.load(),
    alertLedger: ports.alertLedger,
    locale: () => 'en',
    ...(io.random ? { random: io.random } : {}),
  });
  return {
    engine,
    demo,
    where: demo
      ? args.demoLegacy
        ? 'demo portal (old on-premise)'
        : 'demo portal'
      : parsed.value.portalHost,
    async close() {
      await engine.stop();
      await demo?.close();
    },
  };
}
