import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DISPLAY_NAME_MAX_GRAPHEMES,
  displayText,
} from '../../../../electron/shared/display-text.js';

// eslint-disable-next-line no-control-regex -- the characters the cleaning must never let through
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const graphemes = (text: string): string[] =>
  [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)].map((s) => s.segment);

/** Text rich in what hostile names carry: controls, bidi marks, emoji sequences, combining marks. */
const hostileText = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.constantFrom(
        '\u202E',
        '\u202A',
        '\u2066',
        '\u2069',
        '\u200E',
        '\u200F',
        '\u061C',
        '\u001B[31m',
        '\u0007',
        '\u009B',
        '\n',
        '\t',
        ' ',
        '\u00A0',
        '\u2028',
      ),
      fc.constantFrom(
        '👩‍💻',
        '👨‍👩‍👧‍👦',
        '🇷🇺',
        'é',
        'Ш',
        'مرحبا',
        '\u0301'.repeat(40),
        '\ud83d',
        '\ude00',
        '\u200D',
      ),
    ),
    { maxLength: 80 },
  )
  .map((parts) => parts.join(''));

describe('displayText', () => {
  it('keeps ordinary names, in any script, as they are', () => {
    for (const name of [
      'Anna Petrova',
      'Борис Иванов',
      'محمد علي',
      'דנה כהן',
      '李小龙',
      'Zoë 👩‍💻',
      "O'Brien-Smith",
    ])
      expect(displayText(name)).toBe(name);
  });

  it('drops bidi overrides so a name cannot rewrite the text around it', () => {
    expect(displayText('Mallory \u202Eenilno si\u202C')).toBe('Mallory enilno si');
    expect(displayText('\u2067Eve\u2069 \u200Fx\u200E\u061C')).toBe('Eve x');
  });

  it('drops terminal escapes and bells, and makes any whitespace one space', () => {
    expect(displayText('\u001B]0;pwned\u0007Anna\u001B[2J\u009B1m')).toBe(']0;pwnedAnna[2J1m');
    expect(displayText('  Anna\n\tPetrova\u2028\u00A0 ')).toBe('Anna Petrova');
  });

  it('caps a long name with an ellipsis, never splitting an emoji or a combining sequence', () => {
    const long = 'Ш'.repeat(10_000);
    expect(displayText(long)).toBe(`${'Ш'.repeat(DISPLAY_NAME_MAX_GRAPHEMES - 1)}…`);
    const family = '👨‍👩‍👧‍👦';
    const capped = displayText(family.repeat(150));
    expect(graphemes(capped)).toEqual([
      ...Array<string>(DISPLAY_NAME_MAX_GRAPHEMES - 1).fill(family),
      '…',
    ]);
    expect(displayText('e\u0301'.repeat(150))).toBe(
      `${'e\u0301'.repeat(DISPLAY_NAME_MAX_GRAPHEMES - 1)}…`,
    );
    expect(displayText('abcdef', 4)).toBe('abc…');
  });

  it('replaces lone surrogates and a grapheme of stacked marks', () => {
    expect(displayText('a\ud800b')).toBe('a\uFFFDb');
    expect(displayText(`Z${'\u0301'.repeat(10_000)}algo`)).toBe('\uFFFDalgo');
  });

  it('never lets a control or bidi character through, never exceeds the cap, and is idempotent', () => {
    fc.assert(
      fc.property(hostileText, fc.integer({ min: 1, max: 120 }), (text, cap) => {
        const clean = displayText(text, cap);
        expect(clean).not.toMatch(UNSAFE);
        expect(clean).not.toMatch(LONE_SURROGATE);
        expect(clean).not.toMatch(/^\s|\s$|\s\s|[^\S ]/);
        expect(graphemes(clean).length).toBeLessThanOrEqual(cap);
        expect(displayText(clean, cap)).toBe(clean);
      }),
      { numRuns: 2000 },
    );
  });
});
