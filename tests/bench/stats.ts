/** Small statistics for the benchmarks: robust centres (median, p95) and a least-squares slope. */

function sorted(values: readonly number[]): number[] {
  if (values.length === 0) throw new Error('statistics of an empty sample');
  return values.slice().sort((a, b) => a - b);
}

/** Linear interpolation between closest ranks (the usual "type 7" quantile). */
export function quantile(values: readonly number[], q: number): number {
  const s = sorted(values);
  const position = (s.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const a = s[low] as number;
  const b = s[high] as number;
  return a + (b - a) * (position - low);
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);
export const p95 = (values: readonly number[]): number => quantile(values, 0.95);
export const max = (values: readonly number[]): number => sorted(values).at(-1) as number;
export const min = (values: readonly number[]): number => sorted(values)[0] as number;

export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new Error('statistics of an empty sample');
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** Least-squares fit y = intercept + slope·x, with the residuals' standard deviation. */
export function linearFit(
  xs: readonly number[],
  ys: readonly number[],
): { slope: number; intercept: number; residualSd: number } {
  if (xs.length !== ys.length || xs.length < 2) throw new Error('a fit needs at least two points');
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    const dx = (xs[i] as number) - mx;
    sxy += dx * ((ys[i] as number) - my);
    sxx += dx * dx;
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  const intercept = my - slope * mx;
  let sse = 0;
  for (let i = 0; i < xs.length; i++) {
    const residual = (ys[i] as number) - (intercept + slope * (xs[i] as number));
    sse += residual * residual;
  }
  return { slope, intercept, residualSd: Math.sqrt(sse / Math.max(1, xs.length - 2)) };
}

/** Times `fn` with the high-resolution clock, in milliseconds. */
export function timeMs(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** Runs the collector after a full GC when the process was started with --expose-gc. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export { seededRandom } from '../support/random.js';
