import { describe, expect, it } from 'vitest';
import { ACTIVE_WINDOW_MS } from '../../../../../electron/core/presence/model.js';
import {
  ONLINE_LIMIT_SEC,
  SettingsSchema,
  DEFAULT_SETTINGS,
} from '../../../../../electron/shared/settings/schema.js';
import { isSettings } from '../../../../../renderer/src/lib/fast-checks.js';
import { ONLINE_LIMIT_MINUTES } from '../../../../../renderer/src/components/settings/fields.js';
import { parseCliArgs } from '../../../../../electron/cli/args.js';

/** Issue 22, item 9: the online limit is never shorter than the 5-minute "online" window. */
describe('the online limit', () => {
  it('starts where "online" ends: 5 minutes, the engine’s active window', () => {
    expect(ONLINE_LIMIT_SEC.min * 1000).toBe(ACTIVE_WINDOW_MS);
    expect(ONLINE_LIMIT_SEC.min).toBe(300);
    expect(ONLINE_LIMIT_MINUTES).toEqual({ min: 5, max: 1440 });
  });

  it('is refused below 5 minutes by the schema, the panel’s fast check and the CLI alike', () => {
    const at = (onlineLimitSec: number) => ({ ...DEFAULT_SETTINGS, onlineLimitSec });
    for (const [seconds, ok] of [
      [120, false],
      [299, false],
      [300, true],
      [86_400, true],
      [86_401, false],
    ] as const) {
      expect(SettingsSchema.safeParse(at(seconds)).success).toBe(ok);
      expect(isSettings(at(seconds))).toBe(ok);
    }
    expect(() => parseCliArgs(['status', '--demo', '--online-limit', '299'], {})).toThrow(
      /between 300/,
    );
    expect(parseCliArgs(['status', '--demo', '--online-limit', '300'], {})).toMatchObject({
      onlineLimitSec: 300,
    });
  });
});
