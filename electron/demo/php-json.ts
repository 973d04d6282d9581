/*
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
  const json = JSON.stringify(value);
  // One pass by hand: regex callbacks cost seconds on the multi-megabyte answers of big teams.
  let out = '';
  let from = 0;
  for (let index = 0; index < json.length; index++) {
    const code = json.charCodeAt(index);
    if (code !== 0x2f && code < 0x7f) continue;
    out +=
      json.slice(from, index) +
      (code === 0x2f ? '\\/' : `\\u${code.toString(16).padStart(4, '0')}`);
    from = index + 1;
  }
  return from === 0 ? json : out + json.slice(from);
}
