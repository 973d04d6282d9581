import {
  COMPANY_DEPARTMENT,
  fullName,
  generateColor,
  generateDepartments,
  generateIdentity,
  generatePosition,
  type DepartmentSeed,
  type Gender,
} from './names.js';
import { lastDayOffAt } from './oracle.js';
import {
  desktopRunningAt,
  newPersonState,
  type Leave,
  type Person,
  type PersonKind,
} from './person.js';
import {
  atom,
  DAY_MS,
  PORTAL_OFFSET_MINUTES,
  PORTAL_TIME_ZONE,
  portalDateStart,
} from './portal-time.js';
import { chance, createRng, deriveSeed, pick, randInt, type Rng } from './random.js';
import { stampValue } from './stamp.js';

/*
 * The people of the demo portal: the webhook's owner (id 1), the owner's colleagues (the team)
 * and outsiders reachable only by id. Identities are deterministic from the seed and the id.
 */
export const OWNER_ID = 1;

/**
 * People on the portal outside the owner's team: "Also watch" finds them by name
 * (im.search.user.list) or by id, as on a real portal where the team is a few of many.
 */
export const DEMO_OUTSIDERS = 12;

/** Fresh identities tried per person before a full name may repeat (a big team exhausts the pools). */
const UNIQUE_NAME_TRIES = 20;

export interface Department extends DepartmentSeed {
  readonly managerUserId: number;
}

export interface PersonInit {
  readonly timeZone?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly name?: string;
  readonly position?: string | null;
}

/** Colleagues abroad, by their slot in every twenty (see pickTimeZone). */
export const FOREIGN_ZONES_BY_SLOT: ReadonlyMap<number, string> = new Map([
  [3, 'Europe/Berlin'],
  [9, 'America/New_York'],
  [14, 'Asia/Tokyo'],
]);

/** The portal's placeholder picture, sent as `avatar_hr` for people without a photo. */
export const BLANK_AVATAR_PATH = '/bitrix/js/im/images/blank.gif';

/** How an answer is serialised: which method form, which portal generation, which offset. */
export interface UserObjectForm {
  /** 'list': colleagues.list, user.list.get, department.get; 'get': im.user.get. */
  readonly method: 'list' | 'get';
  readonly legacy: boolean;
  readonly offsetMinutes?: number;
}

export class Team {
  private readonly people = new Map<number, Person>();
  private readonly colleagueIds: number[] = [];
  private readonly departmentSeeds: DepartmentSeed[];
  private readonly outsiderDepartment: DepartmentSeed;
  private readonly managers = new Map<number, number>();
  /** Full names given so far: the demo never shows two people of the same name while it can help it. */
  private readonly fullNames = new Set<string>();
  private nextId: number;
  private origin = '';

  constructor(
    private readonly seed: number,
    teamSize: number,
  ) {
    const rng = createRng(deriveSeed(seed, 0, 1));
    this.departmentSeeds = generateDepartments(rng);
    const lastDepartment =
      this.departmentSeeds[this.departmentSeeds.length - 1] ?? COMPANY_DEPARTMENT;
    this.outsiderDepartment = { id: lastDepartment.id + 7, name: 'Regional office' };
    this.add('owner', OWNER_ID, [COMPANY_DEPARTMENT.id], {});
    this.managers.set(COMPANY_DEPARTMENT.id, OWNER_ID);
    let id = OWNER_ID;
    for (let index = 0; index < teamSize; index++) {
      id += randInt(rng, 1, 3); // real portals have gaps: deleted users, bots, extranet
      this.add('colleague', id, this.pickDepartments(rng), {});
    }
    // Outsiders after the team, from a stream of their own: the team is the same as without them.
    const outsiderRng = createRng(deriveSeed(seed, 0, 6));
    for (let index = 0; index < DEMO_OUTSIDERS; index++) {
      id += randInt(outsiderRng, 1, 3);
      this.add('outsider', id, [this.outsiderDepartment.id], {});
    }
    this.nextId = id + 1;
  }

