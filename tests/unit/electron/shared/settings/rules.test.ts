import { describe, expect, it } from 'vitest';
import { activePauseUntil, alertsPausedAt } from '../../../../../electron/shared/settings/pause.js';
import { ruleOf, withRule } from '../../../../../electron/shared/settings/rules.js';

describe('the pause rule', () => {
  it('is paused strictly before pausedUntil, and never without it', () => {
    expect(alertsPausedAt(1000, 999)).toBe(true);
    expect(alertsPausedAt(1000, 1000)).toBe(false);
    expect(alertsPausedAt(null, 0)).toBe(false);
    expect(activePauseUntil(1000, 999)).toBe(1000);
    expect(activePauseUntil(1000, 1001)).toBeNull();
  });
});

describe('the rule edit', () => {
  it("sets, replaces and removes one person's rule without touching the rest or the input", () => {
    const rules = { '4': 'starred' as const, '7': 'muted' as const };
    expect(withRule(rules, 9, 'starred')).toEqual({ '4': 'starred', '7': 'muted', '9': 'starred' });
    expect(withRule(rules, 4, 'muted')).toEqual({ '4': 'muted', '7': 'muted' });
    expect(withRule(rules, 7, 'default')).toEqual({ '4': 'starred' });
    expect(rules).toEqual({ '4': 'starred', '7': 'muted' });
    expect(ruleOf(rules, 4)).toBe('starred');
    expect(ruleOf(rules, 5)).toBe('default');
  });
});
