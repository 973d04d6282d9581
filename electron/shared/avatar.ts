/**
 * The avatar placeholder: initials people can read, in a colour that stays readable on the
 * portal's avatar colour. Pure functions, tested in tests/unit/electron/shared/avatar.test.ts.
 */

/** The colour of an avatar without a (valid) colour of its own; row.css uses the same. */
export const DEFAULT_AVATAR_COLOR = '#7b8794';

let graphemes: Intl.Segmenter | null = null;

/**
 * A letter of Latin, Cyrillic or Greek not followed by anything that joins it (a combining mark,
 * a zero-width joiner, a variation selector, an emoji modifier) is a whole grapheme on its own by
 * Unicode's rules (UAX #29, GB9–GB999). Nearly every name starts so, and skips the segmenter:
 * its first use loads ICU's break rules, several milliseconds of the panel's first paint.
 */
const LONE_LETTER =
  /^(?=\p{L})[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}](?![\p{M}\p{Grapheme_Extend}\p{Emoji_Modifier}\u200d])/u;

/** The first user-perceived character ("й", "👩🏽", "क्" stay whole). */
export function firstGrapheme(name: string): string {
  const text = name.trim();
  const lone = LONE_LETTER.exec(text);
  if (lone) return lone[0];
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  for (const { segment } of graphemes.segment(text)) return segment;
  return '';
}

/**
 * The capital of a letter where its script has one that people write as an initial. Georgian
 * is written in Mkhedruli: toUpperCase turns it into Mtavruli, which reads as a different,
 * shouting alphabet, so it keeps its letters; so do scripts without case (toUpperCase leaves
 * them alone anyway), and a letter whose capital is more than one letter ("ß" → "SS").
 */
function capital(letter: string): string {
  if (/\p{Script=Georgian}/u.test(letter)) return letter;
  const upper = letter.toUpperCase();
  return Array.from(upper).length === Array.from(letter).length ? upper : letter;
}

/** Up to two initials ("Анна Петрова" → "АП", "ნინო ბერიძე" → "ნბ"), from the name when first and last are empty. */
export function initials(firstName: string, lastName: string, name: string): string {
  const parts = [firstName, lastName].map(firstGrapheme).filter((letter) => letter !== '');
  const letters =
    parts.length > 0
      ? parts
      : name.trim().split(/\s+/).filter(Boolean).slice(0, 2).map(firstGrapheme);
  return letters.map(capital).join('');
}

/** WCAG 2 relative luminance of `#rgb` or `#rrggbb`. */
export function relativeLuminance(hex: string): number {
  const digits = hex.replace('#', '');
  const full = digits.length === 3 ? Array.from(digits, (d) => d + d).join('') : digits;
  const channel = (offset: number): number => {
    const value = parseInt(full.slice(offset, offset + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
}

/** WCAG 2 contrast ratio of two luminances (1 to 21). */
export function contrastRatio(a: number, b: number): number {
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/**
 * Black or white initials, whichever contrasts more with the background. The worse of the two
 * best cases is about 4.58:1 (a mid grey), so every colour gets at least WCAG AA's 4.5:1.
 */
export function initialsColor(background: string): '#000000' | '#ffffff' {
  const luminance = relativeLuminance(background);
  return contrastRatio(luminance, 0) >= contrastRatio(luminance, 1) ? '#000000' : '#ffffff';
}
