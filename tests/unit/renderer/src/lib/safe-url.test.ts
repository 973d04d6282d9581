import { describe, expect, it } from 'vitest';
import { isWebUrl, parseIdList, safeColor } from '../../../../../renderer/src/lib/safe-url.js';

describe('isWebUrl', () => {
  it('takes http(s) pages only', () => {
    expect(isWebUrl('https://team.bitrix24.ru/online/?IM_DIALOG=7')).toBe(true);
    expect(isWebUrl('http://localhost:8080/')).toBe(true);
  });

  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'data:text/html,<b>x</b>',
    'file:///etc/passwd',
    'bx://chat',
    '//team.bitrix24.ru',
    'not a url',
    '',
  ])('refuses %j', (value) => expect(isWebUrl(value)).toBe(false));
});

describe('safeColor', () => {
  it('keeps #rgb and #rrggbb in either case', () => {
    expect(safeColor('#a1B2c3')).toBe('#a1B2c3');
    expect(safeColor('#fff')).toBe('#fff');
  });

  it.each([
    null,
    'red',
    '#ffff',
    '#ggg',
    '#fff; background: url(x)',
    'url(https://evil/)',
    ' #fff',
  ])('refuses %j', (value) => {
    expect(safeColor(value)).toBeNull();
  });
});

describe('parseIdList', () => {
  it('reads ids split by commas, semicolons and spaces, once each, in order', () => {
    expect(parseIdList(' 12, 40 7;12\n40 ')).toEqual({ ok: true, ids: [12, 40, 7] });
    expect(parseIdList('')).toEqual({ ok: true, ids: [] });
  });

  it.each([
    ['12, x', 'x'],
    ['0', '0'],
    ['-3', '-3'],
    ['1.5', '1.5'],
    ['12345678901', '12345678901'],
  ])('names the bad token in %j', (text, token) => {
    expect(parseIdList(text)).toEqual({ ok: false, token });
  });
});
