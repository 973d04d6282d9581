import { parseArgs } from 'node:util';
import { DEFAULT_ONLINE_LIMIT_SEC, ONLINE_LIMIT_SEC } from '../shared/settings/schema.js';
import { COMMANDS, type CommandName } from './help.js';

/** A bad command line: printed as one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export type AlertScopeArg = 'all' | 'starred' | 'none';
/** dmy: `DD.MM.YYYY HH:MI:SS` (the default); mdy: `MM/DD/YYYY H:MI:SS T`, 12-hour. */
export type DemoDateFormatArg = 'dmy' | 'mdy';

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
  /** --date-format dmy|mdy: the demo portal's site date format (calendar answers). */
  readonly demoDateFormat: DemoDateFormatArg;
}

export interface WebArgs {
  readonly command: 'web';
  readonly webhookUrl: string | null;
  readonly demo: boolean;
  readonly port: number;
  readonly open: boolean;
  readonly demoTeamSize: number;
  readonly demoLegacy: boolean;
  readonly demoDateFormat: DemoDateFormatArg;
}

/** `status`, or `watch --once`: one refresh, print the team, exit. */
export interface StatusArgs {
  readonly command: 'status';
  readonly webhookUrl: string | null;
  readonly demo: boolean;
  readonly onlineLimitSec: number;
  readonly json: boolean;
  /** The whole run's limit (demo start, connection, refresh): it never hangs longer. */
  readonly timeoutSec: number;
  readonly demoTeamSize: number;
  readonly demoLegacy: boolean;
  readonly demoDateFormat: DemoDateFormatArg;
}

export type CliArgs =
  | WatchArgs
  | WebArgs
  | StatusArgs
  | { readonly command: 'help'; readonly topic: CommandName | null }
  | { readonly command: 'version' };

const DEFAULT_STATUS_TIMEOUT_SEC = 45;

function integer(
  value: string | undefined,
  flag: string,
  min: number,
  max: number,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value))
    throw new UsageError(`${flag} takes a whole number, got "${value.slice(0, 20)}"`);
  const number = Number(value);
  if (number < min || number > max)
    throw new UsageError(`${flag} must be between ${min} and ${max}`);
  return number;
}

/**
 * Minutes as the panel's settings field takes them ("15", "7.5", "7,5") to whole seconds, within
 * `min` … `max` seconds; the refusal speaks minutes, as the panel does.
 */
function minutesFlag(value: string, flag: string, min: number, max: number): number {
  const match = /^(\d{1,5})(?:[.,](\d{1,2}))?$/.exec(value);
  if (!match)
    throw new UsageError(
      `${flag} takes a number of minutes like 15 or 7.5, got "${value.slice(0, 20)}"`,
    );
  const seconds = Math.round(Number(`${match[1]}.${match[2] ?? '0'}`) * 60);
  if (seconds < min || seconds > max)
    throw new UsageError(`${flag} must be between ${min / 60} and ${max / 60} minutes`);
  return seconds;
}

function ids(value: string | undefined): number[] {
  if (value === undefined || value === '') return [];
  return value.split(',').map((part) => {
    const trimmed = part.trim();
    if (!/^[1-9]\d{0,9}$/.test(trimmed))
      throw new UsageError(`--star takes user ids like 5,12, got "${trimmed.slice(0, 20)}"`);
    return Number(trimmed);
  });
}

function source(
  values: { demo?: boolean; webhook?: string },
  env: NodeJS.ProcessEnv,
  required: boolean,
) {
  const webhookUrl = values.webhook ?? env.B24_WEBHOOK_URL ?? null;
  const demo = values.demo === true;
  if (demo && values.webhook !== undefined)
    throw new UsageError('choose either --demo or --webhook, not both');
  if (required && !demo && !webhookUrl)
    throw new UsageError('say where to connect: --demo, --webhook URL, or B24_WEBHOOK_URL');
  return { webhookUrl: demo ? null : webhookUrl, demo };
}

function isCommand(word: string | undefined): word is CommandName {
  return (COMMANDS as readonly string[]).includes(word ?? '');
}

function unknownCommand(word: string): UsageError {
  // The word may be a pasted webhook URL: never echo one.
  const shown = /^[a-z][a-z-]{0,19}$/i.test(word) ? `"${word}"` : 'that';
  return new UsageError(`unknown command ${shown}; use status, watch or web (or --help)`);
}

function refuse(
  values: Record<string, unknown>,
  flags: readonly string[],
  why: (flag: string) => string,
): void {
  for (const flag of flags) if (values[flag] !== undefined) throw new UsageError(why(flag));
}

