/*
 * Request parameters the way PHP sees them: query string and form bodies with bracket syntax
 * (`ID[]=4&ID[]=5`, `ID[0]=4`, `cmd[p0]=…`), or a JSON body. PHP arrays become objects with
 * null prototypes (so `__proto__` keys stay harmless); JSON arrays stay arrays.
 */
export type ParamValue = string | number | boolean | null | ParamValue[] | ParamObject;
export interface ParamObject {
  [key: string]: ParamValue;
}

export function emptyParams(): ParamObject {
  return Object.create(null) as ParamObject;
}

function isParamObject(value: ParamValue | undefined): value is ParamObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function decodeComponent(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced; // PHP keeps undecodable sequences as they are
  }
}

/** Splits `a[b][]` into `['a', 'b', '']`; a key without brackets is one segment. */
function keySegments(rawKey: string): string[] {
  const open = rawKey.indexOf('[');
  if (open <= 0) return [rawKey];
  const segments = [rawKey.slice(0, open)];
  const pattern = /\[([^\]]*)\]/g;
  pattern.lastIndex = open;
  let match: RegExpExecArray | null;
  let consumed = open;
  while ((match = pattern.exec(rawKey)) !== null && match.index === consumed) {
    segments.push(match[1] ?? '');
    consumed = pattern.lastIndex;
  }
  return segments;
}

function nextIndex(container: ParamObject): string {
  let next = 0;
  for (const key of Object.keys(container)) {
    if (/^\d+$/.test(key)) next = Math.max(next, Number(key) + 1);
  }
  return String(next);
}

/** Parses `a=1&ID[]=4&cmd[p0]=x` into nested objects, PHP style. */
export function parseQueryString(query: string): ParamObject {
  const root = emptyParams();
  for (const pair of query.split('&')) {
    if (pair.length === 0) continue;
    const eq = pair.indexOf('=');
    const rawKey = decodeComponent(eq < 0 ? pair : pair.slice(0, eq));
    const value = decodeComponent(eq < 0 ? '' : pair.slice(eq + 1));
    if (rawKey.length === 0) continue;
    const segments = keySegments(rawKey);
    let container = root;
    for (let index = 0; index < segments.length; index++) {
      const segment = segments[index] ?? '';
      const key = segment === '' && index > 0 ? nextIndex(container) : segment;
      if (index === segments.length - 1) {
        container[key] = value;
      } else {
        const existing = container[key];
        const child = isParamObject(existing) ? existing : emptyParams();
        container[key] = child;
        container = child;
      }
    }
  }
  return root;
}

/** Copies a parsed JSON value into the same shape, with null-prototype objects. */
function fromJson(value: unknown): ParamValue {
  if (Array.isArray(value)) return value.map(fromJson);
  if (typeof value === 'object' && value !== null) {
    const object = emptyParams();
    for (const [key, child] of Object.entries(value)) object[key] = fromJson(child);
    return object;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  return null;
}

export class ParamsError extends Error {
  override readonly name = 'ParamsError';
}

/** Reads a request body by its content type. Throws ParamsError on a malformed JSON body. */
export function parseBody(body: string, contentType: string | undefined): ParamObject {
  if (body.trim().length === 0) return emptyParams();
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new ParamsError('The request body is not valid JSON');
    }
    const value = fromJson(parsed);
    if (!isParamObject(value))
      throw new ParamsError('The JSON body must be an object of parameters');
    return value;
  }
  return parseQueryString(body);
}

/** PHP's $_REQUEST: query parameters, overridden by body parameters. */
export function mergeParams(query: ParamObject, body: ParamObject): ParamObject {
  const merged = emptyParams();
  for (const source of [query, body]) {
    for (const [key, value] of Object.entries(source)) merged[key] = value;
  }
  return merged;
}

/** `array_change_key_case($params, CASE_UPPER)`, as every im.* handler starts. */
export function upperKeys(params: ParamObject): ParamObject {
  const upper = emptyParams();
  for (const [key, value] of Object.entries(params)) upper[key.toUpperCase()] = value;
  return upper;
}

/** PHP intval: leading integer of a string, 0 when there is none. */
export function intval(value: ParamValue | undefined): number {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : 0;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    const match = /^\s*([+-]?\d+)/.exec(value);
    return match ? Number.parseInt(match[1] ?? '0', 10) : 0;
  }
  return 0;
}

/**
 * An id-list parameter as the im.* handlers read it: an array, or a string holding a JSON
 * array (`CUtil::JsObjectToPhp`). Anything else (a bare `5`) is not a list: undefined.
 */
export function listParam(value: ParamValue | undefined): ParamValue[] | undefined {
  if (Array.isArray(value)) return value;
  if (isParamObject(value)) return Object.values(value);
  if (typeof value === 'string') {
    try {
      const parsed = fromJson(JSON.parse(value));
      if (Array.isArray(parsed)) return parsed;
      if (isParamObject(parsed)) return Object.values(parsed);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Positive unique ids from a list parameter, in first-seen order. */
export function positiveIds(value: ParamValue | undefined): number[] {
  const ids = new Set<number>();
  for (const item of listParam(value) ?? []) {
    const id = intval(item);
    if (id > 0) ids.add(id);
  }
  return [...ids];
}

export function stringParam(value: ParamValue | undefined): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

export { isParamObject };
