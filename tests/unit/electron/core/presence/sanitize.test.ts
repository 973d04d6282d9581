import { describe, expect, it } from 'vitest';
import { safeAvatarUrl, safeColor } from '../../../../../electron/core/presence/sanitize.js';

describe('safeAvatarUrl', () => {
  it('keeps absolute https URLs as given', () => {
    for (const url of [
      'https://cdn.bitrix24.com/b123/main/a1b/avatar.png',
      'https://team.bitrix24.ru:8443/upload/resize_cache/main/x.jpg?v=2#top',
      'https://xn--80ak6aa92e.com/a.png',
    ])
      expect(safeAvatarUrl(url)).toBe(url);
  });

  it('keeps http and https on loopback only (the demo portal)', () => {
    expect(safeAvatarUrl('http://127.0.0.1:41234/avatars/7.svg')).toBe(
      'http://127.0.0.1:41234/avatars/7.svg',
    );
    expect(safeAvatarUrl('http://localhost/a.png')).toBe('http://localhost/a.png');
    expect(safeAvatarUrl('http://[::1]:8080/a.png')).toBe('http://[::1]:8080/a.png');
    expect(safeAvatarUrl('http://cdn.bitrix24.com/a.png')).toBeNull();
  });

  it('drops nothing and empty', () => {
    expect(safeAvatarUrl(undefined)).toBeNull();
    expect(safeAvatarUrl('')).toBeNull();
  });

  it.each([
    ['a relative path', '/upload/a.png'],
    ['a protocol-relative URL', '//cdn.example.com/a.png'],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:image/png;base64,AAAA'],
    ['credentials', 'https://user:pass@cdn.example.com/a.png'],
    ['a bare user', 'https://evil.example@cdn.example.com/a.png'],
    ['an IPv6 host off loopback', 'https://[2001:db8::1]/a.png'],
    ['a host with an underscore', 'https://bad_host.example/a.png'],
    ['a label ending in a dash', 'https://bad-.example/a.png'],
    ['whitespace', 'https://cdn.example.com/a b.png'],
    ['a leading space', ' https://cdn.example.com/a.png'],
    ['a double quote', 'https://cdn.example.com/a".png'],
    ['a single quote', "https://cdn.example.com/a'.png"],
    ['an angle bracket', 'https://cdn.example.com/<script>'],
    ['a backslash', 'https://cdn.example.com\\@evil.example/a.png'],
    ['a backtick', 'https://cdn.example.com/`x`'],
    ['a control character', 'https://cdn.example.com/a\u0000.png'],
    ['a C1 control character', 'https://cdn.example.com/a\u0085.png'],
    ['a port over 65535', 'https://cdn.example.com:65536/a.png'],
    ['a port of six digits', 'https://cdn.example.com:123456/a.png'],
    ['upper-case scheme', 'HTTPS://cdn.example.com/a.png'],
  ])('drops %s', (_what, url) => {
    expect(safeAvatarUrl(url)).toBeNull();
  });

  it('keeps the highest port there is', () => {
    expect(safeAvatarUrl('https://cdn.example.com:65535/a.png')).toBe(
      'https://cdn.example.com:65535/a.png',
    );
    expect(safeAvatarUrl('http://127.0.0.1:65536/a.png')).toBeNull();
  });
});

describe('safeColor', () => {
  it('keeps #rrggbb, in lower case', () => {
    expect(safeColor('#1A2b3C')).toBe('#1a2b3c');
    expect(safeColor('#ffffff')).toBe('#ffffff');
  });

  it.each([undefined, '', '#fff', '1a2b3c', '#1a2b3c4d', '#gggggg', 'red', '#1a2b3c;', 'url(x)'])(
    'drops %j',
    (value) => {
      expect(safeColor(value)).toBeNull();
    },
  );
});
