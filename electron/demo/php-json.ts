/**
 * Bitrix24 is PHP: its JSON has PHP's quirks, and the client must survive them.
 * - An array whose keys are exactly 0..n-1 (including an empty one) becomes a JSON list,
 *   anything else an object. So empty "maps" arrive as `[]`.
 * - json_encode escapes `/` and non-ASCII characters by default.
 */
export type PhpArrayEntries = ReadonlyArray<readonly [string | number, unknown]>;

export function phpArray(entries: PhpArrayEntries): unknown[] | Record<string, unknown> {
  const isList = entries.every(([key], index) => String(key) === String(index));
  if (isList) return entries.map(([, value]) => value);
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries) object[String(key)] = value;
  return object;
}

export function encodePhpJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, '\\/')
    .replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
