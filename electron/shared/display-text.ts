/**
 * The one cleaning every portal-sent text gets before anything shows or writes it (names,
 * positions, department names, error descriptions): portal users edit their own names, so a
 * name is hostile until cleaned. It lives in `shared` because every layer that takes portal text
 * may import `shared` (the REST client's errors, the presence model, the CLI, the shell's tray),
 * and none of them may import each other.
 *
 * - C0 and C1 controls go (ESC sequences, BEL); whitespace of any kind becomes one space.
 * - Bidi embeddings, overrides and isolates go (U+202A–U+202E, U+2066–U+2069): "Mallory
 *   \u202Eenilno si\u202C" must not read "Mallory is online". So do the implicit marks LRM, RLM
 *   and ALM: a name never needs them (right-to-left script orders itself), while outside an
 *   isolated element (a notification title, a tray label) they reorder the text around the name.
 * - Lone surrogates become U+FFFD, so the text encodes everywhere.
 * - At most `maxGraphemes` user-perceived characters, the last being "…" when cut; a cut never
 *   splits a surrogate pair, a combining sequence or an emoji. A single grapheme longer than
 *   `MAX_GRAPHEME_UNITS` (stacked combining marks) becomes U+FFFD.
 * Idempotent: cleaning clean text returns it unchanged.
 */

/** How many graphemes a person's name, position or department name may show. */
export const DISPLAY_NAME_MAX_GRAPHEMES = 100;
/** A log or terminal line: long enough for any message of ours, short enough to stay one line. */
export const LOG_LINE_MAX_GRAPHEMES = 2_000;
/** The longest legitimate grapheme is an emoji ZWJ sequence of a few code points. */
export const MAX_GRAPHEME_UNITS = 32;
const ELLIPSIS = '…';
const REPLACEMENT = '\uFFFD';

const ANY_SPACE = /\s/g;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const SPACE_RUN = / {2,}/g;

let segmenter: Intl.Segmenter | null = null;

/** Portal text made safe to show and to write to a log or terminal; see the module comment. */
export function displayText(value: string, maxGraphemes = DISPLAY_NAME_MAX_GRAPHEMES): string {
  const clean = value
    .replace(ANY_SPACE, ' ')
    .replace(UNSAFE, '')
    .replace(LONE_SURROGATE, REPLACEMENT)
    .replace(SPACE_RUN, ' ')
    .trim();
  // Fewer code units than the cap means fewer graphemes, and no grapheme can be oversized.
  if (clean.length <= Math.min(maxGraphemes, MAX_GRAPHEME_UNITS)) return clean;
  return capGraphemes(clean, Math.max(1, maxGraphemes));
}

function capGraphemes(text: string, maxGraphemes: number): string {
  // Grapheme boundaries do not depend on the locale; naming one keeps the machine's out of it.
  segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  const kept: string[] = [];
  let cut = false;
  for (const { segment } of segmenter.segment(text)) {
    if (kept.length === maxGraphemes) {
      cut = true;
      break;
    }
    kept.push(segment.length > MAX_GRAPHEME_UNITS ? REPLACEMENT : segment);
  }
  if (!cut) return kept.join('');
  kept.length = maxGraphemes - 1;
  return `${kept.join('').trimEnd()}${ELLIPSIS}`;
}
