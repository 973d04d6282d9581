import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../../../renderer/src/lib/i18n.js';
import {
  hoursMinutes,
  timelineSummary,
  timelineView,
} from '../../../../../renderer/src/lib/timeline.js';

const en = createTranslator('en');
const ru = createTranslator('ru');
const H = 3_600_000;
const M = 60_000;
/** Wednesday 25 Nov 2026, 12:00 local. */
const NOW = new Date(2026, 10, 25, 12, 0).getTime();
const TODAY = new Date(2026, 10, 25).getTime();
const YESTERDAY = new Date(2026, 10, 24).getTime();

describe('the timeline in the detail view', () => {
  it('spells time online in hours and minutes', () => {
    expect(hoursMinutes(7 * H + 12 * M, en)).toBe('7 h 12 min');
    expect(hoursMinutes(45 * M, en)).toBe('45 min');
    expect(hoursMinutes(3 * H, en)).toBe('3 h');
    // Non-breaking spaces keep a number with its unit: "2 ч" never splits over two lines.
    expect(hoursMinutes(2 * H + 5 * M, ru)).toBe('2\u00a0ч 5\u00a0мин');
  });

  it('puts today first, with when they got in and how long they were online', () => {
    const segments = [
      { from: YESTERDAY + 8 * H, to: YESTERDAY + 17 * H, state: 'online' as const },
      { from: TODAY, to: TODAY + 9 * H + 5 * M, state: 'offline' as const },
      { from: TODAY + 9 * H + 5 * M, to: TODAY + 11 * H, state: 'online' as const },
      { from: TODAY + 11 * H, to: NOW, state: 'idle' as const },
    ];
    const days = timelineView(segments, NOW, en, 3);
    expect(days.map((day) => day.label)).toEqual(['Today', 'Yesterday', 'Mon 23']);
    expect(days.map((day) => day.fullLabel)).toEqual(['Today', 'Yesterday', 'Mon 23 Nov']);
    expect(days[0]?.summary).toBe('in at 09:05, 1 h 55 min online');
    expect(days[0]?.bars.map((bar) => bar.state)).toEqual(['offline', 'online', 'idle']);
    // Yesterday: unknown before 8:00 and after 17:00 (the app saw nothing), never offline.
    expect(days[1]?.bars.map((bar) => bar.state)).toEqual(['unknown', 'online', 'unknown']);
    // The app began watching at 8:00 and found them online: when they came in is unknown (issue 22).
    expect(days[1]?.summary).toBe('watching since 08:00, 9 h online');
    expect(days[1]?.firstText).toBe('watching since 08:00');
    expect(days[0]?.firstText).toBe('09:05');
    // Each part has its exact times, for hover and focus.
    expect(days[0]?.bars.map((bar) => bar.text)).toEqual([
      'Offline, 00:00–09:05',
      'Online, 09:05–11:00',
      'Away, 11:00–12:00',
    ]);
    expect(days[1]?.bars[1]?.text).toBe('Online, 08:00–17:00');
    expect(days[2]?.watched).toBe(false);
    expect(days[2]?.summary).toBe('not watched');
  });

  it('says "not online" for a watched day without being online, and sums it up for screen readers', () => {
    const days = timelineView([{ from: TODAY, to: NOW, state: 'offline' }], NOW, en, 2);
    expect(days[0]?.summary).toBe('not online');
    expect(days[0]?.firstText).toBe('—');
    expect(timelineSummary('Anna Petrova', days, en)).toBe(
      'Presence of Anna Petrova by day. Today: not online. Yesterday: not watched',
    );
  });

  it('shows an unknown gap between known parts as its own bar', () => {
    const segments = [
      { from: TODAY + 9 * H, to: TODAY + 10 * H, state: 'online' as const },
      { from: TODAY + 10 * H + 30 * M, to: NOW, state: 'online' as const },
    ];
    const [today] = timelineView(segments, NOW, ru, 1);
    expect(today?.bars.map((bar) => bar.state)).toEqual(['unknown', 'online', 'unknown', 'online']);
    expect(today?.bars[2]?.x0).toBeCloseTo(10 / 24);
    expect(today?.bars[2]?.x1).toBeCloseTo(10.5 / 24);
    expect(today?.label).toBe('Сегодня');
    expect(today?.summary).toBe('наблюдение с 09:00, в сети 2\u00a0ч 30\u00a0мин');
    expect(today?.bars[2]?.text).toBe('Нет данных, 10:00–10:30');
  });

  it('says "in by" for someone who came in while the app saw nothing, after it had seen them out', () => {
    const segments = [
      { from: TODAY + 8 * H, to: TODAY + 9 * H, state: 'offline' as const },
      { from: TODAY + 10 * H, to: NOW, state: 'online' as const },
    ];
    const [today] = timelineView(segments, NOW, en, 1);
    expect(today?.summary).toBe('in by 10:00, 2 h online');
    expect(timelineView(segments, NOW, ru, 1)[0]?.summary).toBe(
      'вход не позже 10:00, в сети 2\u00a0ч',
    );
  });
});
