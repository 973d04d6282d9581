import { describe, expect, it } from 'vitest';
import { describeError } from '../../../../../renderer/src/lib/errors.js';
import { createTranslator } from '../../../../../renderer/src/lib/i18n.js';

const ru = createTranslator('ru');
const en = createTranslator('en');

describe('describeError', () => {
  it('translates a known error code', () => {
    const error = {
      code: 'auth-invalid',
      message: 'profile: INVALID_CREDENTIALS (Wrong code)',
      field: null,
    };
    expect(describeError(ru, error)).toBe(
      'Портал отклонил вебхук: проверьте его в Битрикс24 или подключите новый.',
    );
    expect(describeError(en, error)).toContain('The portal rejected the webhook');
  });

  it('prefers the field a validation error names', () => {
    const error = {
      code: 'invalid-payload',
      message: 'Too small: expected number to be >=2',
      field: 'pollIntervalSec',
    };
    expect(describeError(ru, error)).toBe('Не меньше 2\u00a0секунд и не больше часа (3600).');
  });

  it("keeps the host's words for a code it does not know, rather than show a key", () => {
    const error = { code: 'something-new', message: 'A new kind of trouble', field: 'nowhere' };
    expect(describeError(ru, error)).toBe('A new kind of trouble');
  });
});

describe('the online limit’s refusal', () => {
  it('quotes the bounds of the one home, in minutes, in both languages', () => {
    const error = {
      code: 'invalid-settings',
      message: 'At least 5 minutes',
      field: 'onlineLimitSec',
    };
    expect(describeError(en, error)).toBe('From 5 to 1440 minutes (24 hours).');
    expect(describeError(ru, error)).toBe('От 5 до 1440\u00a0минут (24\u00a0часа).');
  });
});

describe('a refused connection', () => {
  it('says the portal refused, not "check the network", in both languages', () => {
    const error = {
      code: 'refused',
      message:
        'profile: the portal refused the connection: nothing listens at that address and port',
      field: null,
    };
    expect(describeError(en, error)).toMatch(/^The portal refused the connection/);
    expect(describeError(en, error)).not.toContain('network');
    expect(describeError(ru, error)).toMatch(/^Портал отказал в соединении/);
  });
});
