import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RequestError } from '../../../../../../electron/shared/contract.js';
import type { SettingsUpdate } from '../../../../../../electron/shared/settings/schema.js';
import {
  SAVED_VISIBLE_MS,
  SettingsForm,
  wholeNumber,
} from '../../../../../../renderer/src/components/settings/form.svelte.js';
import { createTranslator } from '../../../../../../renderer/src/lib/i18n.js';

const en = createTranslator('en');

/** A form whose host answers each update with the next of `answers` (null: stored). */
function form(...answers: (RequestError | null)[]) {
  const sent: SettingsUpdate[] = [];
  const settings = new SettingsForm(
    () => en,
    async (update) => {
      sent.push(update);
      return answers.shift() ?? null;
    },
  );
  return { settings, sent };
}

const refusal = (field: string | null, code = 'invalid-settings'): RequestError => ({
  code,
  message: `The host refused ${field ?? 'it'}.`,
  field,
});

// The "Saved" line fades on a timer: the test's fake timers own that clock.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('drafts and errors by field path', () => {
  it('keeps text typed per field, and forgets a field with everything under it', () => {
    const { settings } = form();
    settings.setDraft('alerts.quietHours.start', '2');
    settings.setDraft('alerts.quietHours.end', '7');
    settings.setDraft('alertsExtra', 'x');
    expect(settings.draft('alerts.quietHours.start')).toBe('2');
    settings.clearDrafts('alerts.quietHours');
    expect(settings.drafts).toEqual({ alertsExtra: 'x' });
  });

  it('finds a refusal at the field or below it', () => {
    const { settings } = form();
    settings.refuse('alerts.quietHours.windows.0.start', 'Not a time.');
    expect(settings.errorFor('alerts.quietHours')).toBe('Not a time.');
    expect(settings.errorFor('alerts.quietHours.windows.0.start')).toBe('Not a time.');
    expect(settings.errorFor('alerts.sound')).toBeNull();
    expect(settings.errorFor('alerts.quietHoursX')).toBeNull();
    settings.clearErrors('alerts');
    expect(settings.errorFor('alerts.quietHours')).toBeNull();
  });

  it('a refusal says "failed" in the header, each time anew', () => {
    const { settings } = form();
    settings.refuse('pollIntervalSec', 'Too short.');
    const first = settings.status;
    settings.refuse('pollIntervalSec', 'Too short.');
    expect(first?.kind).toBe('failed');
    expect(settings.status?.kind).toBe('failed');
    expect(settings.status?.nonce).not.toBe(first?.nonce);
  });

  it('reset forgets drafts, errors and the header line', () => {
    const { settings } = form();
    settings.setDraft('pollIntervalSec', '1');
    settings.refuse('pollIntervalSec', 'Too short.');
    settings.reset();
    expect([settings.drafts, settings.errors, settings.status]).toEqual([{}, {}, null]);
  });
});

