import type { RequestError } from '$shared/contract.js';
import type { TextKey, Translator } from './i18n.js';

/**
 * A host's error in the user's language: a field it names or its code is translated when the
 * catalog knows it; anything else keeps the host's own (English) words rather than vanish.
 */
export function describeError(i18n: Translator, error: RequestError): string {
  const keys = [error.field !== null ? `error.field.${error.field}` : null, `error.code.${error.code}`];
  for (const key of keys) {
    if (key === null) continue;
    const text = i18n.t(key as TextKey);
    if (text !== key) return text;
  }
  return error.message;
}