export function parseCliArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): CliArgs {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h')
    return { command: 'help', topic: null };
  if (command === '--version' || command === '-v' || command === 'version')
    return { command: 'version' };
  if (command === 'help') {
    const [topic] = rest;
    if (topic === undefined) return { command: 'help', topic: null };
    if (!isCommand(topic)) throw unknownCommand(topic);
    return { command: 'help', topic };
  }
  if (!isCommand(command)) throw unknownCommand(command);
  // Asking for help wins over everything else on the line (even a bad flag next to it).
  if (rest.includes('--help') || rest.includes('-h')) return { command: 'help', topic: command };
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
        'online-limit-minutes': { type: 'string' },
        alerts: { type: 'string' },
        star: { type: 'string' },
        json: { type: 'boolean' },
        once: { type: 'boolean' },
        timeout: { type: 'string' },
        port: { type: 'string' },
        open: { type: 'boolean' },
        'team-size': { type: 'string' },
        'legacy-portal': { type: 'boolean' },
        'date-format': { type: 'string' },
      },
    });
  } catch (error) {
    // node:util's messages can quote the offending argument, which may be a webhook URL.
    const message =
      error instanceof Error ? (error.message.split('.')[0] ?? 'bad arguments') : 'bad arguments';
    throw new UsageError(message.replace(/https?:\/\/\S+/g, '<url>'));
  }
  const { values } = parsed;
  const demoTeamSize = integer(values['team-size'], '--team-size', 1, 10_000, 40);
  const demoLegacy = values['legacy-portal'] === true;
  const demoDateFormat = values['date-format'] ?? 'dmy';
  if (demoDateFormat !== 'dmy' && demoDateFormat !== 'mdy')
    throw new UsageError('--date-format takes dmy or mdy');
  const demoKindFlag = demoLegacy
    ? '--legacy-portal'
    : values['date-format'] !== undefined
      ? '--date-format'
      : null;
  const onlineLimitSec = (): number => {
    const minutes = values['online-limit-minutes'];
    if (minutes === undefined)
      return integer(
        values['online-limit'],
        '--online-limit',
        ONLINE_LIMIT_SEC.min,
        ONLINE_LIMIT_SEC.max,
        DEFAULT_ONLINE_LIMIT_SEC,
      );
    if (values['online-limit'] !== undefined)
      throw new UsageError(
        'choose either --online-limit-minutes or --online-limit (seconds), not both',
      );
    return minutesFlag(
      minutes,
      '--online-limit-minutes',
      ONLINE_LIMIT_SEC.min,
      ONLINE_LIMIT_SEC.max,
    );
  };
  const once = command === 'status' || (command === 'watch' && values.once === true);
  if (command !== 'watch')
    refuse(values, ['once'], () => '--once belongs to the watch command (status is always once)');
  if (once) {
    refuse(values, ['port', 'open'], (flag) => `--${flag} belongs to the web command`);
    refuse(values, ['interval', 'alerts', 'star'], (flag) =>
      command === 'status'
        ? `--${flag} belongs to the watch command`
        : `--${flag} has no use with --once`,
    );
    const where = source(values, env, true);
    if (demoKindFlag && !where.demo)
      throw new UsageError(`${demoKindFlag} is a kind of demo portal: add --demo`);
    return {
      command: 'status',
      ...where,
      onlineLimitSec: onlineLimitSec(),
      json: values.json === true,
      timeoutSec: integer(values.timeout, '--timeout', 5, 300, DEFAULT_STATUS_TIMEOUT_SEC),
      demoTeamSize,
      demoLegacy,
      demoDateFormat,
    };
  }
  if (command === 'watch') {
    refuse(values, ['port', 'open'], (flag) => `--${flag} belongs to the web command`);
    refuse(values, ['timeout'], () => '--timeout belongs to status (or watch --once)');
    const alerts = values.alerts ?? 'all';
    if (alerts !== 'all' && alerts !== 'starred' && alerts !== 'none')
      throw new UsageError('--alerts takes all, starred or none');
    const where = source(values, env, true);
    if (demoKindFlag && !where.demo)
      throw new UsageError(`${demoKindFlag} is a kind of demo portal: add --demo`);
    return {
      command: 'watch',
      ...where,
      intervalSec: integer(values.interval, '--interval', 2, 3600, 30),
      onlineLimitSec: onlineLimitSec(),
      alerts,
      star: ids(values.star),
      json: values.json === true,
      demoTeamSize,
      demoLegacy,
      demoDateFormat,
    };
  }
  refuse(
    values,
    ['interval', 'online-limit', 'online-limit-minutes', 'alerts', 'star', 'json'],
    (flag) => `--${flag} belongs to the watch command (set it in the panel)`,
  );
  refuse(values, ['timeout'], () => '--timeout belongs to status (or watch --once)');
  const where = source(values, env, false);
  if (demoKindFlag && where.webhookUrl !== null)
    throw new UsageError(
      `${demoKindFlag} is a kind of demo portal: drop the webhook or add --demo`,
    );
  return {
    command: 'web',
    ...where,
    port: integer(values.port, '--port', 0, 65_535, 0),
    open: values.open === true,
    demoTeamSize,
    demoLegacy,
    demoDateFormat,
  };
}
