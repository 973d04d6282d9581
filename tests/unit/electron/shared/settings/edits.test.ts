import { describe, expect, it } from 'vitest';
import {
  notifyOnceEdit,
  pauseEdit,
  ruleEdit,
  watchEdit,
} from '../../../../../electron/shared/settings/edits.js';
import { DEFAULT_SETTINGS } from '../../../../../electron/shared/settings/defaults.js';
import type { Settings } from '../../../../../electron/shared/settings/schema.js';

const NOW = Date.UTC(2026, 10, 23, 9, 0);
const settings = (fields: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, ...fields });

describe('pauseEdit', () => {
  it('sets or clears the pause, and nothing else of the alerts', () => {
    expect(pauseEdit(NOW + 3_600_000)).toEqual({ alerts: { pausedUntil: NOW + 3_600_000 } });
    expect(pauseEdit(null)).toEqual({ alerts: { pausedUntil: null } });
  });
});

describe('ruleEdit', () => {
  it('sets one person’s rule and keeps the others', () => {
    const current = settings({ rules: { '1': 'starred' } });
    expect(ruleEdit(current, 2, 'muted')).toEqual({ rules: { '1': 'starred', '2': 'muted' } });
    expect(current.rules).toEqual({ '1': 'starred' });
  });

  it("'default' removes the rule", () => {
    expect(ruleEdit(settings({ rules: { '1': 'starred', '2': 'muted' } }), 1, 'default')).toEqual({
      rules: { '2': 'muted' },
    });
  });
});

describe('notifyOnceEdit', () => {
  it('asks once, from now, replacing an older request for the same person', () => {
    const current = settings({
      notifyOnce: [
        { id: 1, since: NOW - 60_000 },
        { id: 2, since: NOW - 30_000 },
      ],
    });
    expect(notifyOnceEdit(current, 1, true, NOW)).toEqual({
      notifyOnce: [
        { id: 2, since: NOW - 30_000 },
        { id: 1, since: NOW },
      ],
    });
  });

  it('takes a request back, and taking back none changes nothing', () => {
    const current = settings({ notifyOnce: [{ id: 2, since: NOW - 30_000 }] });
    expect(notifyOnceEdit(current, 2, false, NOW)).toEqual({ notifyOnce: [] });
    expect(notifyOnceEdit(current, 9, false, NOW)).toEqual({
      notifyOnce: [{ id: 2, since: NOW - 30_000 }],
    });
  });
});

describe('watchEdit', () => {
  it('keeps each id once, in first-seen order', () => {
    expect(watchEdit([5, 3, 5, 1, 3])).toEqual({ watchIds: [5, 3, 1] });
    expect(watchEdit([])).toEqual({ watchIds: [] });
  });
});
