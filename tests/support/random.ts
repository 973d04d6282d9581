import { createRng } from '../../electron/demo/random.js';

/** The demo's seeded PRNG as a plain function, so every run makes the same choices. */
export function seededRandom(seed: number): () => number {
  const rng = createRng(seed);
  return () => rng.next();
}
