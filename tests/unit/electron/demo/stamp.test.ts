import { describe, expect, it } from 'vitest';
import {
  NEVER,
  freeze,
  frozenAt,
  keepTicking,
  stampValue,
  tickingFrom,
} from '../../../../electron/demo/stamp.js';

const T = Date.UTC(2026, 10, 23, 9, 0);
const STEP = 60_000;

describe('stampValue', () => {
  it('a frozen stamp reads its value at any time, never as null', () => {
    expect(stampValue(frozenAt(T), T + 10 * STEP)).toBe(T);
    expect(stampValue(NEVER, T)).toBeNull();
  });

  it('a ticking stamp reads the last refresh at or before the moment', () => {
    const stamp = tickingFrom(T, STEP);
    expect(stampValue(stamp, T)).toBe(T);
    expect(stampValue(stamp, T + STEP - 1)).toBe(T);
    expect(stampValue(stamp, T + STEP)).toBe(T + STEP);
    expect(stampValue(stamp, T + 2.5 * STEP)).toBe(T + 2 * STEP);
  });

  it('before its anchor a ticking stamp reads the anchor', () => {
    expect(stampValue(tickingFrom(T, STEP), T - 5 * STEP)).toBe(T);
  });
});

describe('freeze', () => {
  it('stops a ticking stamp at its last refresh', () => {
    const frozen = freeze(tickingFrom(T, STEP), T + 2.5 * STEP);
    expect(frozen).toEqual(frozenAt(T + 2 * STEP));
    expect(stampValue(frozen, T + 100 * STEP)).toBe(T + 2 * STEP);
  });

  it('leaves a frozen stamp as it is', () => {
    const stamp = frozenAt(T);
    expect(freeze(stamp, T + STEP)).toBe(stamp);
  });
});

describe('keepTicking', () => {
  it('keeps a running stamp running from where it was (continuity)', () => {
    const running = tickingFrom(T, STEP);
    expect(keepTicking(running, T + 5.5 * STEP, 2 * STEP)).toBe(running);
  });

  it('starts a stopped one now, with the step given', () => {
    const started = keepTicking(frozenAt(T), T + 5.5 * STEP, 2 * STEP);
    expect(started).toEqual(tickingFrom(T + 5.5 * STEP, 2 * STEP));
    expect(stampValue(started, T + 7.5 * STEP)).toBe(T + 7.5 * STEP);
  });
});
