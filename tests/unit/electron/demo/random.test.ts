import { describe, expect, it } from 'vitest';
import {
  chance,
  createRng,
  deriveSeed,
  pick,
  pickWeighted,
  randBetween,
  randInt,
  weightedTable,
  type Rng,
} from '../../../../electron/demo/random.js';

const draws = (rng: Rng, n: number): number[] => Array.from({ length: n }, () => rng.next());

/** A generator that returns the given numbers in turn: picks become exact. */
function scripted(...values: number[]): Rng {
  let index = 0;
  return { next: () => values[index++ % values.length] as number };
}

describe('createRng', () => {
  it('gives the same stream for the same seed, another for another', () => {
    expect(draws(createRng(42), 20)).toEqual(draws(createRng(42), 20));
    expect(draws(createRng(42), 20)).not.toEqual(draws(createRng(43), 20));
  });

  it('stays in [0, 1) and spreads evenly', () => {
    const values = draws(createRng(7), 10_000);
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
    const tenths = new Array<number>(10).fill(0);
    for (const value of values) tenths[Math.floor(value * 10)]! += 1;
    for (const count of tenths) expect(count).toBeGreaterThan(900);
  });

  it('takes any number as a seed, as an unsigned 32-bit one', () => {
    expect(draws(createRng(-1), 5)).toEqual(draws(createRng(0xffffffff), 5));
  });
});

describe('deriveSeed', () => {
  it('is reproducible and differs per stream and salt', () => {
    expect(deriveSeed(42, 1)).toBe(deriveSeed(42, 1));
    const seeds = new Set([
      deriveSeed(42, 1),
      deriveSeed(42, 2),
      deriveSeed(43, 1),
      deriveSeed(42, 1, 1),
    ]);
    expect(seeds.size).toBe(4);
    expect(deriveSeed(42, 1)).toBe(deriveSeed(42, 1, 0));
  });

  it('gives unsigned 32-bit seeds whose streams do not repeat each other', () => {
    const firsts = new Set<number>();
    for (let stream = 0; stream < 1_000; stream++) {
      const seed = deriveSeed(1, stream);
      expect(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff).toBe(true);
      firsts.add(createRng(seed).next());
    }
    expect(firsts.size).toBe(1_000);
  });
});

describe('randInt, randBetween, chance, pick', () => {
  it('randInt covers both ends of its range, and nothing outside', () => {
    expect(randInt(scripted(0), 3, 5)).toBe(3);
    expect(randInt(scripted(0.999_999), 3, 5)).toBe(5);
    const seen = new Set(Array.from({ length: 500 }, (_, i) => randInt(createRng(i), 3, 5)));
    expect([...seen].sort()).toEqual([3, 4, 5]);
  });

  it('randBetween scales into [min, max)', () => {
    expect(randBetween(scripted(0), 10, 20)).toBe(10);
    expect(randBetween(scripted(0.5), 10, 20)).toBe(15);
  });

  it('chance is true below the probability', () => {
    expect(chance(scripted(0.29), 0.3)).toBe(true);
    expect(chance(scripted(0.3), 0.3)).toBe(false);
    expect(chance(scripted(0), 0)).toBe(false);
  });

  it('pick takes an item by position, and needs one', () => {
    expect(pick(scripted(0), ['a', 'b', 'c'])).toBe('a');
    expect(pick(scripted(0.5), ['a', 'b', 'c'])).toBe('b');
    expect(pick(scripted(0.99), ['a', 'b', 'c'])).toBe('c');
    expect(() => pick(scripted(0), [])).toThrow('pick() needs at least one item');
  });
});

describe('weighted picks', () => {
  it('a table keeps the positive weights, summed up', () => {
    expect(weightedTable({ a: 3, none: 0, b: 1, negative: -2 })).toEqual({
      keys: ['a', 'b'],
      cumulative: [3, 4],
    });
    expect(() => weightedTable({ a: 0 })).toThrow('A weighted table needs a positive weight');
  });

  it('picks by where the roll falls among the weights', () => {
    const weights = { a: 3, b: 1 };
    expect(pickWeighted(scripted(0), weights)).toBe('a');
    expect(pickWeighted(scripted(0.74), weights)).toBe('a');
    expect(pickWeighted(scripted(0.75), weights)).toBe('b');
    expect(pickWeighted(scripted(0.75), weightedTable(weights))).toBe('b');
  });

  it('gives each key about its share', () => {
    const rng = createRng(11);
    const table = weightedTable({ a: 3, b: 1 });
    let a = 0;
    for (let i = 0; i < 4_000; i++) if (pickWeighted(rng, table) === 'a') a++;
    expect(a / 4_000).toBeGreaterThan(0.72);
    expect(a / 4_000).toBeLessThan(0.78);
  });
});
