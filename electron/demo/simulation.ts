import {
  DESKTOP_STEP_MS,
  goActing,
  goConnected,
  goDisconnected,
  goMobile,
  type Person,
} from './person.js';
import {
  DAY_MS,
  MINUTE_MS,
  portalDate,
  portalDateStart,
  portalMidnight,
  portalWeekday,
} from './portal-time.js';
import {
  chance,
  createRng,
  deriveSeed,
  pickWeighted,
  randBetween,
  randInt,
  weightedTable,
  type Rng,
} from './random.js';
import { frozenAt, tickingFrom } from './stamp.js';

/**
 * How the demo team behaves over time, as server-side truth: people arrive in the morning and
 * act at their computer, sit with the messenger connected but not acting, close the laptop for
 * meetings and lunch (5–60 min: some come back within the online limit, some go offline and
 * return), check the phone, leave in the evening (a few look at the phone later), and take
 * leave (booked ahead, so leaves are current and upcoming).
 *
 * Evaluated lazily and per person: every agent has the time of its next change and its own
 * random stream, so advancing to any time replays the same history whatever the request
 * pattern was, and a quiet stretch costs nothing. Refreshing dates are anchors (see stamp.ts),
 * not events: a simulated day is about fifteen events per person.
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
  hadLunch: boolean;
  nextAt: number;
}

/** Chance per working day that someone books a leave (starting 3–20 days later). */
const LEAVE_BOOKING_PER_DAY = 0.01;
const LUNCH_FROM_MINUTE = 12 * 60 + 30;

