import { z } from 'zod';
import type { Person } from './person.js';
import { DAY_MS, MINUTE_MS, PORTAL_TIME_ZONE, portalDate } from './portal-time.js';
import {
  chance,
  createRng,
  deriveSeed,
  pickWeighted,
  randInt,
  weightedTable,
  type Rng,
} from './random.js';
import type { Team } from './team.js';
import {
  DEMO_CALENDAR_ROLES,
  type DemoAccessibility,
  type DemoCalendarEntry,
  type DemoCalendarEntryInput,
  type DemoCalendarRole,
  type DemoImportance,
} from './types.js';
import {
  addDays,
  dateParts,
  dayNumber,
  isKnownZone,
  zonedDate,
  zonedInstant,
  zonedMidnight,
} from './zoned-time.js';

/**
 * The team's calendars as server-side truth: instants per entry, from which the REST answer
 * (calendar.accessibility.get) and the oracle are both derived. Generated lazily per person and
 * day from the seed, so any range can be asked in any order with the same result:
 * - meetings in office hours (in the person's own zone), some tentative, some declined or free
 *   (stored, never sent), now and then back to back;
 * - a daily stand-up for some departments: a recurring series begun weeks before the portal
 *   started and ending weeks after;
 * - roles anchored to the portal's start and repeated every day from there, so that whatever
 *   the time of day a test runs, someone is in a meeting now, in back-to-back meetings,
 *   overlapping ones, a tentative invitation, has a meeting soon, an all-day event (every
 *   7 days, two days long) and a business trip in the absence chart (every 14 days, 5 days);
 * - leaves (the `absent` vacations) as absence-chart records.
 * A test's `setCalendar` replaces a person's generated calendar (leaves stay: they are the
 * person's truth too).
 */
const SLOT_MS = 5 * MINUTE_MS;
/** Generated office hours run on a 15-minute grid even when the schedule is shifted. */
const GRID_MS = 15 * MINUTE_MS;
/** The stand-up series began this many weeks before the portal started and ends this many after. */
const STANDUP_WEEKS_BEFORE = 5;
const STANDUP_WEEKS_AFTER = 6;
const STANDUP_MINUTE = 10 * 60;
const STANDUP_LENGTH_MINUTES = 15;
/** First id of entries a test adds without one (generated ids are person id × 1e6 and up). */
const FIRST_CONTROL_ID = 800_000;
const LEAVE_ID_BASE = 50_000;
const TRIP_ID_BASE = 60_000;
const ALL_DAY_ID_BASE = 70_000;
const ANCHOR_ID_BASE = 100_000;

export const ANCHOR_ROLES = DEMO_CALENDAR_ROLES;
export type AnchorRole = DemoCalendarRole;

const MEETINGS_PER_DAY = weightedTable({ '0': 2, '1': 3, '2': 3, '3': 2 });
const ACCESSIBILITY = weightedTable<DemoAccessibility>({ busy: 80, quest: 14, free: 6, absent: 0 });
const IMPORTANCE = weightedTable<DemoImportance>({ normal: 80, high: 15, low: 5 });

const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'days are YYYY-MM-DD');
const zoneSchema = z.string().refine(isKnownZone, 'not a time zone Intl knows');
const instant = z.number().int().finite();
const common = {
  id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  accessibility: z.enum(['busy', 'quest', 'absent', 'free']),
  importance: z.enum(['low', 'normal', 'high']).optional(),
  declined: z.boolean().optional(),
};
export const calendarEntrySchema = z.union([
  z
    .object({
      type: z.literal('event'),
      ...common,
      from: instant,
      until: instant,
      timeZone: zoneSchema.optional(),
      series: z.object({ from: instant, until: instant }).strict().optional(),
    })
    .strict()
    .refine((entry) => entry.until > entry.from, 'an event must end after it starts'),
  z
    .object({
      type: z.literal('all-day'),
      ...common,
      firstDay: dateSchema,
      lastDay: dateSchema,
      timeZone: zoneSchema.nullable().optional(),
    })
    .strict()
    .refine((entry) => entry.firstDay <= entry.lastDay, 'firstDay must not be after lastDay'),
  z
    .object({
      type: z.literal('absence'),
      id: common.id,
      firstDay: dateSchema,
      lastDay: dateSchema,
    })
    .strict()
    .refine((entry) => entry.firstDay <= entry.lastDay, 'firstDay must not be after lastDay'),
  z
    .object({ type: z.literal('absence'), id: common.id, from: instant, until: instant })
    .strict()
    .refine((entry) => entry.until > entry.from, 'an absence must end after it starts'),
]);
export const calendarEntriesSchema = z.array(calendarEntrySchema).max(10_000);

