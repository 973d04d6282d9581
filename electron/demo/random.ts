/**
 * A tiny seeded PRNG (mulberry32). The demo must give the same team and the same day for the
 * same seed, so nothing in it may call Math.random.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  return {
    next(): number {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** Mixes a seed with a stream number so every person gets an independent, reproducible stream. */
export function deriveSeed(seed: number, stream: number, salt = 0): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const part of [stream, salt]) {
    h = Math.imul(h ^ (part >>> 0), 0x85ebca6b) >>> 0;
    h = (h ^ (h >>> 13)) >>> 0;
    h = Math.imul(h, 0xc2b2ae35) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
  }
  return h;
}

export function randInt(rng: Rng, min: number, maxInclusive: number): number {
  return min + Math.floor(rng.next() * (maxInclusive - min + 1));
}

export function randBetween(rng: Rng, min: number, max: number): number {
  return min + rng.next() * (max - min);
}

export function chance(rng: Rng, probability: number): boolean {
  return rng.next() < probability;
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick() needs at least one item');
  return items[Math.floor(rng.next() * items.length)] as T;
}

/** Weights prepared once, so hot simulation paths pick without allocating. */
export interface WeightedTable<K extends string> {
  readonly keys: readonly K[];
  readonly cumulative: readonly number[];
}

export function weightedTable<K extends string>(
  weights: Readonly<Record<K, number>>,
): WeightedTable<K> {
  const keys: K[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (const [key, weight] of Object.entries(weights) as [K, number][]) {
    if (weight <= 0) continue;
    total += weight;
    keys.push(key);
    cumulative.push(total);
  }
  if (keys.length === 0) throw new Error('A weighted table needs a positive weight');
  return { keys, cumulative };
}

/** Picks a key by weight: `{ a: 3, b: 1 }` gives `a` three times as often. */
export function pickWeighted<K extends string>(
  rng: Rng,
  weights: Readonly<Record<K, number>> | WeightedTable<K>,
): K {
  const table =
    'cumulative' in weights && Array.isArray(weights.cumulative)
      ? (weights as WeightedTable<K>)
      : weightedTable(weights as Record<K, number>);
  const roll = rng.next() * (table.cumulative[table.cumulative.length - 1] as number);
  for (let index = 0; index < table.keys.length; index++) {
    if (roll < (table.cumulative[index] as number)) return table.keys[index] as K;
  }
  return table.keys[table.keys.length - 1] as K;
}
