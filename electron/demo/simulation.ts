import { DESKTOP_STEP_MS, goIdle, goMobile, goOffline, goOnline, type Person } from './person.js';
import { DAY_MS, MINUTE_MS, portalDate, portalMidnight, portalWeekday } from './portal-time.js';
import { chance, createRng, deriveSeed, pickWeighted, randBetween, randInt, weightedTable, type Rng, type WeightedTable } from './random.js';
import { frozenAt, tickingFrom } from './stamp.js';

/**
 * How the demo team behaves over time: people arrive in the morning, work (online, idle at the
 * desktop, on the phone, in DND or on a break), leave in the evening, sometimes check the phone
 * at night and sometimes go on leave.
 *
 * Evaluated lazily and per person: every agent has the time of its next change and its own
 * random stream, so advancing to any time replays the same history whatever the request
 * pattern was, and a quiet stretch costs nothing. Refreshing dates are anchors (see stamp.ts),
 * not events, so a simulated week is a handful of events per person per day.
 */
interface Traits {
  /** Minutes after portal midnight the working day usually starts. */
  readonly arrivalMinute: number;
  readonly workMinutes: number;
  readonly usesDesktop: boolean;
  readonly mobileHeavy: boolean;
  readonly worksWeekends: boolean;
  /** Never logged in: every date false. Real portals have such people. */
  readonly neverSeen: boolean;
}

type Phase = 'off' | 'work' | 'evening-check';

interface Agent {
  readonly person: Person;
  readonly rng: Rng;
  readonly traits: Traits;
  phase: Phase;
  workEndsAt: number;
  nextAt: number;
}

const LEAVE_START_PER_DAY = 0.004;

type WorkActivity = 'online' | 'idle' | 'mobile' | 'status';
const activityTable = (usesDesktop: boolean, mobileHeavy: boolean): WeightedTable<WorkActivity> =>
  weightedTable({ online: 50, idle: usesDesktop ? 20 : 0, mobile: mobileHeavy ? 35 : 10, status: 8 });
const ACTIVITY_TABLES = {
  desktop: activityTable(true, false),
  desktopMobile: activityTable(true, true),
  web: activityTable(false, false),
  webMobile: activityTable(false, true),
};
const CHOSEN_STATUSES = weightedTable({ dnd: 3, away: 2, break: 2 });

export class Simulation {
  private readonly agents = new Map<number, Agent>();
  private earliest = Number.POSITIVE_INFINITY;
  private simulatedUpTo: number;
  /** Events fired so far (for the performance report). */
  eventsFired = 0;

  /**
   * @param scheduleShiftMs moves the team's office hours relative to the clock: the schedule
   *   reads the time as `now + shift`, while every date the portal sends stays real. The app's
   *   demo uses it so the team is at work whenever someone tries it; tests keep 0.
   */
  constructor(
    private readonly seed: number,
    private readonly evolve: boolean,
    start: number,
    private readonly scheduleShiftMs = 0,
  ) {
    this.simulatedUpTo = start;
  }

  /** Start of the schedule's day containing `at` (portal time, shifted), as a real instant. */
  private midnight(at: number): number {
    return portalMidnight(at + this.scheduleShiftMs) - this.scheduleShiftMs;
  }

  private weekday(dayStart: number): number {
    return portalWeekday(dayStart + this.scheduleShiftMs);
  }

  /** Puts a person into the simulation, in the state they would be in at `at`. */
  enroll(person: Person, at: number): void {
    const rng = createRng(deriveSeed(this.seed, person.id, 4));
    const traits: Traits = {
      arrivalMinute: randInt(rng, 8 * 60, 10 * 60 + 30),
      workMinutes: randInt(rng, 7 * 60 + 30, 9 * 60 + 30),
      usesDesktop: chance(rng, 0.7),
      mobileHeavy: chance(rng, 0.2),
      worksWeekends: chance(rng, 0.05),
      neverSeen: person.kind === 'colleague' && chance(rng, 0.01),
    };
    const agent: Agent = { person, rng, traits, phase: 'off', workEndsAt: 0, nextAt: Number.POSITIVE_INFINITY };
    this.agents.set(person.id, agent);
    this.initialise(agent, at);
    if (!this.evolve || traits.neverSeen) agent.nextAt = Number.POSITIVE_INFINITY;
    this.earliest = Math.min(this.earliest, agent.nextAt);
  }

  /** Takes a person out of the simulation: the control API set them, and they stay as set. */
  pin(id: number): void {
    const agent = this.agents.get(id);
    if (agent) agent.nextAt = Number.POSITIVE_INFINITY;
  }

  forget(id: number): void {
    this.agents.delete(id);
  }

  /** Replays every change due up to `now`. */
  advanceTo(now: number): void {
    if (now <= this.simulatedUpTo) return;
    this.simulatedUpTo = now;
    if (now < this.earliest) return;
    let earliest = Number.POSITIVE_INFINITY;
    for (const agent of this.agents.values()) {
      while (agent.nextAt <= now) {
        this.fire(agent, agent.nextAt);
        this.eventsFired++;
      }
      if (agent.nextAt < earliest) earliest = agent.nextAt;
    }
    this.earliest = earliest;
  }

