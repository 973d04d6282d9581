import { describe, expect, it } from 'vitest';
import {
  fullName,
  generateColor,
  generateDepartments,
  generateIdentity,
  generatePosition,
  type Identity,
} from '../../../../electron/demo/names.js';
import { createRng, deriveSeed } from '../../../../electron/demo/random.js';

/** Identities from many independent streams, as the team draws them. */
function identities(count: number): Identity[] {
  return Array.from({ length: count }, (_, i) => generateIdentity(createRng(deriveSeed(5, i))));
}

describe('generateIdentity', () => {
  it('gives the same person for the same seed', () => {
    expect(generateIdentity(createRng(99))).toEqual(generateIdentity(createRng(99)));
  });

  it('draws names in every script the panel must render, both genders', () => {
    const drawn = identities(2_000);
    expect(new Set(drawn.map(({ script }) => script))).toEqual(
      new Set(['latin', 'cyrillic', 'greek', 'arabic', 'cjk', 'georgian']),
    );
    expect(new Set(drawn.map(({ gender }) => gender))).toEqual(new Set(['M', 'F']));
    const cyrillic = drawn.filter(({ script }) => script === 'cyrillic').length;
    expect(cyrillic / drawn.length).toBeGreaterThan(0.35); // the most common script
  });

  it('gives Russian women the feminine surname, and men the masculine one', () => {
    const russian = identities(3_000).filter(({ script }) => script === 'cyrillic');
    const women = russian.filter(({ gender }) => gender === 'F').map(({ lastName }) => lastName);
    const men = russian.filter(({ gender }) => gender === 'M').map(({ lastName }) => lastName);
    expect(women).toContain('Иванова');
    expect(women).toContain('Островская');
    expect(women).toContain('Белецкая');
    expect(women).toContain('Шевченко'); // no feminine form
    for (const name of women) expect(name).not.toMatch(/(ов|ев|ин|ын|ский|цкий)$/);
    for (const name of men) expect(name).not.toMatch(/(ова|ева|ская|цкая)$/);
  });

  it('gives Greek women the genitive surname', () => {
    const women = identities(6_000)
      .filter(({ script, gender }) => script === 'greek' && gender === 'F')
      .map(({ lastName }) => lastName);
    expect(women).toContain('Παπαδόπουλου');
    expect(women).toContain('Παππά');
    for (const name of women) expect(name).not.toMatch(/(ος|άς)$/);
  });
});

describe('fullName', () => {
  it('joins first and last name as Bitrix24 does, skipping an empty part', () => {
    expect(fullName('Anna', 'Petrova')).toBe('Anna Petrova');
    expect(fullName('王', '芳')).toBe('王 芳');
    expect(fullName('Anna', '')).toBe('Anna');
    expect(fullName('', 'Petrova')).toBe('Petrova');
    expect(fullName('', '')).toBe('');
  });
});

describe('generateDepartments', () => {
  it('makes 4 to 8 departments with distinct names and rising ids with gaps, above the company', () => {
    const counts = new Set<number>();
    const gaps = new Set<number>();
    for (let seed = 0; seed < 200; seed++) {
      const departments = generateDepartments(createRng(seed));
      counts.add(departments.length);
      expect(new Set(departments.map(({ name }) => name)).size).toBe(departments.length);
      let previous = 8;
      for (const { id } of departments) {
        gaps.add(id - previous);
        previous = id;
      }
    }
    expect([...counts].sort()).toEqual([4, 5, 6, 7, 8]);
    expect([...gaps].sort()).toEqual([1, 2, 3, 4]);
  });

  it('is the same for the same seed', () => {
    expect(generateDepartments(createRng(3))).toEqual(generateDepartments(createRng(3)));
  });
});

describe('generateColor and generatePosition', () => {
  it("pick Bitrix24's colours and plausible positions, an empty one among them", () => {
    const rng = createRng(17);
    const colors = new Set(Array.from({ length: 500 }, () => generateColor(rng)));
    for (const color of colors) expect(color).toMatch(/^#[0-9a-f]{6}$/);
    expect(colors.size).toBeGreaterThan(10);
    const positions = new Set(Array.from({ length: 500 }, () => generatePosition(rng)));
    expect(positions).toContain('');
    expect(positions).toContain('Менеджер проектов');
  });
});