  /** Avatar URLs point at the demo itself, which only knows its origin once it listens. */
  setOrigin(origin: string): void {
    this.origin = origin;
  }

  get(id: number): Person | undefined {
    return this.people.get(id);
  }

  owner(): Person {
    const owner = this.people.get(OWNER_ID);
    if (!owner) throw new Error('The demo portal lost its owner');
    return owner;
  }

  /** Colleagues in portal order (the order im.department.colleagues.list pages through). */
  teamIds(): number[] {
    return [...this.colleagueIds];
  }

  colleagueCount(): number {
    return this.colleagueIds.length;
  }

  colleaguePage(offset: number, limit: number): Person[] {
    return this.colleagueIds
      .slice(offset, offset + limit)
      .map((id) => this.people.get(id) as Person);
  }

  all(): IterableIterator<Person> {
    return this.people.values();
  }

  addColleague(init: PersonInit): Person {
    const rng = createRng(deriveSeed(this.seed, this.nextId, 2));
    return this.add('colleague', this.nextId++, this.pickDepartments(rng), init);
  }

  addOutsider(init: PersonInit): Person {
    return this.add('outsider', this.nextId++, [this.outsiderDepartment.id], init);
  }

  remove(id: number): void {
    const person = this.people.get(id);
    if (!person) throw new Error(`No person with id ${id}`);
    if (person.kind === 'owner') throw new Error('The owner of the webhook cannot be removed');
    this.people.delete(id);
    const at = this.colleagueIds.indexOf(id);
    if (at >= 0) this.colleagueIds.splice(at, 1);
  }

  departments(): Department[] {
    return [COMPANY_DEPARTMENT, ...this.departmentSeeds, this.outsiderDepartment].map(
      (department) => ({
        ...department,
        managerUserId: this.managers.get(department.id) ?? 0,
      }),
    );
  }

  /**
   * The user object as the im.* methods return it at `now` (field order as Bitrix24 sends it).
   * A current portal hides most presence fields: status "online", idle and mobile_last_date
   * false, desktop_last_date false in the list methods (real in im.user.get).
   */
  userObject(
    person: Person,
    now: number,
    form: UserObjectForm = { method: 'list', legacy: false },
  ): Record<string, unknown> {
    const offset = form.offsetMinutes ?? PORTAL_OFFSET_MINUTES;
    const date = (value: number | null): string | false =>
      value === null ? false : atom(value, offset);
    const legacy = form.legacy;
    const lastActivity = date(stampValue(person.lastActivity, now));
    const mobileLast = legacy ? date(stampValue(person.mobileLast, now)) : false;
    const desktopLast =
      legacy || form.method === 'get' ? date(stampValue(person.desktopLast, now)) : false;
    // The server reports the idle date only while the desktop app is running.
    const idle =
      legacy && person.idleSince !== null && desktopRunningAt(person, now)
        ? date(person.idleSince)
        : false;
    const avatar = person.hasAvatar && this.origin ? `${this.origin}/avatars/${person.id}.svg` : '';
    const avatarHr = legacy || avatar !== '' ? avatar : `${this.origin}${BLANK_AVATAR_PATH}`;
    return {
      id: person.id,
      active: true,
      name: person.nameOverride ?? fullName(person.firstName, person.lastName),
      first_name: person.firstName,
      last_name: person.lastName,
      work_position: person.position,
      color: person.color,
      avatar,
      avatar_hr: avatarHr,
      gender: person.gender,
      birthday: person.birthday,
      extranet: false,
      network: false,
      bot: false,
      connector: false,
      external_auth_id: 'default',
      status: legacy ? person.status : 'online',
      idle,
      last_activity_date: lastActivity,
      mobile_last_date: mobileLast,
      desktop_last_date: desktopLast,
      absent: absentValue(person.leave, now, offset),
      departments: [...person.departments],
      phones: person.phones === false ? false : { ...person.phones },
      bot_data: null,
      type: 'user',
      website: '',
      email: person.email,
    };
  }

