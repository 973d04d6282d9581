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
import { newPersonState, type Person, type PersonKind } from './person.js';
import { atom, DAY_MS, portalDateStart } from './portal-time.js';
import { desktopRunning } from './presence-rules.js';
import { chance, createRng, deriveSeed, pick, randInt, type Rng } from './random.js';
import { stampValue } from './stamp.js';

/**
 * The people of the demo portal: the webhook's owner (id 1), the owner's colleagues (the team)
 * and outsiders reachable only by id. Identities are deterministic from the seed and the id.
 */
export const OWNER_ID = 1;

export interface Department extends DepartmentSeed {
  readonly managerUserId: number;
}

export interface PersonInit {
  readonly firstName?: string;
  readonly lastName?: string;
  readonly name?: string;
  readonly position?: string;
}

export class Team {
  private readonly people = new Map<number, Person>();
  private readonly colleagueIds: number[] = [];
  private readonly departmentSeeds: DepartmentSeed[];
  private readonly outsiderDepartment: DepartmentSeed;
  private readonly managers = new Map<number, number>();
  private nextId: number;
  private origin = '';

  constructor(
    private readonly seed: number,
    teamSize: number,
  ) {
    const rng = createRng(deriveSeed(seed, 0, 1));
    this.departmentSeeds = generateDepartments(rng);
    const lastDepartment = this.departmentSeeds[this.departmentSeeds.length - 1] ?? COMPANY_DEPARTMENT;
    this.outsiderDepartment = { id: lastDepartment.id + 7, name: 'Regional office' };
    this.add('owner', OWNER_ID, [COMPANY_DEPARTMENT.id], {});
    this.managers.set(COMPANY_DEPARTMENT.id, OWNER_ID);
    let id = OWNER_ID;
    for (let index = 0; index < teamSize; index++) {
      id += randInt(rng, 1, 3); // real portals have gaps: deleted users, bots, extranet
      this.add('colleague', id, this.pickDepartments(rng), {});
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
    return this.colleagueIds.slice(offset, offset + limit).map((id) => this.people.get(id) as Person);
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
    return [COMPANY_DEPARTMENT, ...this.departmentSeeds, this.outsiderDepartment].map((department) => ({
      ...department,
      managerUserId: this.managers.get(department.id) ?? 0,
    }));
  }

  /** The user object as the im.* methods return it at `now` (field order as Bitrix24 sends it). */
  userObject(person: Person, now: number): Record<string, unknown> {
    const lastActivity = stampValue(person.lastActivity, now);
    const mobileLast = stampValue(person.mobileLast, now);
    const desktopLast = stampValue(person.desktopLast, now);
    const dates = {
      last_activity_date: lastActivity === null ? false : atom(lastActivity),
      mobile_last_date: mobileLast === null ? false : atom(mobileLast),
      desktop_last_date: desktopLast === null ? false : atom(desktopLast),
    };
    // The server reports the idle date only while the desktop app is running.
    const idle = person.idleSince !== null && desktopRunning(dates, now) ? atom(person.idleSince) : false;
    const avatar = person.hasAvatar && this.origin ? `${this.origin}/avatars/${person.id}.svg` : '';
    return {
      id: person.id,
      active: true,
      name: person.nameOverride ?? fullName(person.firstName, person.lastName),
      first_name: person.firstName,
      last_name: person.lastName,
      work_position: person.position,
      color: person.color,
      avatar,
      avatar_hr: avatar,
      gender: person.gender,
      birthday: person.birthday,
      extranet: false,
      network: false,
      bot: false,
      connector: false,
      external_auth_id: 'default',
      status: person.status,
      idle,
      last_activity_date: dates.last_activity_date,
      mobile_last_date: dates.mobile_last_date,
      desktop_last_date: dates.desktop_last_date,
      absent: absentValue(person.absentUntil, now),
      departments: [...person.departments],
      phones: person.phones === false ? false : { ...person.phones },
      bot_data: null,
      type: 'user',
      website: '',
      email: person.email,
    };
  }

  private pickDepartments(rng: Rng): number[] {
    const main = pick(rng, this.departmentSeeds).id;
    if (!chance(rng, 0.05)) return [main];
    const second = pick(rng, this.departmentSeeds).id;
    return second === main ? [main] : [main, second];
  }

  private add(kind: PersonKind, id: number, departments: number[], init: PersonInit): Person {
    const rng = createRng(deriveSeed(this.seed, id, 3));
    const identity = generateIdentity(rng);
    const gender: Gender = identity.gender;
    const person: Person = {
      id,
      kind,
      firstName: init.firstName ?? identity.firstName,
      lastName: init.lastName ?? identity.lastName,
      nameOverride: init.name ?? null,
      position: init.position ?? (kind === 'owner' ? 'Head of the company' : generatePosition(rng)),
      gender,
      color: generateColor(rng),
      hasAvatar: chance(rng, 0.4),
      birthday: chance(rng, 0.7) ? `${pad(randInt(rng, 1, 28))}-${pad(randInt(rng, 1, 12))}` : '',
      email: `user${id}@b24-demo.test`,
      phones: chance(rng, 0.5) ? { personal_mobile: `+7 9${randInt(rng, 10, 99)} ${randInt(rng, 100, 999)}-${randInt(rng, 10, 99)}-${randInt(rng, 10, 99)}`, inner_phone: String(randInt(rng, 100, 999)) } : false,
      departments,
      status: 'online',
      absentUntil: null,
      activityStepMs: randInt(rng, 120, 300) * 1000,
      ...newPersonState(),
    };
    this.people.set(id, person);
    if (kind === 'colleague') {
      this.colleagueIds.push(id);
      for (const department of departments) if (!this.managers.has(department)) this.managers.set(department, id);
    }
    return person;
  }
}

/** `absent` is the leave's last day (midnight, portal time) while the leave lasts, else false. */
function absentValue(absentUntil: string | null, now: number): string | false {
  if (absentUntil === null) return false;
  const lastDay = portalDateStart(absentUntil);
  return now < lastDay + DAY_MS ? atom(lastDay) : false;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
