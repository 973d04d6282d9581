import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  contrastRatio,
  DEFAULT_AVATAR_COLOR,
  firstGrapheme,
  initials,
  initialsColor,
  relativeLuminance,
} from '../../../../electron/shared/avatar.js';

describe('avatar initials', () => {
  it('capitalises scripts with case', () => {
    expect(initials('anna', 'petrova', '')).toBe('AP');
    expect(initials('Анна', 'Петрова', '')).toBe('АП');
    expect(initials('éloïse', 'ñúñez', '')).toBe('ÉÑ');
    expect(initials('', '', 'boris  ivanov smith')).toBe('BI');
  });

  it('keeps Georgian in Mkhedruli: never the Mtavruli capitals toUpperCase makes', () => {
    // toUpperCase would give "ᲜᲑ" (U+1C9C U+1C91).
    expect('ნ'.toUpperCase()).not.toBe('ნ');
    expect(initials('ნინო', 'ბერიძე', '')).toBe('ნბ');
    expect(initials('', '', 'გიორგი მაისურაძე')).toBe('გმ');
  });

  it('keeps letters of scripts without case, and whole characters', () => {
    expect(initials('明', '王', '')).toBe('明王');
    expect(initials('محمد', 'علي', '')).toBe('مع');
    expect(initials('שרה', 'כהן', '')).toBe('שכ');
    expect(initials('क्षमा', 'शर्मा', '')).toBe('क्षश');
    expect(initials('👩🏽‍💻 Dev', '', '')).toBe('👩🏽‍💻');
    // A capital of two letters would read as two initials.
    expect(initials('ßeta', 'x', '')).toBe('ßX');
    expect(initials('', '', '')).toBe('');
  });
});

describe('first grapheme', () => {
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const bySegmenter = (text: string): string =>
    [...segmenter.segment(text.trim())][0]?.segment ?? '';

  it('is the segmenter’s first grapheme, whether or not the letter takes the short way', () => {
    // Plain letters (the short way) next to everything that joins or could join them: combining
    // marks (acute, Cyrillic breve), a spacing mark, ZWJ, variation selectors, skin tones, Hangul
    // jamo, regional indicators, Devanagari, CR LF, and the space that trim takes.
    const piece = fc.constantFrom(
      ...[
        'a',
        'Z',
        'é',
        'ё',
        'Й',
        'Ω',
        'ß',
        'Ⅻ',
        '\u0301',
        '\u0306',
        '\u0903',
        '\u200d',
        '\ufe0f',
        '\ufe0e',
        '🏽',
        '👩',
        '\u1100',
        '\u1161',
        '🇷',
        '🇺',
        'क',
        '\u094d',
        '\r',
        '\n',
        ' ',
        '1',
        '明',
      ],
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }), (pieces) => {
        const text = pieces.join('');
        expect(firstGrapheme(text)).toBe(bySegmenter(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps a letter with its combining mark', () => {
    expect(firstGrapheme('e\u0301lise')).toBe('e\u0301');
    expect(firstGrapheme('  Иван')).toBe('И');
  });
});

describe('initials contrast', () => {
  it('computes WCAG luminance and contrast', () => {
    expect(relativeLuminance('#000')).toBe(0);
    expect(relativeLuminance('#ffffff')).toBeCloseTo(1, 6);
    expect(contrastRatio(0, 1)).toBeCloseTo(21, 6);
    expect(initialsColor('#ffffff')).toBe('#000000');
    expect(initialsColor('#000000')).toBe('#ffffff');
  });

  it('is at least 4.5:1 (AA) on every avatar colour', () => {
    // Bitrix24's avatar palette, the fake and demo colours, the default, and every #rgb colour.
    const palette = [
      '#df532d',
      '#4ba984',
      '#3e99ce',
      '#8474c8',
      '#e2a100',
      '#d3467a',
      '#1eb4aa',
      '#7a8b99',
      '#55d0e0',
      '#a8adb4',
      '#f7a700',
      DEFAULT_AVATAR_COLOR,
    ];
    const hex = '0123456789abcdef';
    const every = Array.from(
      { length: 4096 },
      (_, i) => `#${hex[(i >> 8) & 15]}${hex[(i >> 4) & 15]}${hex[i & 15]}`,
    );
    let worst = Infinity;
    for (const colour of [...palette, ...every]) {
      const text = initialsColor(colour) === '#000000' ? 0 : 1;
      const ratio = contrastRatio(relativeLuminance(colour), text);
      worst = Math.min(worst, ratio);
      expect(ratio, colour).toBeGreaterThanOrEqual(4.5);
    }
    expect(worst).toBeLessThan(4.7);
    // White on the old default grey was 3.7:1: it now gets black initials.
    expect(contrastRatio(relativeLuminance(DEFAULT_AVATAR_COLOR), 1)).toBeLessThan(4.5);
    expect(initialsColor(DEFAULT_AVATAR_COLOR)).toBe('#000000');
  });
});