describe('commit', () => {
  it('a stored change drops its draft, marks the field saved and says "Saved" for a while', async () => {
    const { settings, sent } = form(null);
    settings.setDraft('pollIntervalSec', '60');
    settings.setDraft('history.retentionDays', '3');
    expect(await settings.commit('pollIntervalSec', { pollIntervalSec: 60 })).toBe(true);
    expect(sent).toEqual([{ pollIntervalSec: 60 }]);
    expect(settings.drafts).toEqual({ 'history.retentionDays': '3' });
    expect(settings.savedPath).toBe('pollIntervalSec');
    expect(settings.status?.kind).toBe('saved');
    vi.advanceTimersByTime(SAVED_VISIBLE_MS - 1);
    expect(settings.status?.kind).toBe('saved');
    vi.advanceTimersByTime(1);
    expect(settings.status).toBeNull();
  });

  it('a refusal stays next to the field the host names, the text typed kept', async () => {
    const path = 'alerts.quietHours.windows.0.start';
    const { settings } = form(refusal(path));
    settings.setDraft(path, '25:00');
    expect(await settings.commit('alerts.quietHours', { alerts: { sound: true } })).toBe(false);
    expect(settings.errors).toEqual({ [path]: `The host refused ${path}.` });
    expect(settings.draft(path)).toBe('25:00');
    expect(settings.savedPath).toBeNull();
    expect(settings.status?.kind).toBe('failed');
  });

  it("says a refusal in the catalog's words for its field or code, where it has some", async () => {
    const unnamed = form(refusal(null, 'not-connected'));
    await unnamed.settings.commit('alerts.sound', { alerts: { sound: true } });
    expect(unnamed.settings.errorFor('alerts.sound')).toBe('Connect a portal first.');
    const named = form(refusal('pollIntervalSec'));
    await named.settings.commit('pollIntervalSec', { pollIntervalSec: 1 });
    expect(named.settings.errorFor('pollIntervalSec')).toBe(
      'At least 2 seconds, at most one hour (3600).',
    );
  });

  it("a field's own refusal text replaces the host's words for a refusal of that very field", async () => {
    const minutes = 'Enter 5 to 1440 minutes.';
    const own = form(refusal('onlineLimitSec'));
    await own.settings.commit('onlineLimitSec', { onlineLimitSec: 1 }, { refusal: minutes });
    expect(own.settings.errorFor('onlineLimitSec')).toBe(minutes);
    const other = form(refusal('alerts.sound'));
    await other.settings.commit('onlineLimitSec', { onlineLimitSec: 1 }, { refusal: minutes });
    expect(other.settings.errorFor('alerts.sound')).toBe('The host refused alerts.sound.');
    expect(other.settings.errorFor('onlineLimitSec')).toBeNull();
  });

  it('a success clears an earlier refusal of the field', async () => {
    const { settings } = form(refusal('pollIntervalSec'), null);
    await settings.commit('pollIntervalSec', { pollIntervalSec: 1 });
    expect(settings.errorFor('pollIntervalSec')).not.toBeNull();
    await settings.commit('pollIntervalSec', { pollIntervalSec: 60 });
    expect(settings.errorFor('pollIntervalSec')).toBeNull();
  });

  it('may save through another request than a settings update', async () => {
    const { settings, sent } = form();
    const save = vi.fn(async () => refusal('connection'));
    expect(await settings.commit('connection', save)).toBe(false);
    expect(save).toHaveBeenCalledOnce();
    expect(sent).toEqual([]);
    expect(settings.errorFor('connection')).toBe('The host refused connection.');
  });
});

describe('numberField', () => {
  it('sends the parsed number, keeping the text as typed', async () => {
    const { settings, sent } = form(null);
    settings.numberField('pollIntervalSec', ' 45 ', (value) => ({ pollIntervalSec: value }));
    expect(settings.draft('pollIntervalSec')).toBe(' 45 ');
    await vi.runAllTimersAsync();
    expect(sent).toEqual([{ pollIntervalSec: 45 }]);
  });

  it('refuses what is no number without sending anything', async () => {
    const { settings, sent } = form();
    settings.numberField('pollIntervalSec', '4.5', (value) => ({ pollIntervalSec: value }));
    await vi.runAllTimersAsync();
    expect(sent).toEqual([]);
    expect(settings.errorFor('pollIntervalSec')).toBe('Enter a whole number.');
    expect(settings.draft('pollIntervalSec')).toBe('4.5');
  });

  it('takes its own parser, in the unit the field shows', async () => {
    const { settings, sent } = form(null);
    const minutes = (text: string) => ({ value: Number(text) * 60 });
    settings.numberField('onlineLimitSec', '15', (value) => ({ onlineLimitSec: value }), minutes);
    await vi.runAllTimersAsync();
    expect(sent).toEqual([{ onlineLimitSec: 900 }]);
  });
});

describe('wholeNumber', () => {
  it('reads whole numbers, signs and spaces around allowed', () => {
    const parse = wholeNumber(en);
    expect(parse('42')).toEqual({ value: 42 });
    expect(parse(' -5 ')).toEqual({ value: -5 });
    for (const text of ['', ' ', '4.5', '1e3', '0x10', '12abc', '- 5'])
      expect(parse(text)).toEqual({ error: 'Enter a whole number.' });
  });
});
