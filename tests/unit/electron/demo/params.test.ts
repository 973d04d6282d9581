import { describe, expect, it } from 'vitest';
import {
  intval,
  listParam,
  mergeParams,
  parseBody,
  parseQueryString,
  ParamsError,
  positiveIds,
  upperKeys,
} from '../../../../electron/demo/params.js';
import { encodePhpJson, phpArray } from '../../../../electron/demo/php-json.js';

const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('PHP-style parameters', () => {
  it('reads ID[]=4&ID[]=5 and ID[0]=4&ID[1]=5 as the same list', () => {
    expect(positiveIds(parseQueryString('ID[]=4&ID[]=5').ID)).toEqual([4, 5]);
    expect(positiveIds(parseQueryString('ID[0]=4&ID[1]=5').ID)).toEqual([4, 5]);
    expect(plain(parseQueryString('ID[]=4&ID[]=5'))).toEqual({ ID: { '0': '4', '1': '5' } });
  });

  it('nests named keys and decodes percent and plus encoding', () => {
    const params = parseQueryString(
      'cmd[p0]=im.user.list.get%3FID%5B%5D%3D1&cmd[p1]=profile&halt=1&name=Anna+M%C3%BCller',
    );
    expect(plain(params)).toEqual({
      cmd: { p0: 'im.user.list.get?ID[]=1', p1: 'profile' },
      halt: '1',
      name: 'Anna Müller',
    });
  });

  it('keeps __proto__ keys as data, never touching Object.prototype', () => {
    const params = parseQueryString('__proto__[polluted]=yes&a[__proto__][x]=1');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(params)).toContain('__proto__');
  });

  it('reads JSON bodies and form bodies by content type; bad JSON is a clear error', () => {
    expect(
      plain(parseBody('{"ID":[4,5],"USER_DATA":"Y"}', 'application/json; charset=utf-8')),
    ).toEqual({ ID: [4, 5], USER_DATA: 'Y' });
    expect(plain(parseBody('ID%5B%5D=7&LIMIT=3', 'application/x-www-form-urlencoded'))).toEqual({
      ID: { '0': '7' },
      LIMIT: '3',
    });
    expect(() => parseBody('{"ID":', 'application/json')).toThrow(ParamsError);
    expect(() => parseBody('[1,2]', 'application/json')).toThrow(/object/);
  });

  it('lets body parameters override query parameters, like $_REQUEST', () => {
    expect(
      plain(mergeParams(parseQueryString('LIMIT=5&OFFSET=1'), parseQueryString('LIMIT=7'))),
    ).toEqual({ LIMIT: '7', OFFSET: '1' });
  });

  it('reads id lists from arrays, PHP arrays and JSON strings, but not from a bare number', () => {
    expect(positiveIds([4, '5', 4, -1, 'x'])).toEqual([4, 5]);
    expect(positiveIds('[8, 9]')).toEqual([8, 9]);
    expect(listParam('5')).toBeUndefined();
    expect(positiveIds('5')).toEqual([]);
  });

  it('follows PHP intval and upper-cases keys', () => {
    expect([intval('12abc'), intval('abc'), intval(7.9), intval(true), intval(undefined)]).toEqual([
      12, 0, 7, 1, 0,
    ]);
    expect(Object.keys(upperKeys(parseQueryString('user_data=Y&Offset=2')))).toEqual([
      'USER_DATA',
      'OFFSET',
    ]);
  });
});

describe('PHP JSON quirks', () => {
  it('encodes empty and 0..n-1 keyed arrays as lists, other keys as objects', () => {
    expect(phpArray([])).toEqual([]);
    expect(
      phpArray([
        ['0', 'a'],
        ['1', 'b'],
      ]),
    ).toEqual(['a', 'b']);
    expect(phpArray([['p0', 1]])).toEqual({ p0: 1 });
    expect(phpArray([[1, 'x']])).toEqual({ '1': 'x' });
  });

  it('escapes slashes and non-ASCII like json_encode, and still parses back', () => {
    const text = encodePhpJson({ url: 'http://a/b', name: 'Анна 王' });
    expect(text).toBe('{"url":"http:\\/\\/a\\/b","name":"\\u0410\\u043d\\u043d\\u0430 \\u738b"}');
    expect(JSON.parse(text)).toEqual({ url: 'http://a/b', name: 'Анна 王' });
  });
});
