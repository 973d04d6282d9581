import { describe, expect, it } from 'vitest';
import { sameBlock, scriptColleague } from '../../../../electron/cli/script-colleague.js';
import type { CalendarBlock } from '../../../../electron/shared/calendar.js';
import { colleague } from '../../../support/colleague.js';

const NOW = Date.UTC(2026, 10, 23, 9, 0);
const HOUR = 3_600_000;
const meeting: CalendarBlock = { kind: 'meeting', from: NOW - HOUR, until: NOW + HOUR };
const later: CalendarBlock = { kind: 'out-of-office', from: NOW + 3 * HOUR, until: NOW + 5 * HOUR };

describe('scriptColleague', () => {
  it('replaces the calendar with what it says at the moment of output', () => {
    const person = colleague(7, { calendar: [meeting, later] });
    const printed = scriptColleague(person, NOW);
    expect(printed).not.toHaveProperty('calendar');
    expect(printed.calendarNow).toEqual(meeting);
    expect(printed.calendarNext).toEqual(later);
    const { calendar: _calendar, ...rest } = person;
    expect(printed).toMatchObject(rest);
  });

  it('derives the moment from `now`, not from when the calendar was read', () => {
    const person = colleague(7, { calendar: [meeting, later] });
    expect(scriptColleague(person, NOW + 2 * HOUR)).toMatchObject({
      calendarNow: null,
      calendarNext: later,
    });
    expect(scriptColleague(person, NOW + 4 * HOUR)).toMatchObject({
      calendarNow: later,
      calendarNext: null,
    });
  });

  it('says null for both when the calendar is unknown or empty', () => {
    for (const calendar of [null, []])
      expect(scriptColleague(colleague(7, { calendar }), NOW)).toMatchObject({
        calendarNow: null,
        calendarNext: null,
      });
  });

  it('is plain JSON, as the scripts read it', () => {
    const printed = scriptColleague(colleague(7, { calendar: [meeting] }), NOW);
    expect(JSON.parse(JSON.stringify(printed))).toEqual(printed);
  });
});

describe('sameBlock', () => {
  it('compares blocks by value, null with null only', () => {
    expect(sameBlock(null, null)).toBe(true);
    expect(sameBlock(meeting, { ...meeting })).toBe(true);
    expect(sameBlock(meeting, null)).toBe(false);
    expect(sameBlock(null, meeting)).toBe(false);
    expect(sameBlock(meeting, { ...meeting, kind: 'tentative' })).toBe(false);
    expect(sameBlock(meeting, { ...meeting, from: NOW })).toBe(false);
    expect(sameBlock(meeting, { ...meeting, until: NOW })).toBe(false);
  });
});
