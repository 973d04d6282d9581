import type { DemoControl } from '../../electron/demo/types.js';

/**
 * The first of the demo's people whose calendar holds no meeting or absence now nor within the
 * next `marginMs`: a test of the bell that is not about calendars picks them, as the bell waits
 * out meetings (issue 19) and the demo's people have some.
 */
export function clearOfMeetings(
  control: Pick<DemoControl, 'teamIds' | 'expectedCalendar'>,
  now: number,
  marginMs = 10 * 60_000,
): number {
  const id = control.teamIds().find((candidate) => {
    const view = control.expectedCalendar(candidate, now);
    return (
      view !== null &&
      (view.now === null || view.now.kind === 'tentative') &&
      (view.next === null || view.next.from > now + marginMs)
    );
  });
  if (id === undefined) throw new Error('every demo person has a meeting now or soon');
  return id;
}
