import { describe, expect, it } from 'vitest';
import { avatarSvg, initials } from '../../../../electron/demo/avatars.js';

describe("the demo's SVG avatars", () => {
  it('write the initials the panel writes: Georgian stays Mkhedruli, caseless scripts keep their letters', () => {
    expect(initials({ firstName: 'ნინო', lastName: 'ბერიძე' })).toBe('ნბ');
    expect(initials({ firstName: '美咲', lastName: '李' })).toBe('美李');
    expect(initials({ firstName: 'анна', lastName: 'петрова' })).toBe('АП');
  });

  it('pick black or white text for contrast on the colour', () => {
    expect(avatarSvg({ firstName: 'A', lastName: 'B', color: '#f5d90a' })).toContain(
      'fill="#000000"',
    );
    expect(avatarSvg({ firstName: 'A', lastName: 'B', color: '#1f3a8a' })).toContain(
      'fill="#ffffff"',
    );
  });
});
