/** Only web pages may be opened from the panel: a hostile `javascript:` URL must never reach window.open. */
export function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** `#rrggbb` (or `#rgb`) only: a portal's colour is data, never arbitrary CSS. */
export function safeColor(value: string | null): string | null {
  return value !== null && /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(value) ? value : null;
}

/** Parses "12, 40 7" into user ids; returns the offending token when one is not a positive integer. */
export function parseIdList(
  text: string,
): { ok: true; ids: number[] } | { ok: false; token: string } {
  const tokens = text.split(/[\s,;]+/).filter(Boolean);
  const ids: number[] = [];
  for (const token of tokens) {
    if (!/^\d{1,10}$/.test(token) || Number(token) <= 0) return { ok: false, token };
    const id = Number(token);
    if (!ids.includes(id)) ids.push(id);
  }
  return { ok: true, ids };
}
