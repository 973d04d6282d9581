import type { RequestError } from '$shared/contract.js';
import type { TextKey, Translator } from './i18n.js';
import { ONLINE_LIMIT_SEC } from '$shared/settings/defaults.js';

/** The online limit's range in minutes, which its field message quotes (the only message with parameters). */
const FIELD_BOUNDS = { min: ONLINE_LIMIT_SEC.min / 60, max: ONLINE_LIMIT_SEC.max / 60 };

/**
 * A host's error in the user's language: a field it names or its code is translated when the
 * catalog knows it; anything else keeps the host's own (English) words rather than vanish.
 */
export function describeError(i18n: Translator, error: RequestError): string {
  const keys = [
    error.field !== null ? `error.field.${error.field}` : null,
    `error.code.${error.code}`,
  ];
  for (const key of keys) {
    if (key === null) continue;
    const text = i18n.t(key as TextKey, FIELD_BOUNDS);
    if (text !== key) return text;
  }
  return error.message;
}
