// Over 300 lines on purpose: the demo's whole control surface, one zod-validated set of
// operations shared by the tests and the /_demo/ endpoints, is easier to keep exact in one place.
import { z } from 'zod';
import { Credentials } from './auth.js';
import { FaultBook } from './faults.js';
import {
  CLASSIC_ONLINE_LIMIT_S,
  desktopRunningAt,
  isDesktopTicking,
  setDesktop,
  setDesktopIdle,
  setDisconnected,
  setMobile,
  setOnline,
  type Person,
} from './person.js';
import { MINUTE_MS, PORTAL_OFFSET_MINUTES, portalDate, portalDateStart } from './portal-time.js';
import { CalendarBook, type AnchorRole } from './calendar.js';
import { calendarView, messengerPresence, type CalendarOracleOptions } from './oracle.js';
import { OperatingBudget } from './rate-limit.js';
import { DEFAULT_DATE_FORMAT, DEMO_DATE_FORMATS, type DemoDateFormat } from './site-format.js';
import { Simulation } from './simulation.js';
import { stampValue } from './stamp.js';
import { OWNER_ID, Team, type UserObjectForm } from './team.js';
import type { Clock } from '../core/clock.js';
import { PRESENCES } from '../shared/domain.js';
import {
  DEFAULT_SCOPES,
  DEMO_FAULT_KINDS,
  DEMO_SCOPES,
  type DemoBusyView,
  type DemoCalendarEntry,
  type DemoCalendarEntryInput,
  type DemoControl,
  type DemoFault,
  type DemoPersonTruth,
  type DemoPersonUpdate,
  type DemoRequestLogEntry,
  type DemoScope,
  type MessengerView,
} from './types.js';
import { isKnownZone } from './zoned-time.js';

/*
 * The demo portal's state and the control surface tests (and /_demo/) use to steer it.
 * Every read first advances the simulation to the clock's now, so answers are always current.
 */
export const personUpdateSchema = z
  .object({
    presence: z.enum(PRESENCES).optional(),
    status: z.string().min(1).max(32).optional(),
    absentUntil: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'absentUntil must be YYYY-MM-DD')
      .nullable()
      .optional(),
    absentFrom: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'absentFrom must be YYYY-MM-DD')
      .optional(),
    name: z.string().max(200).optional(),
    firstName: z.string().max(100).optional(),
    lastName: z.string().max(100).optional(),
    position: z.string().max(200).nullable().optional(),
    desktop: z.boolean().optional(),
    timeZone: z
      .union([
        z.literal(''),
        z.string().refine(isKnownZone, 'timeZone must be an IANA zone Intl knows, or ""'),
      ])
      .optional(),
  })
  .strict()
  .refine((update) => !(update.presence === 'offline' && update.desktop === true), {
    message:
      'An offline person cannot have the desktop app running (a running app keeps the messenger connected)',
  })
  .refine((update) => update.absentFrom === undefined || typeof update.absentUntil === 'string', {
    message: 'absentFrom needs absentUntil (the last day off)',
  })
  .refine(
    (update) =>
      update.absentFrom === undefined ||
      typeof update.absentUntil !== 'string' ||
      update.absentFrom <= update.absentUntil,
    {
      message: 'absentFrom must not be after absentUntil',
    },
  );

export const scopesSchema = z.array(z.enum(DEMO_SCOPES)).max(DEMO_SCOPES.length);
export const dateFormatSchema = z.enum(DEMO_DATE_FORMATS);

export const dateOffsetSchema = z
  .number()
  .int('the offset is whole minutes')
  .min(-12 * 60)
  .max(14 * 60);

export const faultSchema = z
  .object({
    kind: z.enum(DEMO_FAULT_KINDS),
    // JSON cannot carry Infinity: null or "Infinity" mean "until cleared".
    count: z
      .union([
        z.number().int().min(1),
        z.custom<number>(
          (value) => value === Number.POSITIVE_INFINITY,
          'count must be a whole number >= 1 or Infinity',
        ),
        z.literal('Infinity'),
        z.null(),
      ])
      .optional()
      .transform((count) =>
        count === null || count === 'Infinity' ? Number.POSITIVE_INFINITY : count,
      ),
    method: z.string().min(1).optional(),
  })
  .strict();

const BEHAVIOUR_KEYS = ['presence', 'status', 'absentUntil', 'desktop'] as const;
/** Current portal: 'idle' is a messenger that disconnected this long ago. */
export const AWAY_SET_AGO_MS = 6 * MINUTE_MS;

type ValidUpdate = z.output<typeof personUpdateSchema>;

export class PortalState implements DemoControl {
  readonly ownerId = OWNER_ID;
  readonly team: Team;
  readonly simulation: Simulation;
  readonly credentials: Credentials;
  readonly faults = new FaultBook();
  readonly budget = new OperatingBudget();
  private readonly log: DemoRequestLogEntry[] = [];
  readonly legacy: boolean;
  readonly dateFormat: DemoDateFormat;
  readonly calendars: CalendarBook;
  private currentScopes: readonly DemoScope[];
  /** The UTC offset the portal writes its dates in (minutes). */
  dateOffsetMinutes = PORTAL_OFFSET_MINUTES;

