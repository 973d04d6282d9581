import { describe, expect, it } from 'vitest';
import { parseCliArgs, UsageError } from '../../../electron/cli/args.js';

const HOOK = 'https://acme.bitrix24.ru/rest/7/s3cr3tc0de/';

describe('parseCliArgs', () => {
  it('reads a complete watch command', () => {
    const args = parseCliArgs(['watch', '--demo', '--interval', '5', '--online-limit', '300', '--alerts', 'starred', '--star', '5,12', '--json']);
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
    expect(parseCliArgs(['watch', '--demo'])).toMatchObject({ intervalSec: 30, onlineLimitSec: 900, alerts: 'all', star: [], json: false, demoLegacy: false });
  });

  it('takes --legacy-portal for a demo that answers as an old on-premise portal', () => {
    expect(parseCliArgs(['watch', '--demo', '--legacy-portal'])).toMatchObject({ demo: true, demoLegacy: true });
    expect(parseCliArgs(['web', '--legacy-portal'])).toMatchObject({ command: 'web', demoLegacy: true });
  });

  it('prefers the environment for the webhook so it stays out of argv', () => {
    expect(parseCliArgs(['watch'], { B24_WEBHOOK_URL: HOOK })).toMatchObject({ webhookUrl: HOOK, demo: false });
  });

  it.each([
    [['watch'], /--demo, --webhook URL, or B24_WEBHOOK_URL/],
    [['watch', '--demo', '--interval', '1'], /--interval must be between 2 and 3600/],
    [['watch', '--demo', '--interval', 'soon'], /--interval takes a whole number/],
    [['watch', '--demo', '--online-limit', '60'], /--online-limit must be between 120/],
    [['watch', '--demo', '--alerts', 'some'], /--alerts takes all, starred or none/],
    [['watch', '--demo', '--star', '5,x'], /--star takes user ids/],
    [['watch', '--demo', '--webhook', HOOK], /either --demo or --webhook/],
    [['watch', '--demo', '--port', '80'], /--port belongs to the web command/],
    [['web', '--json'], /--json belongs to the watch command/],
    [['watch', '--legacy-portal'], /say where to connect/],
    [['watch', '--webhook', HOOK, '--legacy-portal'], /add --demo/],
    [['web', '--webhook', HOOK, '--legacy-portal'], /drop the webhook or add --demo/],
    [['frobnicate'], /unknown command/],
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
    expect(parseCliArgs(['web'])).toMatchObject({ command: 'web', demo: false, webhookUrl: null, port: 0, open: false });
  });
});