  private initialise(agent: Agent, at: number): void {
    const { person, rng, traits } = agent;
    if (traits.neverSeen) return;
    if (person.kind === 'colleague' && chance(rng, 0.03)) {
      person.absentUntil = portalDate(at + randInt(rng, 1, 10) * DAY_MS);
      person.lastActivity = frozenAt(this.lastDeparture(agent, at));
      agent.nextAt = this.nextArrival(agent, this.midnight(at) + DAY_MS);
      return;
    }
    const day = this.midnight(at);
    const arrival = day + traits.arrivalMinute * MINUTE_MS + randInt(rng, -15, 15) * MINUTE_MS;
    const end = arrival + traits.workMinutes * MINUTE_MS;
    if (this.isWorkday(agent, day) && arrival <= at && at < end) {
      agent.phase = 'work';
      agent.workEndsAt = end;
      // As if they had been active since arrival: the refresh steps line up with that past.
      person.lastActivity = tickingFrom(arrival, person.activityStepMs);
      if (traits.usesDesktop) person.desktopLast = tickingFrom(arrival, DESKTOP_STEP_MS);
      // The current activity began a little before the portal started.
      this.chooseWorkActivity(agent, Math.max(arrival, at - randInt(rng, 1, 40) * MINUTE_MS));
      agent.nextAt = Math.min(end, at + randInt(rng, 5, 60) * MINUTE_MS);
      return;
    }
    person.lastActivity = frozenAt(this.lastDeparture(agent, at));
    if (traits.usesDesktop) person.desktopLast = person.lastActivity;
    if (traits.mobileHeavy) person.mobileLast = person.lastActivity;
    agent.nextAt = at < arrival && this.isWorkday(agent, day) ? arrival : this.nextArrival(agent, day + DAY_MS);
  }

  private fire(agent: Agent, at: number): void {
    const { person, rng, traits } = agent;
    switch (agent.phase) {
      case 'off': {
        if (person.absentUntil !== null && portalDate(at) <= person.absentUntil) {
          agent.nextAt = this.nextArrival(agent, this.midnight(at) + DAY_MS);
          return;
        }
        person.absentUntil = null;
        if (person.kind === 'colleague' && chance(rng, LEAVE_START_PER_DAY)) {
          person.absentUntil = portalDate(at + randInt(rng, 0, 9) * DAY_MS);
          agent.nextAt = this.nextArrival(agent, this.midnight(at) + DAY_MS);
          return;
        }
        agent.phase = 'work';
        agent.workEndsAt = at + (traits.workMinutes + randInt(rng, -30, 30)) * MINUTE_MS;
        if (chance(rng, 0.15)) goMobile(person, at); // answering chats on the way in
        else goOnline(person, at, traits.usesDesktop);
        agent.nextAt = Math.min(agent.workEndsAt, at + randInt(rng, 10, 40) * MINUTE_MS);
        return;
      }
      case 'work': {
        if (at >= agent.workEndsAt) {
          goOffline(person, at);
          if (person.status !== 'online' && chance(rng, 0.7)) person.status = 'online';
          if (chance(rng, 0.1)) {
            agent.phase = 'evening-check';
            agent.nextAt = at + randInt(rng, 60, 240) * MINUTE_MS;
          } else {
            agent.phase = 'off';
            agent.nextAt = this.nextArrival(agent, this.midnight(at) + DAY_MS);
          }
          return;
        }
        this.chooseWorkActivity(agent, at);
        agent.nextAt = Math.min(agent.workEndsAt, at + randInt(rng, 10, 75) * MINUTE_MS);
        return;
      }
      case 'evening-check': {
        // A short look at the phone in the evening, then offline again.
        if (person.mobileLast.ticking) {
          goOffline(person, at);
          agent.phase = 'off';
          agent.nextAt = this.nextArrival(agent, this.midnight(at) + DAY_MS);
        } else {
          goMobile(person, at);
          agent.nextAt = at + randInt(rng, 3, 15) * MINUTE_MS;
        }
        return;
      }
    }
  }

  private chooseWorkActivity(agent: Agent, at: number): void {
    const { person, rng, traits } = agent;
    if (person.status !== 'online' && chance(rng, 0.6)) person.status = 'online';
    const table = traits.usesDesktop
      ? traits.mobileHeavy ? ACTIVITY_TABLES.desktopMobile : ACTIVITY_TABLES.desktop
      : traits.mobileHeavy ? ACTIVITY_TABLES.webMobile : ACTIVITY_TABLES.web;
    const activity = pickWeighted(rng, table);
    switch (activity) {
      case 'idle':
        goIdle(person, at);
        return;
      case 'mobile':
        goMobile(person, at);
        return;
      case 'status':
        person.status = pickWeighted(rng, CHOSEN_STATUSES);
        goOnline(person, at, traits.usesDesktop);
        return;
      case 'online':
        goOnline(person, at, traits.usesDesktop);
        return;
    }
  }

  private isWorkday(agent: Agent, dayStart: number): boolean {
    const weekday = this.weekday(dayStart);
    return (weekday >= 1 && weekday <= 5) || (agent.traits.worksWeekends && chance(agent.rng, 0.5));
  }

  /** Arrival on the first workday starting at `fromDay` (a portal midnight). */
  private nextArrival(agent: Agent, fromDay: number): number {
    let day = fromDay;
    while (!this.isWorkday(agent, day)) day += DAY_MS;
    return day + agent.traits.arrivalMinute * MINUTE_MS + randInt(agent.rng, -20, 20) * MINUTE_MS;
  }

  /** When the person plausibly left work last time before `at` (for the initial offline state). */
  private lastDeparture(agent: Agent, at: number): number {
    const { traits, rng } = agent;
    let day = this.midnight(at);
    for (let back = 0; back < 14; back++) {
      const end = day + (traits.arrivalMinute + traits.workMinutes) * MINUTE_MS;
      if (end < at && this.weekday(day) >= 1 && this.weekday(day) <= 5) {
        return end - Math.floor(randBetween(rng, 0, 40)) * MINUTE_MS;
      }
      day -= DAY_MS;
    }
    return at - 14 * DAY_MS;
  }
}
