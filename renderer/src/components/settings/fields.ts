import type { QuietWindow } from '$shared/settings/schema.js';
import { ONLINE_LIMIT_SEC } from '$shared/settings/defaults.js';
import { alertsPausedAt, endsAtMorning } from '$shared/settings/pause.js';

/**
 * The settings dialog's pure rules: minutes shown for settings stored in seconds, 24-hour
 * clock times typed as text, what makes quiet hours unusable, which pause button is the
 * active one, and what a text typed into "Also watch" is. No Svelte, no state: unit tested
 * in tests/unit/renderer/src/components/settings/fields.test.ts.
 */

/** The online limit in whole or decimal minutes (the bounds live in $shared/settings/defaults.ts). */
export const ONLINE_LIMIT_MINUTES = {
  min: ONLINE_LIMIT_SEC.min / 60,
  max: ONLINE_LIMIT_SEC.max / 60,
} as const;

/**
 * "Combine alerts within", in seconds (the schema allows 0 … 300): none, the default 10 s, half
 * a minute, then whole minutes. A list, not a typed field: nothing to mistype, and 10 s (the
 * default) needs no "0.17 min".
 */
export const BURST_CHOICES = [0, 10, 30, 60, 120, 300] as const;

/**
 * Stored seconds as minutes for a text field: "15", or "16.67" (two decimals at most) when the
 * setting is not a whole number of minutes; Russian writes the decimal comma.
 */
export function minutesText(seconds: number, lang: string): string {
  const minutes = Math.round((seconds / 60) * 100) / 100;
  const text = String(minutes);
  return lang === 'ru' ? text.replace('.', ',') : text;
}

/**
 * Minutes as typed ("15", "2.5", "2,5") to whole seconds; null when it is not a number of
 * minutes at all (range checks are the caller's, in the same unit).
 */
export function parseMinutes(text: string): number | null {
  const match = /^\s*(\d{1,7})(?:[.,](\d{1,4}))?\s*$/.exec(text);
  if (!match) return null;
  const minutes = Number(`${match[1] ?? '0'}.${match[2] ?? '0'}`);
  return Math.round(minutes * 60);
}

/**
 * A clock time typed as text, 24-hour: "8", "8:30", "08.30", "0830", "20:00" → "HH:MM"; null
 * for anything else ("24:00", "7pm", "8:61"). A text field, because `<input type=time>` shows
 * AM/PM in an English-US browser whatever the panel's language.
 */
export function parseClock(text: string): string | null {
  const trimmed = text.trim();
  const match = /^(\d{1,2})(?:[:.\s]?(\d{2}))?$/.exec(trimmed);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = match[2] === undefined ? 0 : Number(match[2]);
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** Why quiet hours cannot be saved like this, or null: the panel refuses it instead of saving it silently. */
export type QuietProblem = 'same-times' | 'no-days';

export function quietProblem(
  window: Pick<QuietWindow, 'days' | 'start' | 'end'>,
): QuietProblem | null {
  if (window.start === window.end) return 'same-times';
  if (window.days.length === 0) return 'no-days';
  return null;
}

/** The pause button to show as the active one. */
export type PauseChoice = 'off' | 'hour' | 'morning' | 'other';

/**
 * Which pause is on: none ("Off"), until a morning at 8:00 (the tray's and the dialog's
 * "Until 8:00"), one of at most an hour ("1 hour"), or another (an older setting): then no
 * button is the active one and only the "Paused until …" line says it. `zone`: the machine's.
 */
export function pauseChoice(pausedUntil: number | null, now: number, zone?: string): PauseChoice {
  if (pausedUntil === null || !alertsPausedAt(pausedUntil, now)) return 'off';
  if (endsAtMorning(pausedUntil, zone)) return 'morning';
  if (pausedUntil - now <= 60 * 60_000) return 'hour';
  return 'other';
}

/** The host searches names from this many letters up (im.search.user.list answers nothing shorter). */
export const SEARCH_MIN_LETTERS = 3;

/**
 * What was typed into "Also watch": nothing yet, too short for a name search, one user id
 * ("123", "#123", "ID 123"), a list of ids ("12, 77": kept from the old id field), or a name.
 */
export type WatchQuery =
  | { readonly kind: 'empty' }
  | { readonly kind: 'short' }
  | { readonly kind: 'id'; readonly id: number }
  | { readonly kind: 'ids'; readonly ids: readonly number[] }
  | { readonly kind: 'bad-id'; readonly token: string }
  | { readonly kind: 'name'; readonly query: string };

const ID = /^(?:#|id\s*)?(\d{1,10})$/iu;

export function watchQuery(text: string): WatchQuery {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'empty' };
  const one = ID.exec(trimmed);
  if (one) {
    const id = Number(one[1]);
    return id > 0 ? { kind: 'id', id } : { kind: 'bad-id', token: trimmed };
  }
  const tokens = trimmed.split(/\s*[,;]\s*/).filter(Boolean);
  if (tokens.length > 1 && tokens.some((token) => ID.test(token))) {
    // "12, 77" (the old id field's list): every part must be an id.
    const ids: number[] = [];
    for (const token of tokens) {
      const match = ID.exec(token);
      const id = match ? Number(match[1]) : 0;
      if (id <= 0) return { kind: 'bad-id', token };
      if (!ids.includes(id)) ids.push(id);
    }
    return { kind: 'ids', ids };
  }
  if ([...trimmed].length < SEARCH_MIN_LETTERS) return { kind: 'short' };
  return { kind: 'name', query: trimmed };
}

/**
 * What adding these ids does: the ones it adds, and the ones already in the panel (the team),
 * which a list skips as a single ID is refused ("Already in the panel"). Ids already watched
 * are neither: nothing to say about them.
 */
export function watchAdditions(
  ids: readonly number[],
  watched: readonly number[],
  inPanel: (id: number) => boolean,
): { add: number[]; inPanel: number[] } {
  const add: number[] = [];
  const shown: number[] = [];
  for (const id of ids) {
    if (watched.includes(id)) continue;
    if (inPanel(id)) shown.push(id);
    else add.push(id);
  }
  return { add, inPanel: shown };
}

/** Ids added to the watch list without repeating one already there. */
export function withWatched(current: readonly number[], added: readonly number[]): number[] {
  const ids = [...current];
  for (const id of added) if (!ids.includes(id)) ids.push(id);
  return ids;
}