  constructor(
    readonly clock: Clock,
    seed: number,
    teamSize: number,
    evolve: boolean,
    scheduleShiftMs = 0,
    options: {
      readonly legacy?: boolean;
      readonly dateFormat?: DemoDateFormat;
      readonly scopes?: readonly DemoScope[];
    } = {},
  ) {
    this.legacy = options.legacy ?? false;
    this.dateFormat = dateFormatSchema.parse(options.dateFormat ?? DEFAULT_DATE_FORMAT);
    this.currentScopes = scopesSchema.parse(options.scopes ?? DEFAULT_SCOPES);
    if (!Number.isInteger(teamSize) || teamSize < 0)
      throw new Error(`teamSize must be a whole number >= 0, got ${teamSize}`);
    const now = clock.now();
    this.team = new Team(seed, teamSize);
    this.simulation = new Simulation(seed, evolve, now, scheduleShiftMs);
    this.credentials = new Credentials(OWNER_ID, now, () => this.currentScopes);
    this.calendars = new CalendarBook(seed, this.team, now, scheduleShiftMs);
    // The owner is the person using the app: online in the browser, never simulated.
    setOnline(this.team.owner(), secondOf(now), false);
    for (const person of this.team.all())
      if (person.kind !== 'owner') this.simulation.enroll(person, now);
  }

  /** Brings the simulation up to the clock; returns the time it now stands at. */
  now(): number {
    const now = this.clock.now();
    this.simulation.advanceTo(now);
    return now;
  }

  teamIds(): number[] {
    return this.team.teamIds();
  }

  /** How the REST answers serialise user objects right now. */
  form(method: UserObjectForm['method']): UserObjectForm {
    return { method, legacy: this.legacy, offsetMinutes: this.dateOffsetMinutes };
  }

  userObject(id: number): Record<string, unknown> | null {
    const now = this.now();
    const person = this.team.get(id);
    return person ? this.team.userObject(person, now, this.form('list')) : null;
  }

  userGetObject(id: number): Record<string, unknown> | null {
    const now = this.now();
    const person = this.team.get(id);
    return person ? this.team.userObject(person, now, this.form('get')) : null;
  }

  truth(id: number, at?: number): DemoPersonTruth | null {
    const now = this.now();
    const person = this.team.get(id);
    if (!person) return null;
    const when = at ?? now;
    return {
      id,
      activity: person.activity,
      lastActivity: stampValue(person.lastActivity, when),
      mobileLast: stampValue(person.mobileLast, when),
      desktopLast: stampValue(person.desktopLast, when),
      desktopTicking: isDesktopTicking(person),
      idleSince: person.idleSince,
      status: person.status,
      leave: person.leave,
    };
  }

  expected(
    id: number,
    at?: number,
    options: { readonly onlineLimitS?: number } = {},
  ): MessengerView | null {
    return messengerPresence(this, id, at ?? this.now(), options);
  }

  setDateOffset(minutes: number): void {
    this.dateOffsetMinutes = dateOffsetSchema.parse(minutes);
  }

  updatePerson(id: number, update: DemoPersonUpdate): void {
    const valid = personUpdateSchema.parse(update);
    const person = this.team.get(id);
    if (!person) throw new Error(`No person with id ${id}`);
    const now = this.now();
    this.check(person, valid, now);
    // Sticky: a person the control API touched leaves the simulation and stays as set.
    this.simulation.pin(id);
    this.apply(person, valid, now);
  }

  addPerson(update: DemoPersonUpdate = {}): number {
    return this.addWith(update, (init) => this.team.addColleague(init));
  }

  addOutsider(update: DemoPersonUpdate = {}): number {
    return this.addWith(update, (init) => this.team.addOutsider(init));
  }

  removePerson(id: number): void {
    this.team.remove(id);
    this.simulation.forget(id);
    this.calendars.forget(id);
  }

  get scopes(): readonly DemoScope[] {
    return this.currentScopes;
  }

  setScopes(scopes: readonly DemoScope[]): void {
    this.currentScopes = [...new Set(scopesSchema.parse(scopes))];
  }

  calendarRoles(): Partial<Record<AnchorRole, number>> {
    const roles: Partial<Record<AnchorRole, number>> = {};
    for (const [id, role] of this.calendars.anchoredRoles())
      if (this.team.get(id)) roles[role] = id;
    return roles;
  }

  timeZone(id: number): string | null {
    return this.team.get(id)?.timeZone ?? null;
  }

  setCalendar(id: number, entries: readonly DemoCalendarEntryInput[]): void {
    this.calendars.set(this.person(id), entries);
  }

  resetCalendar(id: number): void {
    this.person(id);
    this.calendars.reset(id);
  }

