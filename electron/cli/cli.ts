import { errorMessage } from '../core/error-message.js';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppService } from '../core/app-service.js';
import { parseWebhookUrl } from '../core/bitrix/webhook-url.js';
import { terminalLine } from './error-line.js';
import { startAppDemo } from '../demo/app-demo.js';
import { parseCliArgs, UsageError, type CliArgs, type StatusArgs, type WebArgs } from './args.js';
import { helpText } from './help.js';
import { webhookProblemText } from './webhook-text.js';
import { memoryPorts } from './memory-ports.js';
import { appDataFolder } from './data-folder.js';
import { historyFolders } from '../core/history/node-files.js';
import { PortalUnreadable, statusJson, statusText, takeStatus } from './status.js';
import { VERSION } from './version.js';
import { startWatch } from './watch.js';
import { startWebServer } from './web-server.js';
import { openInBrowser, SECRET_ENV_VARIABLES } from './open-browser.js';

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;
const HAND_OVER_FILE_LIFETIME_MS = 5 * 60_000;

function onStopSignal(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (): void => {
    if (stopping) process.exit(130);
    stopping = true;
    // A hung request must not keep the process alive past the promised 2 s.
    setTimeout(() => process.exit(0), 1500).unref();
    void stop().finally(() => process.exit(0));
  };
  for (const signal of STOP_SIGNALS) process.once(signal, handler);
}

async function runWeb(args: WebArgs): Promise<void> {
  const credential = args.webhookUrl ? parseWebhookUrl(args.webhookUrl) : null;
  if (credential && !credential.ok)
    throw new UsageError(webhookProblemText(args.webhookUrl ?? '') ?? credential.error);
  const ports = memoryPorts(
    credential?.ok
      ? {
          connection: {
            kind: 'webhook',
            portalHost: credential.value.portalHost,
            userId: credential.value.userId,
          },
        }
      : { connection: args.demo || !credential ? { kind: 'demo' } : { kind: 'none' } },
    args.webhookUrl,
  );
  const service = createAppService({
    host: 'browser',
    appVersion: VERSION,
    platform: process.platform,
    ...ports,
    opener: null,
    startDemo: () =>
      startAppDemo({
        teamSize: args.demoTeamSize,
        legacy: args.demoLegacy,
        dateFormat: args.demoDateFormat,
      }),
    locale: () => 'en',
    // The same history as the desktop app's, in the same data folder.
    historyFolder: historyFolders(join(appDataFolder(), 'history')),
    log: (line) => process.stderr.write(terminalLine(line)),
    // Browser mode keeps its settings in memory and logs to the terminal it runs in.
    about: {
      runtime: { node: process.versions.node },
      settingsFolder: null,
      logFolder: null,
      historyFolder: join(appDataFolder(), 'history'),
    },
  });
  await service.start();
  const server = await startWebServer({
    service,
    staticDir: fileURLToPath(new URL('../renderer/', import.meta.url)),
    port: args.port,
  });
  // A one-time address: opened once, it is traded for a session cookie.
  process.stdout.write(`B24 Presence panel: ${server.url}\n`);
  const launched = args.open ? openInBrowser(server.origin, server.issueToken()) : null;
  // The hand-over file holds a token the browser trades within moments; it goes soon either way.
  if (launched) setTimeout(() => launched.cleanUp(), HAND_OVER_FILE_LIFETIME_MS).unref();
  onStopSignal(async () => {
    launched?.cleanUp();
    await server.close();
    await service.stop();
  });
}

/** Writes, then exits once the text has reached stdout (a pipe may still be draining). */
function finish(text: string, code: number): void {
  process.stdout.write(text, () => process.exit(code));
}

/**
 * One refresh, printed. Exit 1 when the portal cannot be read; the run is bounded by
 * --timeout (takeStatus), and a last guard here covers what the clock cannot (a demo that
 * will not close).
 */
async function runStatus(args: StatusArgs): Promise<void> {
  setTimeout(
    () => {
      process.stderr.write(`b24-presence: gave up after ${args.timeoutSec} s\n`);
      process.exit(1);
    },
    args.timeoutSec * 1000 + 5000,
  ).unref();
  const status = await takeStatus(args);
  finish(args.json ? `${statusJson(status)}\n` : `${statusText(status).join('\n')}\n`, 0);
}

let secrets: readonly string[] = [];

async function main(argv: readonly string[]): Promise<void> {
  const args: CliArgs = parseCliArgs(argv, process.env);
  // Read once, here; no child (the browser launcher) and no later code can find it in the environment.
  for (const name of SECRET_ENV_VARIABLES) delete process.env[name];
  if (args.command === 'help') return finish(`${helpText(args.topic)}\n`, 0);
  if (args.command === 'version') return finish(`${VERSION}\n`, 0);
  if ('webhookUrl' in args && args.webhookUrl) secrets = [args.webhookUrl];
  if (args.command === 'web') return runWeb(args);
  if (args.command === 'status') return runStatus(args);
  const session = await startWatch(args, { write: (line) => process.stdout.write(`${line}\n`) });
  onStopSignal(() => session.stop());
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(terminalLine(`b24-presence: ${error.message}`, secrets));
    process.exit(2);
  }
  // One line, never the webhook: the message is redacted (again) against the URL itself too.
  const message = error instanceof PortalUnreadable ? error.message : errorMessage(error);
  process.stderr.write(terminalLine(`b24-presence: ${message}`, secrets));
  process.exit(1);
});
