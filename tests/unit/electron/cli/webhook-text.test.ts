import { describe, expect, it } from 'vitest';
import { connect } from '../../../../electron/cli/connect.js';
import { UsageError } from '../../../../electron/cli/args.js';
import { webhookProblemText } from '../../../../electron/cli/webhook-text.js';
import { DEFAULT_SETTINGS } from '../../../../electron/shared/settings/schema.js';

const CODE = 'w3bh00ks3cr3tc0d3';

/** Issue 22, item 16: the terminal's words for a bad webhook URL, not the panel's. */
describe('a bad webhook URL on the command line', () => {
  it.each([
    ['', /no webhook URL: give one with --webhook URL or B24_WEBHOOK_URL/],
    [`team.bitrix24.com/rest/1/${CODE}/`, /the webhook URL is incomplete/],
    [`ftp://team.bitrix24.com/rest/1/${CODE}/`, /must start with https/],
    [`https://team.bitrix24.com/rest/1/${CODE}/?x=1`, /must end after the code/],
  ])('%j: says what is wrong for a terminal, never "paste", never the code', (url, message) => {
    const text = webhookProblemText(url);
    expect(text).toMatch(message);
    expect(text).not.toMatch(/paste/i);
    expect(text).not.toContain(CODE);
  });

  it('is what `status` and `watch` refuse with (exit code 2)', async () => {
    const args = {
      webhookUrl: `team.bitrix24.com/rest/1/${CODE}/`,
      demo: false,
      demoTeamSize: 40,
      demoLegacy: false,
    };
    const error = await connect(args, DEFAULT_SETTINGS, {}).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/^the webhook URL is incomplete/);
  });

  it('accepts a whole webhook URL', () => {
    expect(webhookProblemText(`https://team.bitrix24.com/rest/1/${CODE}/`)).toBeNull();
  });
});