/** The zone a person keeps office hours in and writes entries in. */
export function workZone(person: Pick<Person, 'timeZone'>): string {
  return person.timeZone === '' ? PORTAL_TIME_ZONE : person.timeZone;
}

function wholeDays(
  first: string,
  last: string,
  zone: string,
): Pick<DemoCalendarEntry, 'from' | 'until' | 'days'> {
  return {
    from: zonedMidnight(first, zone),
    until: zonedMidnight(addDays(last, 1), zone),
    days: { first, last },
  };
}

function chartRecord(id: number, first: string, last: string): DemoCalendarEntry {
  return {
    source: 'absence-chart',
    id,
    accessibility: 'absent',
    importance: 'normal',
    declined: false,
    ...wholeDays(first, last, PORTAL_TIME_ZONE),
    timeZone: null,
    series: null,
  };
}

interface Event {
  readonly id: number;
  readonly accessibility: DemoAccessibility;
  readonly from: number;
  readonly until: number;
  readonly zone: string;
  readonly importance?: DemoImportance;
  readonly declined?: boolean;
  readonly series?: DemoCalendarEntry['series'];
}

function timed(event: Event): DemoCalendarEntry {
  return {
    source: 'calendar',
    id: event.id,
    accessibility: event.accessibility,
    importance: event.importance ?? 'normal',
    declined: event.declined ?? false,
    from: event.from,
    until: event.until,
    days: null,
    timeZone: event.zone,
    series: event.series ?? null,
  };
}

export class CalendarBook {
  private readonly overrides = new Map<number, DemoCalendarEntry[]>();
  private readonly roles = new Map<number, AnchorRole>();
  private nextControlId = FIRST_CONTROL_ID;
  /** The schedule's shift, on the 15-minute grid (see Simulation's scheduleShiftMs). */
  private readonly shiftMs: number;
  /** The anchored roles' "now", on a 5-minute grid: the portal's start. */
  private readonly anchor: number;
  private readonly standupFirstDay: string;
  private readonly standupLastDay: string;
  private readonly standupDepartments: ReadonlySet<number>;

  constructor(
    private readonly seed: number,
    private readonly team: Team,
    start: number,
    scheduleShiftMs = 0,
  ) {
    this.shiftMs = Math.round(scheduleShiftMs / GRID_MS) * GRID_MS;
    this.anchor = Math.floor(start / SLOT_MS) * SLOT_MS;
    const startDay = portalDate(start + this.shiftMs);
    this.standupFirstDay = addDays(startDay, -7 * STANDUP_WEEKS_BEFORE);
    this.standupLastDay = addDays(startDay, 7 * STANDUP_WEEKS_AFTER);
    const rng = createRng(deriveSeed(seed, 0, 8));
    const departments = team.departments().filter((department) => department.id !== 1);
    // At least one department stands up every morning; about half do.
    this.standupDepartments = new Set(
      departments
        .filter((_, index) => index === 0 || chance(rng, 0.5))
        .map((department) => department.id),
    );
    const ids = team.teamIds();
    const order = ids
      .map((id) => ({ id, key: createRng(deriveSeed(seed, id, 9)).next() }))
      .sort((a, b) => a.key - b.key);
    ANCHOR_ROLES.forEach((role, index) => {
      const person = order[index];
      if (person) this.roles.set(person.id, role);
    });
  }

  /** Who plays which anchored role (for tests and the README's tour). */
  anchoredRoles(): ReadonlyMap<number, AnchorRole> {
    return this.roles;
  }

