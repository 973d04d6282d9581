import { describe, expect, it } from 'vitest';
import { parseCliArgs, UsageError } from '../../../../electron/cli/args.js';

const HOOK = 'https://acme.bitrix24.ru/rest/7/s3cr3tc0de/';

describe('parseCliArgs', () => {
  it('reads a complete watch command', () => {
    const args = parseCliArgs([
      'watch',
      '--demo',
      '--interval',
      '5',
      '--online-limit',
      '300',
      '--alerts',
      'starred',
      '--star',
      '5,12',
      '--json',
    ]);
    expect(args).toMatchObject({
      command: 'watch',
      demo: true,
      webhookUrl: null,
      intervalSec: 5,
      onlineLimitSec: 300,
      alerts: 'starred',
      star: [5, 12],
      json: true,
    });
  });

  it('applies the documented defaults', () => {
    expect(parseCliArgs(['watch', '--demo'])).toMatchObject({
      intervalSec: 30,
      onlineLimitSec: 900,
      alerts: 'all',
      star: [],
      json: false,
      demoLegacy: false,
    });
  });

  it('takes --legacy-portal for a demo that answers as an old on-premise portal', () => {
    expect(parseCliArgs(['watch', '--demo', '--legacy-portal'])).toMatchObject({
      demo: true,
      demoLegacy: true,
    });
    expect(parseCliArgs(['web', '--legacy-portal'])).toMatchObject({
      command: 'web',
      demoLegacy: true,
    });
  });

  it('takes --date-format dmy|mdy for the demo portal on status, watch and web, and refuses it without a demo', () => {
    expect(parseCliArgs(['status', '--demo', '--date-format', 'mdy'])).toMatchObject({
      command: 'status',
      demoDateFormat: 'mdy',
    });
    expect(parseCliArgs(['watch', '--demo', '--date-format', 'dmy'])).toMatchObject({
      command: 'watch',
      demoDateFormat: 'dmy',
    });
    expect(parseCliArgs(['web', '--date-format', 'mdy'])).toMatchObject({
      command: 'web',
      demoDateFormat: 'mdy',
    });
    expect(() => parseCliArgs(['status', '--demo', '--date-format', 'ymd'])).toThrow(
      /--date-format takes dmy or mdy/,
    );
    expect(() =>
      parseCliArgs(['watch', '--date-format', 'mdy'], { B24_WEBHOOK_URL: HOOK }),
    ).toThrow(/--date-format is a kind of demo portal/);
  });

  it('takes the online limit in minutes, as the panel does (decimal point or comma), and still in seconds', () => {
    expect(parseCliArgs(['status', '--demo', '--online-limit-minutes', '15'])).toMatchObject({
      onlineLimitSec: 900,
    });
    expect(parseCliArgs(['watch', '--demo', '--online-limit-minutes', '7.5'])).toMatchObject({
      onlineLimitSec: 450,
    });
    expect(parseCliArgs(['watch', '--demo', '--online-limit-minutes', '7,5'])).toMatchObject({
      onlineLimitSec: 450,
    });
    expect(parseCliArgs(['watch', '--demo', '--online-limit', '600'])).toMatchObject({
      onlineLimitSec: 600,
    });
  });

  it('prefers the environment for the webhook so it stays out of argv', () => {
    expect(parseCliArgs(['watch'], { B24_WEBHOOK_URL: HOOK })).toMatchObject({
      webhookUrl: HOOK,
      demo: false,
    });
  });

  it.each([
    [['watch'], /--demo, --webhook URL, or B24_WEBHOOK_URL/],
    [['watch', '--demo', '--interval', '1'], /--interval must be between 2 and 3600/],
    [['watch', '--demo', '--interval', 'soon'], /--interval takes a whole number/],
    [['watch', '--demo', '--online-limit', '240'], /--online-limit must be between 300/],
    [
      ['watch', '--demo', '--online-limit-minutes', '4'],
      /--online-limit-minutes must be between 5 and 1440 minutes/,
    ],
    [
      ['status', '--demo', '--online-limit-minutes', '15m'],
      /--online-limit-minutes takes a number of minutes like 15 or 7\.5/,
    ],
    [
      ['status', '--demo', '--online-limit-minutes', '15', '--online-limit', '900'],
      /either --online-limit-minutes or --online-limit/,
    ],
    [
      ['web', '--online-limit-minutes', '15'],
      /--online-limit-minutes belongs to the watch command/,
    ],
    [['watch', '--demo', '--alerts', 'some'], /--alerts takes all, starred or none/],
    [['watch', '--demo', '--star', '5,x'], /--star takes user ids/],
    [['watch', '--demo', '--webhook', HOOK], /either --demo or --webhook/],
    [['watch', '--demo', '--port', '80'], /--port belongs to the web command/],
    [['web', '--json'], /--json belongs to the watch command/],
    [['watch', '--legacy-portal'], /say where to connect/],
    [['watch', '--webhook', HOOK, '--legacy-portal'], /add --demo/],
    [['web', '--webhook', HOOK, '--legacy-portal'], /drop the webhook or add --demo/],
    [['frobnicate'], /unknown command "frobnicate"; use status, watch or web/],
    [['help', 'frobnicate'], /unknown command "frobnicate"/],
    [['status', '--demo', '--interval', '5'], /--interval belongs to the watch command/],
    [['status', '--demo', '--alerts', 'none'], /--alerts belongs to the watch command/],
    [['status', '--demo', '--port', '80'], /--port belongs to the web command/],
    [['status', '--demo', '--once'], /--once belongs to the watch command/],
    [['status', '--demo', '--timeout', '1'], /--timeout must be between 5 and 300/],
    [['status'], /say where to connect/],
    [['status', '--webhook', HOOK, '--legacy-portal'], /add --demo/],
    [['watch', '--demo', '--once', '--star', '5'], /--star has no use with --once/],
    [['watch', '--demo', '--timeout', '10'], /--timeout belongs to status/],
    [['web', '--timeout', '10'], /--timeout belongs to status/],
    [['web', '--online-limit', '5'], /--online-limit belongs to the watch command/],
    [['watch', '--demo', '--bogus'], /Unknown option/],
  ])('refuses %j with a one-line message', (argv, message) => {
    let thrown: unknown;
    try {
      parseCliArgs(argv);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as Error).message).not.toContain('\n');
  });

  it('never echoes a webhook passed where it does not belong', () => {
    expect(() => parseCliArgs(['watch', '--demo', HOOK])).toThrow(UsageError);
    try {
      parseCliArgs(['watch', '--demo', HOOK]);
    } catch (error) {
      expect((error as Error).message).not.toContain('s3cr3tc0de');
    }
  });

  it('takes web mode without a source (the panel then offers onboarding)', () => {
    expect(parseCliArgs(['web'])).toMatchObject({
      command: 'web',
      demo: false,
      webhookUrl: null,
      port: 0,
      open: false,
    });
  });

  it.each([
    [[], null],
    [['--help'], null],
    [['-h'], null],
    [['help'], null],
    [['help', 'watch'], 'watch'],
    [['status', '--help'], 'status'],
    [['watch', '--demo', '-h'], 'watch'],
    [['web', '--port', 'x', '--help'], 'web'],
  ] as const)('%j asks for help (topic %s)', (argv, topic) => {
    expect(parseCliArgs([...argv])).toEqual({ command: 'help', topic });
  });

  it.each([['--version'], ['-v'], ['version']])('%s asks for the version', (flag) => {
    expect(parseCliArgs([flag])).toEqual({ command: 'version' });
  });

  it('reads status, and watch --once as the same one-shot command', () => {
    const expected = {
      command: 'status',
      demo: true,
      webhookUrl: null,
      onlineLimitSec: 900,
      json: false,
      timeoutSec: 45,
      demoTeamSize: 40,
      demoLegacy: false,
      demoDateFormat: 'dmy',
    };
    expect(parseCliArgs(['status', '--demo'])).toEqual(expected);
    expect(parseCliArgs(['watch', '--demo', '--once'])).toEqual(expected);
    expect(
      parseCliArgs(['status', '--json', '--timeout', '10', '--online-limit', '300'], {
        B24_WEBHOOK_URL: HOOK,
      }),
    ).toEqual({
      ...expected,
      demo: false,
      webhookUrl: HOOK,
      json: true,
      timeoutSec: 10,
      onlineLimitSec: 300,
    });
    expect(parseCliArgs(['status', '--demo', '--legacy-portal', '--team-size', '5'])).toMatchObject(
      { demoLegacy: true, demoTeamSize: 5 },
    );
  });

  it('never echoes a webhook given as the command', () => {
    expect(() => parseCliArgs([HOOK])).toThrow(/unknown command that;/);
    expect(() => parseCliArgs(['help', HOOK])).toThrow(/unknown command that;/);
  });
});
