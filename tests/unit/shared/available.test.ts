import { describe, expect, it } from 'vitest';
import { PRESENCES } from '../../../electron/shared/domain.js';
import { isAvailableNow } from '../../../electron/shared/presence/available.js';
import { fakeBridgeScript } from '../../e2e-web/support/fake-bridge.js';
import { DEFAULT_SETTINGS } from '../../../electron/shared/settings/defaults.js';

describe('isAvailableNow', () => {
  it('is true at a computer or on the phone, false idle or offline', () => {
    expect(PRESENCES.filter(isAvailableNow)).toEqual(['online', 'mobile']);
  });

  it('is the rule the browser tests’ fake bridge is handed, not a copy of it', () => {
    const script = fakeBridgeScript({ settings: DEFAULT_SETTINGS, connection: 'demo', teamSize: 4 });
    expect(script).toContain(JSON.stringify({ availablePresences: PRESENCES.filter(isAvailableNow) }));
  });
});