  set(person: Person, inputs: readonly DemoCalendarEntryInput[]): void {
    const valid = calendarEntriesSchema.parse(inputs);
    const entries = valid.map((input): DemoCalendarEntry => {
      const id = input.id ?? this.nextControlId++;
      if (input.type === 'absence') {
        if ('firstDay' in input) {
          dateParts(input.firstDay);
          dateParts(input.lastDay);
          return chartRecord(id, input.firstDay, input.lastDay);
        }
        return {
          source: 'absence-chart',
          id,
          accessibility: 'absent',
          importance: 'normal',
          declined: false,
          from: input.from,
          until: input.until,
          days: null,
          timeZone: null,
          series: null,
        };
      }
      const common = {
        id,
        accessibility: input.accessibility,
        importance: input.importance ?? 'normal',
        declined: input.declined ?? false,
      } as const;
      if (input.type === 'all-day') {
        dateParts(input.firstDay);
        dateParts(input.lastDay);
        const zone = input.timeZone === undefined ? workZone(person) : input.timeZone;
        return {
          source: 'calendar',
          ...common,
          ...wholeDays(input.firstDay, input.lastDay, zone ?? PORTAL_TIME_ZONE),
          timeZone: zone,
          series: null,
        };
      }
      return timed({
        ...common,
        from: input.from,
        until: input.until,
        zone: input.timeZone ?? workZone(person),
        series: input.series ?? null,
      });
    });
    this.overrides.set(person.id, entries);
  }

  reset(id: number): void {
    this.overrides.delete(id);
  }

  forget(id: number): void {
    this.overrides.delete(id);
    this.roles.delete(id);
  }

  /** The person's entries overlapping [from, until), ordered by start. */
  entries(person: Person, from: number, until: number): DemoCalendarEntry[] {
    const all: DemoCalendarEntry[] = [];
    if (person.leave)
      all.push(
        chartRecord(
          LEAVE_ID_BASE + dayNumber(person.leave.from),
          person.leave.from,
          person.leave.to,
        ),
      );
    const override = this.overrides.get(person.id);
    if (override) all.push(...override);
    else all.push(...this.generated(person, from, until));
    return all
      .filter((entry) => entry.from < until && entry.until > from)
      .sort((a, b) => a.from - b.from || a.id - b.id);
  }

  /** Entries of the schedule days around [from, until) in the person's zone (a day either side for long ones). */
  private generated(person: Person, from: number, until: number): DemoCalendarEntry[] {
    const zone = workZone(person);
    const entries: DemoCalendarEntry[] = [];
    const role = this.roles.get(person.id);
    // A business trip starts the day before its cycle day and runs three after: look that far back.
    let day = addDays(zonedDate(from + this.shiftMs, zone), role ? -4 : -1);
    const lastDay = addDays(zonedDate(until + this.shiftMs, zone), 1);
    for (; day <= lastDay; day = addDays(day, 1)) {
      if (role) entries.push(...this.anchored(person, role, day, zone));
      else entries.push(...this.ordinaryDay(person, day, zone));
    }
    return entries;
  }

  /** A real instant of a wall time on a schedule day. */
  private at(zone: string, day: string, minute: number): number {
    const [year, month, date] = dateParts(day);
    return zonedInstant(zone, year, month, date, minute) - this.shiftMs;
  }

