import { parseArgs } from 'node:util';
import { DEFAULT_ONLINE_LIMIT_SEC } from '../shared/settings/schema.js';

/** A bad command line: printed as one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export type AlertScopeArg = 'all' | 'starred' | 'none';

export interface WatchArgs {
  readonly command: 'watch';
  /** null with --demo. Taken from --webhook or B24_WEBHOOK_URL (preferred: argv is visible to other users). */
  readonly webhookUrl: string | null;
  readonly demo: boolean;
  readonly intervalSec: number;
  readonly onlineLimitSec: number;
  readonly alerts: AlertScopeArg;
  readonly star: readonly number[];
  readonly json: boolean;
  readonly demoTeamSize: number;
  /** --legacy-portal: the demo answers as an old on-premise portal (real idle, mobile, status). */
  readonly demoLegacy: boolean;
}

export interface WebArgs {
  readonly command: 'web';
  readonly webhookUrl: string | null;
  readonly demo: boolean;
  readonly port: number;
  readonly open: boolean;
  readonly demoTeamSize: number;
  readonly demoLegacy: boolean;
}

export type CliArgs = WatchArgs | WebArgs | { readonly command: 'help' };

export const USAGE = `Usage:
  b24-presence watch (--demo | --webhook URL) [--interval SECONDS] [--online-limit SECONDS]
                     [--alerts all|starred|none] [--star ID[,ID]] [--json] [--team-size N]
                     [--legacy-portal]
  b24-presence web   [--demo | --webhook URL] [--port N] [--open] [--team-size N] [--legacy-portal]
The webhook URL may also come from the environment as B24_WEBHOOK_URL (preferred).
--legacy-portal makes the demo answer as an old on-premise portal (real idle, mobile, status).`;

function integer(value: string | undefined, flag: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} takes a whole number, got "${value.slice(0, 20)}"`);
  const number = Number(value);
  if (number < min || number > max) throw new UsageError(`${flag} must be between ${min} and ${max}`);
  return number;
}

function ids(value: string | undefined): number[] {
  if (value === undefined || value === '') return [];
  return value.split(',').map((part) => {
    const trimmed = part.trim();
    if (!/^[1-9]\d{0,9}$/.test(trimmed)) throw new UsageError(`--star takes user ids like 5,12, got "${trimmed.slice(0, 20)}"`);
    return Number(trimmed);
  });
}

function source(values: { demo?: boolean; webhook?: string }, env: NodeJS.ProcessEnv, required: boolean) {
  const webhookUrl = values.webhook ?? env.B24_WEBHOOK_URL ?? null;
  const demo = values.demo === true;
  if (demo && values.webhook !== undefined) throw new UsageError('choose either --demo or --webhook, not both');
  if (required && !demo && !webhookUrl) throw new UsageError('say where to connect: --demo, --webhook URL, or B24_WEBHOOK_URL');
  return { webhookUrl: demo ? null : webhookUrl, demo };
}

export function parseCliArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): CliArgs {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') return { command: 'help' };
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      strict: true,
      allowPositionals: false,
      options: {
        demo: { type: 'boolean' },
        webhook: { type: 'string' },
        interval: { type: 'string' },
        'online-limit': { type: 'string' },
        alerts: { type: 'string' },
        star: { type: 'string' },
        json: { type: 'boolean' },
        port: { type: 'string' },
        open: { type: 'boolean' },
        'team-size': { type: 'string' },
        'legacy-portal': { type: 'boolean' },
      },
    });
  } catch (error) {
    // node:util's messages can quote the offending argument, which may be a webhook URL.
    const message = error instanceof Error ? error.message.split('.')[0] ?? 'bad arguments' : 'bad arguments';
    throw new UsageError(message.replace(/https?:\/\/\S+/g, '<url>'));
  }
  const { values } = parsed;
  const demoTeamSize = integer(values['team-size'], '--team-size', 1, 10_000, 40);
  const demoLegacy = values['legacy-portal'] === true;
  if (command === 'watch') {
    for (const flag of ['port', 'open'] as const) {
      if (values[flag] !== undefined) throw new UsageError(`--${flag} belongs to the web command`);
    }
    const alerts = values.alerts ?? 'all';
    if (alerts !== 'all' && alerts !== 'starred' && alerts !== 'none') throw new UsageError('--alerts takes all, starred or none');
    const where = source(values, env, true);
    if (demoLegacy && !where.demo) throw new UsageError('--legacy-portal is a kind of demo portal: add --demo');
    return {
      command: 'watch',
      ...where,
      intervalSec: integer(values.interval, '--interval', 2, 3600, 30),
      onlineLimitSec: integer(values['online-limit'], '--online-limit', 120, 86_400, DEFAULT_ONLINE_LIMIT_SEC),
      alerts,
      star: ids(values.star),
      json: values.json === true,
      demoTeamSize,
      demoLegacy,
    };
  }
  if (command === 'web') {
    for (const flag of ['interval', 'online-limit', 'alerts', 'star', 'json'] as const) {
      if (values[flag] !== undefined) throw new UsageError(`--${flag} belongs to the watch command (set it in the panel)`);
    }
    const where = source(values, env, false);
    if (demoLegacy && where.webhookUrl !== null) throw new UsageError('--legacy-portal is a kind of demo portal: drop the webhook or add --demo');
    return {
      command: 'web',
      ...where,
      port: integer(values.port, '--port', 0, 65_535, 0),
      open: values.open === true,
      demoTeamSize,
      demoLegacy,
    };
  }
  throw new UsageError(`unknown command "${command.slice(0, 20)}"; use watch or web`);
}
