/**
 * Runs `callback` once the next frame has been painted: a requestAnimationFrame callback runs
 * just before that frame's style, layout and paint, and a task queued from it runs after them.
 * A hidden window may not draw frames at all, so it runs after `atMostMs` in any case.
 */
export function afterNextPaint(callback: () => void, atMostMs = 250): void {
  let done = false;
  const run = (): void => {
    if (done) return;
    done = true;
    clearTimeout(fallback);
    callback();
  };
  const fallback = setTimeout(run, atMostMs);
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(run, 0));
}