  private ordinaryDay(person: Person, day: string, zone: string): DemoCalendarEntry[] {
    const weekday = weekdayOf(day);
    if (weekday === 0 || weekday === 6) return [];
    const entries: DemoCalendarEntry[] = [];
    const standup = person.departments.find((id) => this.standupDepartments.has(id));
    if (standup !== undefined && day >= this.standupFirstDay && day <= this.standupLastDay) {
      // The team's series lives in the portal's zone: the same instant for everyone in it.
      const series = {
        from: this.at(PORTAL_TIME_ZONE, firstWeekday(this.standupFirstDay), STANDUP_MINUTE),
        until: this.at(
          PORTAL_TIME_ZONE,
          lastWeekday(this.standupLastDay),
          STANDUP_MINUTE + STANDUP_LENGTH_MINUTES,
        ),
      };
      const from = this.at(PORTAL_TIME_ZONE, day, STANDUP_MINUTE);
      entries.push(
        timed({
          id: 700 + standup,
          accessibility: 'busy',
          from,
          until: from + STANDUP_LENGTH_MINUTES * MINUTE_MS,
          zone: PORTAL_TIME_ZONE,
          series,
        }),
      );
    }
    const rng: Rng = createRng(deriveSeed(deriveSeed(this.seed, person.id, 7), dayNumber(day)));
    const count = Number(pickWeighted(rng, MEETINGS_PER_DAY));
    let index = 0;
    for (let meeting = 0; meeting < count; meeting++) {
      let startMinute = 9 * 60 + 15 * randInt(rng, 2, 32); // 09:30–17:00
      const backToBack = chance(rng, 0.25);
      for (let part = 0; part < (backToBack ? 2 : 1); part++) {
        const minutes = 15 * randInt(rng, 1, 4);
        const from = this.at(zone, day, startMinute);
        entries.push(
          timed({
            id: person.id * 1_000_000 + dayNumber(day) * 10 + index++,
            accessibility: pickWeighted(rng, ACCESSIBILITY),
            importance: pickWeighted(rng, IMPORTANCE),
            declined: chance(rng, 0.08),
            from,
            until: from + minutes * MINUTE_MS,
            zone,
          }),
        );
        startMinute += minutes;
      }
    }
    return entries;
  }

  /** The anchored roles: the same time of day as the portal's start, every day (all-day and trip: every 7 and 14 days). */
  private anchored(
    person: Person,
    role: AnchorRole,
    day: string,
    zone: string,
  ): DemoCalendarEntry[] {
    const startDay = zonedDate(this.anchor + this.shiftMs, zone);
    const offset = dayNumber(day) - dayNumber(startDay);
    const base = this.anchor + offset * DAY_MS;
    const id = (index: number): number => ANCHOR_ID_BASE + (offset + 50_000) * 10 + index;
    const event = (
      index: number,
      accessibility: DemoAccessibility,
      fromMinutes: number,
      untilMinutes: number,
    ): DemoCalendarEntry =>
      timed({
        id: id(index),
        accessibility,
        from: base + fromMinutes * MINUTE_MS,
        until: base + untilMinutes * MINUTE_MS,
        zone,
      });
    const cycle = (length: number): number => ((offset % length) + length) % length;
    switch (role) {
      case 'meeting-now':
        return [event(0, 'busy', -15, 30)];
      case 'back-to-back':
        return [event(0, 'busy', -20, 10), event(1, 'busy', 10, 40)];
      case 'overlapping':
        return [event(0, 'busy', -30, 15), event(1, 'quest', 0, 50)];
      case 'tentative-now':
        return [event(0, 'quest', -5, 25)];
      case 'meeting-soon':
        return [event(0, 'busy', 20, 50)];
      case 'all-day':
        if (cycle(7) !== 0) return [];
        return [
          {
            source: 'calendar',
            id: ALL_DAY_ID_BASE + offset + 50_000,
            accessibility: 'busy',
            importance: 'normal',
            declined: false,
            ...wholeDays(day, addDays(day, 1), zone),
            timeZone: zone,
            series: null,
          },
        ];
      case 'business-trip':
        // Portal days: chart records are written in the server's zone.
        if (cycle(14) !== 0) return [];
        return [chartRecord(TRIP_ID_BASE + offset + 50_000, addDays(day, -1), addDays(day, 3))];
    }
  }
}

/** 0 = Sunday; 1970-01-01 was a Thursday. */
function weekdayOf(day: string): number {
  return (dayNumber(day) + 4) % 7;
}

function firstWeekday(day: string): string {
  let current = day;
  while (weekdayOf(current) === 0 || weekdayOf(current) === 6) current = addDays(current, 1);
  return current;
}

function lastWeekday(day: string): string {
  let current = day;
  while (weekdayOf(current) === 0 || weekdayOf(current) === 6) current = addDays(current, -1);
  return current;
}