type Episode = 'act' | 'sit' | 'meeting' | 'phone';
const EPISODES = {
  plain: weightedTable<Episode>({ act: 45, sit: 25, meeting: 15, phone: 10 }),
  mobileHeavy: weightedTable<Episode>({ act: 40, sit: 20, meeting: 15, phone: 30 }),
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
    const agent: Agent = {
      person,
      rng,
      traits,
      phase: 'off',
      workEndsAt: 0,
      hadLunch: false,
      nextAt: Number.POSITIVE_INFINITY,
    };
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
    const today = portalDate(at);
    if (person.kind === 'colleague') {
      const roll = randBetween(rng, 0, 1);
      if (roll < 0.08) {
        person.leave = {
          from: shiftDate(today, -randInt(rng, 0, 6)),
          to: shiftDate(today, randInt(rng, 0, 9)),
        };
      } else if (roll < 0.13) {
        const from = shiftDate(today, randInt(rng, 1, 14));
        person.leave = { from, to: shiftDate(from, randInt(rng, 0, 9)) };
      }
    }
    const day = this.midnight(at);
    const arrival = day + traits.arrivalMinute * MINUTE_MS + randInt(rng, -15, 15) * MINUTE_MS;
    const end = arrival + traits.workMinutes * MINUTE_MS;
    if (!this.onLeave(person, at) && this.isWorkday(agent, day) && arrival <= at && at < end) {
      agent.phase = 'work';
      agent.workEndsAt = end;
      // As if they had been at it since arrival: the refresh steps line up with that past.
      person.activity = 'acting';
      person.lastActivity = tickingFrom(arrival, person.activityStepMs);
      if (traits.usesDesktop) person.desktopLast = tickingFrom(arrival, DESKTOP_STEP_MS);
      agent.hadLunch = this.minuteOfDay(at) > LUNCH_FROM_MINUTE + 90;
      // The current episode began a little before the portal started.
      const began = Math.max(arrival, at - randInt(rng, 1, 40) * MINUTE_MS);
      const until = this.startEpisode(agent, began);
      agent.nextAt = Math.min(end, Math.max(until, at + MINUTE_MS));
      return;
    }
    person.activity = 'disconnected';
    person.lastActivity = frozenAt(this.lastDeparture(agent, at));
    if (traits.usesDesktop) person.desktopLast = person.lastActivity;
    if (traits.mobileHeavy) person.mobileLast = person.lastActivity;
    agent.nextAt =
      at < arrival && this.isWorkday(agent, day) ? arrival : this.nextArrival(agent, day + DAY_MS);
  }

  private fire(agent: Agent, at: number): void {
    const { person, rng, traits } = agent;
    switch (agent.phase) {
      case 'off': {
        if (person.leave !== null && portalDate(at) > person.leave.to) person.leave = null;
        if (this.onLeave(person, at)) {
          agent.nextAt = this.nextArrival(agent, this.midnight(at) + DAY_MS);
          return;
        }
        if (
          person.kind === 'colleague' &&
          person.leave === null &&
          chance(rng, LEAVE_BOOKING_PER_DAY)
        ) {
          const from = shiftDate(portalDate(at), randInt(rng, 3, 20));
          person.leave = { from, to: shiftDate(from, randInt(rng, 0, 9)) };
        }
        agent.phase = 'work';
        agent.hadLunch = false;
        agent.workEndsAt = at + (traits.workMinutes + randInt(rng, -30, 30)) * MINUTE_MS;
        let until: number;
        if (chance(rng, 0.15)) {
          goMobile(person, at); // answering chats on the way in
          until = at + randInt(rng, 5, 20) * MINUTE_MS;
        } else {
          goActing(person, at, traits.usesDesktop);
          until = at + randInt(rng, 10, 40) * MINUTE_MS;
        }
        agent.nextAt = Math.min(agent.workEndsAt, until);
        return;
      }
      case 'work': {
        if (at >= agent.workEndsAt) {
          goDisconnected(person, at);
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
        agent.nextAt = Math.min(agent.workEndsAt, this.startEpisode(agent, at));
        return;
      }
      case 'evening-check': {
        // A short look at the phone in the evening, then offline again.
        if (person.activity === 'mobile') {
          goDisconnected(person, at);
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

  /** Begins the next stretch of the working day at `at`; returns when it ends. */
  private startEpisode(agent: Agent, at: number): number {
    const { person, rng, traits } = agent;
    if (person.status !== 'online' && chance(rng, 0.5)) person.status = 'online';
    else if (person.status === 'online' && chance(rng, 0.06))
      person.status = pickWeighted(rng, CHOSEN_STATUSES);
    if (!agent.hadLunch && this.minuteOfDay(at) >= LUNCH_FROM_MINUTE) {
      agent.hadLunch = true;
      if (chance(rng, 0.8)) {
        goDisconnected(person, at);
        return at + randInt(rng, 25, 60) * MINUTE_MS;
      }
    }
    switch (pickWeighted(rng, traits.mobileHeavy ? EPISODES.mobileHeavy : EPISODES.plain)) {
      case 'act':
        goActing(person, at, traits.usesDesktop);
        return at + randInt(rng, 15, 75) * MINUTE_MS;
      case 'sit':
        // Reading, thinking, on a call at the desk: connected, not acting.
        goConnected(person, at, traits.usesDesktop);
        return at + randInt(rng, 10, 50) * MINUTE_MS;
      case 'meeting':
        // Laptop closed: some are back within the online limit, some go offline meanwhile.
        goDisconnected(person, at);
        return at + randInt(rng, 5, 60) * MINUTE_MS;
      case 'phone':
        goMobile(person, at, traits.usesDesktop && chance(rng, 0.5));
        return at + randInt(rng, 3, 15) * MINUTE_MS;
    }
  }

  private minuteOfDay(at: number): number {
    return Math.floor((at - this.midnight(at)) / MINUTE_MS);
  }

  private onLeave(person: Person, at: number): boolean {
    if (person.leave === null) return false;
    const today = portalDate(at);
    return person.leave.from <= today && today <= person.leave.to;
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

/** A portal calendar date moved by whole days. */
function shiftDate(date: string, days: number): string {
  return portalDate(portalDateStart(date) + days * DAY_MS + 12 * 3_600_000);
}