  /**
   * TIME_ZONE: most of the team is on the portal's zone (stored, or '' for "portal default");
   * every twentieth colleague from the fourth, tenth and fifteenth is abroad, so any team of 15
   * or more has colleagues in three other zones (two with daylight saving).
   */
  private pickTimeZone(kind: PersonKind, rng: Rng): string {
    const abroad =
      kind === 'colleague' ? FOREIGN_ZONES_BY_SLOT.get(this.colleagueIds.length % 20) : undefined;
    if (abroad) return abroad;
    if (kind === 'outsider' && chance(rng, 0.3))
      return pick(rng, [...FOREIGN_ZONES_BY_SLOT.values()]);
    return chance(rng, 0.6) ? '' : PORTAL_TIME_ZONE;
  }

  private pickDepartments(rng: Rng): number[] {
    const main = pick(rng, this.departmentSeeds).id;
    if (!chance(rng, 0.05)) return [main];
    const second = pick(rng, this.departmentSeeds).id;
    return second === main ? [main] : [main, second];
  }

  private add(kind: PersonKind, id: number, departments: number[], init: PersonInit): Person {
    const rng = createRng(deriveSeed(this.seed, id, 3));
    let identity = generateIdentity(rng);
    // Another identity (from its own stream, so the rest of this person stays as seeded) while the name is taken.
    for (
      let attempt = 1;
      attempt <= UNIQUE_NAME_TRIES &&
      this.fullNames.has(fullName(identity.firstName, identity.lastName));
      attempt++
    ) {
      identity = generateIdentity(createRng(deriveSeed(this.seed, id, 100 + attempt)));
    }
    const gender: Gender = identity.gender;
    const person: Person = {
      id,
      kind,
      firstName: init.firstName ?? identity.firstName,
      lastName: init.lastName ?? identity.lastName,
      nameOverride: init.name ?? null,
      position:
        init.position !== undefined
          ? init.position
          : kind === 'owner'
            ? 'Head of the company'
            : generatePosition(rng),
      gender,
      color: generateColor(rng),
      hasAvatar: chance(rng, 0.4),
      birthday: chance(rng, 0.7) ? `${pad(randInt(rng, 1, 28))}-${pad(randInt(rng, 1, 12))}` : '',
      email: `user${id}@b24-demo.test`,
      phones: chance(rng, 0.5)
        ? {
            personal_mobile: `+7 9${randInt(rng, 10, 99)} ${randInt(rng, 100, 999)}-${randInt(rng, 10, 99)}-${randInt(rng, 10, 99)}`,
            inner_phone: String(randInt(rng, 100, 999)),
          }
        : false,
      departments,
      status: 'online',
      leave: null,
      timeZone: init.timeZone ?? this.pickTimeZone(kind, createRng(deriveSeed(this.seed, id, 6))),
      activityStepMs: randInt(rng, 60, 240) * 1000,
      ...newPersonState(),
    };
    // About one in ten has no position: real portals send null then.
    if (
      init.position === undefined &&
      kind !== 'owner' &&
      chance(createRng(deriveSeed(this.seed, id, 5)), 0.1)
    )
      person.position = null;
    this.people.set(id, person);
    this.fullNames.add(person.nameOverride ?? fullName(person.firstName, person.lastName));
    if (kind === 'colleague') {
      this.colleagueIds.push(id);
      for (const department of departments)
        if (!this.managers.has(department)) this.managers.set(department, id);
    }
    return person;
  }
}

/**
 * `absent` is the moment the leave ends, the midnight after its last day off (portal calendar),
 * sent while now is within the leave; false otherwise (before it starts too).
 */
function absentValue(leave: Leave | null, now: number, offsetMinutes: number): string | false {
  const lastDay = lastDayOffAt(leave, now);
  return lastDay === null ? false : atom(portalDateStart(lastDay) + DAY_MS, offsetMinutes);
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
