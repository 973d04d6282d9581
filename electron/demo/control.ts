import { z } from 'zod';
import { Credentials } from './auth.js';
import { FaultBook } from './faults.js';
import { setDesktop, setExactPresence, type Person } from './person.js';
import { portalDateStart } from './portal-time.js';
import { OperatingBudget } from './rate-limit.js';
import { Simulation } from './simulation.js';
import { OWNER_ID, Team } from './team.js';
import type { Clock } from '../core/clock.js';
import type { DemoControl, DemoFault, DemoPersonUpdate, DemoRequestLogEntry } from './types.js';

/**
 * The demo portal's state and the control surface tests (and /_demo/) use to steer it.
 * Every read first advances the simulation to the clock's now, so answers are always current.
 */
export const personUpdateSchema = z
  .object({
    presence: z.enum(['online', 'idle', 'mobile', 'offline']).optional(),
    status: z.string().min(1).max(32).optional(),
    absentUntil: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'absentUntil must be YYYY-MM-DD')
      .nullable()
      .optional(),
    name: z.string().max(200).optional(),
    firstName: z.string().max(100).optional(),
    lastName: z.string().max(100).optional(),
    position: z.string().max(200).optional(),
    desktop: z.boolean().optional(),
  })
  .strict()
  .refine((update) => !(update.presence === 'idle' && update.desktop === false), {
    message: 'An idle person needs the desktop app running (Bitrix24 reports idle only then)',
  });

export const faultSchema = z
  .object({
    kind: z.enum(['rate-limit', 'overload', 'operation-limit', 'server-error', 'html', 'malformed-json', 'empty-body', 'wrong-shape', 'reset', 'hang', 'redirect']),
    // JSON cannot carry Infinity: null or "Infinity" mean "until cleared".
    count: z
      .union([
        z.number().int().min(1),
        z.custom<number>((value) => value === Number.POSITIVE_INFINITY, 'count must be a whole number >= 1 or Infinity'),
        z.literal('Infinity'),
        z.null(),
      ])
      .optional()
      .transform((count) => (count === null || count === 'Infinity' ? Number.POSITIVE_INFINITY : count)),
    method: z.string().min(1).optional(),
  })
  .strict();

const BEHAVIOUR_KEYS = ['presence', 'status', 'absentUntil', 'desktop'] as const;

export class PortalState implements DemoControl {
  readonly ownerId = OWNER_ID;
  readonly team: Team;
  readonly simulation: Simulation;
  readonly credentials: Credentials;
  readonly faults = new FaultBook();
  readonly budget = new OperatingBudget();
  private readonly log: DemoRequestLogEntry[] = [];

  constructor(
    readonly clock: Clock,
    seed: number,
    teamSize: number,
    evolve: boolean,
    scheduleShiftMs = 0,
  ) {
    if (!Number.isInteger(teamSize) || teamSize < 0) throw new Error(`teamSize must be a whole number >= 0, got ${teamSize}`);
    const now = clock.now();
    this.team = new Team(seed, teamSize);
    this.simulation = new Simulation(seed, evolve, now, scheduleShiftMs);
    this.credentials = new Credentials(OWNER_ID, now);
    // The owner is the person using the app: online in the browser, never simulated.
    setExactPresence(this.team.owner(), 'online', now, false);
    for (const person of this.team.all()) if (person.kind !== 'owner') this.simulation.enroll(person, now);
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

  userObject(id: number): Record<string, unknown> | null {
    const now = this.now();
    const person = this.team.get(id);
    return person ? this.team.userObject(person, now) : null;
  }

  updatePerson(id: number, update: DemoPersonUpdate): void {
    const valid = personUpdateSchema.parse(update);
    const person = this.team.get(id);
    if (!person) throw new Error(`No person with id ${id}`);
    const now = this.now();
    this.check(person, valid);
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
    if (valid.absentUntil) portalDateStart(valid.absentUntil);
    const now = this.now();
    const person = create(valid);
    this.simulation.enroll(person, now);
    if (BEHAVIOUR_KEYS.some((key) => valid[key] !== undefined)) {
      this.simulation.pin(person.id);
      this.apply(person, valid, now);
    }
    return person.id;
  }

  /** Rejects an update before anything changes, so a bad one loses nothing. */
  private check(person: Person, update: z.output<typeof personUpdateSchema>): void {
    if (update.absentUntil) portalDateStart(update.absentUntil); // throws on 2026-02-31
    if (update.presence === undefined && update.desktop === false && person.idleSince !== null) {
      throw new Error('Cannot close the desktop app of an idle person: set another presence too');
    }
  }

  private apply(person: Person, update: z.output<typeof personUpdateSchema>, now: number): void {
    if (update.firstName !== undefined) person.firstName = update.firstName;
    if (update.lastName !== undefined) person.lastName = update.lastName;
    if (update.name !== undefined) person.nameOverride = update.name;
    if (update.position !== undefined) person.position = update.position;
    if (update.status !== undefined) person.status = update.status;
    if (update.absentUntil !== undefined) person.absentUntil = update.absentUntil;
    if (update.presence !== undefined) setExactPresence(person, update.presence, now, update.desktop);
    else if (update.desktop !== undefined) setDesktop(person, update.desktop, now);
  }
}