  calendar(id: number, from: number, until: number): DemoCalendarEntry[] | null {
    const person = this.team.get(id);
    return person ? this.calendars.entries(person, from, until) : null;
  }

  expectedCalendar(
    id: number,
    at?: number,
    options: CalendarOracleOptions = {},
  ): DemoBusyView | null {
    return calendarView(this, id, at ?? this.now(), options);
  }

  private person(id: number): Person {
    const person = this.team.get(id);
    if (!person) throw new Error(`No person with id ${id}`);
    return person;
  }

  injectFault(fault: DemoFault): void {
    this.faults.inject(faultSchema.parse(fault));
  }

  clearFaults(): void {
    this.faults.clear();
  }

  revokeWebhook(): void {
    this.credentials.revokeWebhook();
  }

  restoreWebhook(): void {
    this.credentials.restoreWebhook();
  }

  expireAccessToken(): void {
    this.credentials.expireAccessTokens(this.clock.now());
  }

  get requestLog(): readonly DemoRequestLogEntry[] {
    return this.log;
  }

  clearRequestLog(): void {
    this.log.length = 0;
  }

  record(entry: DemoRequestLogEntry): void {
    this.log.push(entry);
  }

  private addWith(update: DemoPersonUpdate, create: (init: DemoPersonUpdate) => Person): number {
    const valid = personUpdateSchema.parse(update);
    const now = this.now();
    const person = create(valid);
    this.simulation.enroll(person, now);
    if (BEHAVIOUR_KEYS.some((key) => valid[key] !== undefined)) {
      try {
        this.check(person, valid, now);
      } catch (error) {
        this.removePerson(person.id);
        throw error;
      }
      this.simulation.pin(person.id);
      this.apply(person, valid, now);
    }
    return person.id;
  }

  /** Rejects an update before anything changes, so a bad one loses nothing. */
  private check(person: Person, update: ValidUpdate, now: number): void {
    this.checkUpdate(update, {
      idle: person.idleSince !== null && desktopRunningAt(person, now),
      disconnected: person.activity === 'disconnected',
      desktopTicking: isDesktopTicking(person),
    });
  }

  private checkUpdate(
    update: ValidUpdate,
    current: { idle: boolean; disconnected: boolean; desktopTicking: boolean },
  ): void {
    if (update.absentUntil) portalDateStart(update.absentUntil); // throws on 2026-02-31
    if (update.absentFrom) portalDateStart(update.absentFrom);
    const { presence, desktop } = update;
    if (presence === 'idle' && this.legacy && desktop === false) {
      throw new Error(
        'On a legacy portal an idle person needs the desktop app running (Bitrix24 reports idle only then)',
      );
    }
    if (presence === 'idle' && !this.legacy && desktop === true) {
      throw new Error(
        'On a current portal idle means the messenger disconnected: the desktop app cannot be running',
      );
    }
    if (presence === undefined && desktop === false && current.idle && this.legacy) {
      throw new Error('Cannot close the desktop app of an idle person: set another presence too');
    }
    if (presence === undefined && desktop === true && current.disconnected) {
      throw new Error(
        'Cannot start the desktop app of a disconnected (away or offline) person: set presence online, idle or mobile too',
      );
    }
  }

  private apply(person: Person, update: ValidUpdate, now: number): void {
    const second = secondOf(now);
    if (update.firstName !== undefined) person.firstName = update.firstName;
    if (update.lastName !== undefined) person.lastName = update.lastName;
    if (update.name !== undefined) person.nameOverride = update.name;
    if (update.position !== undefined) person.position = update.position;
    if (update.status !== undefined) person.status = update.status;
    if (update.timeZone !== undefined) person.timeZone = update.timeZone;
    if (update.absentUntil !== undefined) {
      const today = portalDate(now);
      const to = update.absentUntil;
      person.leave =
        to === null ? null : { from: update.absentFrom ?? (to < today ? to : today), to };
    }
    const desktop = update.desktop ?? isDesktopTicking(person);
    switch (update.presence) {
      case 'online':
        setOnline(person, second, desktop);
        return;
      case 'mobile':
        setMobile(person, second, desktop);
        return;
      case 'idle':
        if (this.legacy) setDesktopIdle(person, second);
        else setDisconnected(person, second, second - AWAY_SET_AGO_MS);
        return;
      case 'offline': {
        const latestAllowed = second - (CLASSIC_ONLINE_LIMIT_S + 60) * 1000;
        const last = stampValue(person.lastActivity, second);
        setDisconnected(
          person,
          second,
          last !== null && last <= latestAllowed ? last : latestAllowed,
        );
        return;
      }
      case undefined:
        if (update.desktop !== undefined) {
          setDesktop(person, update.desktop, second);
          if (!update.desktop) person.idleSince = null;
        }
        return;
    }
  }
}

function secondOf(at: number): number {
  return Math.floor(at / 1000) * 1000;
}
