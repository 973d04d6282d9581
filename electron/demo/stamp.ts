/**
 * A timestamp field of a simulated person. While someone is active the portal refreshes their
 * dates in steps (every few minutes, not on every action), so a refreshing field is stored as
 * an anchor and a step and read lazily: no timer per person, any clock time can be asked.
 */
export type Stamp =
  | { readonly ticking: false; readonly at: number | null }
  | { readonly ticking: true; readonly anchor: number; readonly stepMs: number };

export const NEVER: Stamp = { ticking: false, at: null };

export function frozenAt(at: number | null): Stamp {
  return { ticking: false, at };
}

export function tickingFrom(anchor: number, stepMs: number): Stamp {
  return { ticking: true, anchor, stepMs };
}

/** The value the portal would report at `now`: the last refresh at or before it. */
export function stampValue(stamp: Stamp, now: number): number | null {
  if (!stamp.ticking) return stamp.at;
  if (now <= stamp.anchor) return stamp.anchor;
  return stamp.anchor + Math.floor((now - stamp.anchor) / stamp.stepMs) * stamp.stepMs;
}

/** Stops refreshing at `now`, keeping the last reported value. */
export function freeze(stamp: Stamp, now: number): Stamp {
  return stamp.ticking ? frozenAt(stampValue(stamp, now)) : stamp;
}

/** Keeps a running stamp running (continuity), or starts one at `now`. */
export function keepTicking(stamp: Stamp, now: number, stepMs: number): Stamp {
  return stamp.ticking ? stamp : tickingFrom(now, stepMs);
}
