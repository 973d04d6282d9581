/**
 * A deterministic in-browser PresenceBridge for the panel's browser tests. `fakeBridgeScript`
 * serialises `installFakeBridge` into an init script, so it must stay self-contained: no
 * imports, no outer variables; everything it needs comes in through `options` and the service's
 * own rules through `rules` (JSON, filled from electron/shared by `fakeBridgeScript`).
 * Tests drive it through `window.__fake` (page.evaluate): push events, read recorded calls.
 */
import type { Settings } from '../../../electron/shared/settings/schema.js';
import type { PortalReports } from '../../../electron/shared/domain.js';
import { REACHABLE_RULES } from '../../../electron/shared/presence/available.js';

export interface FakeBridgeOptions {
  readonly settings: Settings;
  /** 'none' starts at onboarding; 'demo' starts with a team on screen. */
  readonly connection: 'none' | 'demo';
  readonly teamSize: number;
  /** Replaces person 1's name, e.g. with a hostile string. */
  readonly firstName?: string;
  readonly weakSecretStorage?: boolean;
  /** The session says the team is larger than the app reads (default: null, everyone shown). */
  readonly truncation?: { shown: number; total: number; limit: number } | null;
  readonly host?: 'desktop' | 'browser';
  /**
   * 'current' (default): a current Bitrix24 portal, which reports neither mobile activity, idle
   * nor chosen statuses (reports all false; nobody is mobile or dnd). 'legacy': an old
   * on-premise portal that reports all three, with mobile and dnd/away/break people.
   */
  readonly portal?: 'current' | 'legacy';
  /**
   * Every fourth person (ids 1, 5, 9, …) gets a very long name and position, to see how rows,
   * tooltips and the layout cope (issue 11).
   */
  readonly longNames?: boolean;
  /**
   * issue 19: the portal gives calendars and time zones (reports.calendar and timeZones true),
   * and the team has them, all relative to the pinned clock (see `calendarPlan`).
   */
  readonly calendar?: boolean;
}

/** What `window.__fake` offers to page.evaluate. */
export interface FakeControl {
  emit(channel: string, payload: unknown): void;
  readonly calls: Array<{ channel: string; request: unknown }>;
  readonly opened: string[];
  readonly csp: string[];
  snapshot: { seq: number; at: number; colleagues: Array<Record<string, unknown>> } | null;
  /** Settings as the host holds them; every assignment counts one revision, as app-service.ts does. */
  settings: Record<string, unknown>;
  /** Applies field changes to people, bumps seq and (unless emit is false) pushes the patch; returns it. */
  change(changes: Array<{ id: number; fields: Record<string, unknown> }>, emit?: boolean): unknown;
  /** Replaces the team with `size` generated people and (unless emit is false) pushes the snapshot. */
  team(size: number, emit?: boolean): void;
  person(id: number, now: number): Record<string, unknown>;
  /** What the session says the portal reports. */
  reports: PortalReports;
  /** What the session says of a team larger than the app reads. */
  truncation: { shown: number; total: number; limit: number } | null;
  /**
   * Becomes this kind of portal, as the engine learns it: pushes the `reports` event, then
   * (unless emit is false) a snapshot of the team as that portal shows it.
   */
  becomePortal(kind: 'current' | 'legacy', emit?: boolean): void;
  /** How long every answer takes, as a slow host would (default 0). */
  latencyMs: number;
  /**
   * issue 20: how long answers travel after the host handled the request at once (and pushed
   * the events it causes), as a busy bridge would deliver them (default 0).
   */
  answerDelayMs: number;
  /** issue 20: called after each answer and event has reached the panel and the panel has updated. */
  afterDelivery: (() => void) | null;
  /**
   * issue 22 item 8: a hung host, its socket still open. While true no event is sent and no
   * request answered; the held answers go out when it is set back to false.
   */
  silent: boolean;
  /** Answer the next call on `channel` with this error. */
  failNext(channel: string, error: { code: string; message: string; field: string | null }): void;
  /** issue 12: what `timeline:get` answers for a person (default: a made-up week, see `weekOf`). */
  timelines: Record<number, Array<{ from: number; to: number; state: string }>>;
  /** issue 12: whether `history:forget` was called, and how often. */
  forgotten: number;
  /**
   * issue 11: people on the portal outside the team, found by `people:search` (by a word of the
   * name or position starting with the query, or by id) along with the team.
   */
  directory: Array<{ id: number; name: string; position: string }>;
  /** issue 11: how long `people:search` takes for a given query (ms), to test stale answers. */
  searchLatency: Record<string, number>;
  /** issue 11: what `app:about` answers. */
  about: Record<string, unknown>;
  /**
   * issue 19: the people the bell waits for who are reachable at the page's now, as the engine's
   * refresh decides it (the test then tells the alert, built by the core, and clears them).
   */
  dueBells(): number[];
}

/** The service's rules the fake applies as they are, not as a copy. */
export interface FakeBridgeRules {
  /** Who is reachable now (notify-once answers `already`, the bell rings): these presences… */
  readonly availablePresences: readonly string[];
  /** …and no calendar block of these kinds covering now. */
  readonly blockingKinds: readonly string[];
}

const SERVICE_RULES: FakeBridgeRules = REACHABLE_RULES;

export function installFakeBridge(options: FakeBridgeOptions, rules: FakeBridgeRules): void {
  const w = globalThis as unknown as Record<string, unknown> & {
    document: {
      addEventListener(
        type: string,
        listener: (event: { violatedDirective: string; blockedURI: string }) => void,
      ): void;
    };
  };
  const start = Date.now();
  const NAMES = [
    'Anna Petrova',
    'Boris Ivanov',
    'Chloe Martin',
    'Dmitry Smirnov',
    'Elena Kuznetsova',
    'Farid Aliyev',
    'Galina Orlova',
    'Hugo Bernard',
    'Irina Volkova',
    'Jonas Berg',
    'Ksenia Sokolova',
    'Leo Fischer',
    'Marta Novak',
    'Nikolai Popov',
    'Olga Lebedeva',
    'Pavel Morozov',
    'Quinn Adams',
    'Roman Egorov',
    'Sofia Romero',
    'Timur Zaitsev',
    'Ulyana Kozlova',
    'Victor Hugo',
    'Wendy Clarke',
    'Xenia Belova',
    'Yuri Gagarin',
    'Zoe Laurent',
    'Artem Fedorov',
    'Beatrice Russo',
    'Cyril Pavlov',
    'Daria Nikitina',
    'Emil Svensson',
    'Fatima Khan',
    'Gleb Medvedev',
    'Hanna Schulz',
    'Igor Vasiliev',
    'Julia Costa',
    'Kirill Antonov',
    'Lina Haddad',
    'Maxim Stepanov',
    'Nadia Rahman',
  ];
  const POSITIONS = [
    'Frontend developer',
    'Account manager',
    'QA engineer',
    'Product designer',
    'Support lead',
    'Data analyst',
    'Head of sales',
    'Backend developer',
  ];
  const COLORS = [
    '#df532d',
    '#4ba984',
    '#3e99ce',
    '#8474c8',
    '#e2a100',
    '#d3467a',
    '#1eb4aa',
    '#7a8b99',
  ];
  const DEPARTMENTS: Record<number, string> = {
    1: 'Engineering',
    2: 'Sales',
    3: 'Support',
    4: 'Design',
    5: 'Management',
  };

  const calendars = options.calendar === true;
  const reportsOf = (kind: 'current' | 'legacy') =>
    kind === 'legacy'
      ? { idle: true, mobile: true, status: true, calendar: calendars, timeZones: calendars }
      : { idle: false, mobile: false, status: false, calendar: calendars, timeZones: calendars };

  // issue 19: calendars and zones relative to `now` (the pinned clock), in the browser's days.
  // 1: in a meeting for another 90 min, and one tomorrow; 4: tentative for 50 min; 7: free, a
  // meeting in 45 min; 11: out of office until the midnight four days on; 6: on leave, with a
  // chart absence too (the leave wins); 14: in a short meeting; 17: calendar unknown; the rest
  // known to be free. Zones: 1 Tokyo, 4 Kolkata (+5:30), 7 St John's (-3:30), 11 unknown, every
  // fifth from 10 Moscow.
  const calendarPlan = (
    id: number,
    now: number,
  ): { calendar: unknown; timeZone: string | null } => {
    if (!calendars) return { calendar: null, timeZone: null };
    const minute = 60_000;
    const midnightAfter = (at: number): number => {
      const d = new Date(at);
      d.setHours(24, 0, 0, 0);
      return d.getTime();
    };
    const tomorrowTen = (): number => {
      const d = new Date(midnightAfter(now));
      d.setHours(10, 0, 0, 0);
      return d.getTime();
    };
    const plans: Record<number, unknown> = {
      1: [
        { kind: 'meeting', from: now - 30 * minute, until: now + 90 * minute },
        { kind: 'meeting', from: tomorrowTen(), until: tomorrowTen() + 60 * minute },
      ],
      4: [{ kind: 'tentative', from: now - 10 * minute, until: now + 50 * minute }],
      7: [{ kind: 'meeting', from: now + 45 * minute, until: now + 75 * minute }],
      11: [
        {
          kind: 'out-of-office',
          from: now - 26 * 60 * minute,
          until: midnightAfter(now + 3 * 86_400_000),
        },
      ],
      6: [
        {
          kind: 'out-of-office',
          from: now - 3 * 86_400_000,
          until: midnightAfter(now + 9 * 86_400_000),
        },
      ],
      14: [{ kind: 'meeting', from: now - 5 * minute, until: now + 25 * minute }],
      17: null,
    };
    const zones: Record<number, string | null> = {
      1: 'Asia/Tokyo',
      4: 'Asia/Kolkata',
      7: 'America/St_Johns',
      11: null,
    };
    return {
      calendar: id in plans ? plans[id] : [],
      timeZone: id in zones ? (zones[id] ?? null) : id % 5 === 0 ? 'Europe/Moscow' : null,
    };
  };
  let portal: 'current' | 'legacy' = options.portal ?? 'current';

  // Presence plan by position in the team: every kind the portal can report appears in a
  // 40-person team. A current portal derives idle from the last activity (no activity for
  // 8 min) and never says mobile or dnd; a legacy one has the desktop app's idle (25 min),
  // mobile people and chosen statuses.
  const person = (id: number, now: number): Record<string, unknown> => {
    const legacy = portal === 'legacy';
    const full = NAMES[(id - 1) % NAMES.length] as string;
    const [first = '', last = ''] = full.split(' ');
    const suffix = id > NAMES.length ? ` ${Math.ceil(id / NAMES.length)}` : '';
    const long = options.longNames === true && id % 4 === 1;
    const plainName = long
      ? `${full.replace(' ', '-Alexandra ')}-Konstantinopolskaya${suffix}`
      : `${full}${suffix}`;
    const name = id === 1 && options.firstName !== undefined ? options.firstName : plainName;
    const kind = id % 10;
    const base = {
      id,
      name,
      firstName: id === 1 && options.firstName !== undefined ? options.firstName : first,
      lastName: id === 1 && options.firstName !== undefined ? '' : last,
      position: long
        ? `Senior principal ${POSITIONS[id % POSITIONS.length] as string} for partnerships and enterprise accounts`
        : (POSITIONS[id % POSITIONS.length] as string),
      departments: [(Math.floor(id / 3) % 5) + 1],
      avatar: null,
      color: COLORS[id % COLORS.length] as string,
      presence: 'online',
      presenceSince: null,
      lastActivity: now - 60_000,
      desktop: id % 3 !== 0,
      status: 'online',
      absentUntil: null,
      bot: false,
      extranet: false,
      gender: null,
      ...calendarPlan(id, now),
    };
    switch (kind) {
      case 1:
      case 4:
      case 7:
        return base; // online
      case 2:
        return legacy
          ? { ...base, presence: 'idle', presenceSince: now - 25 * 60_000 - 10_000, desktop: true }
          : {
              ...base,
              presence: 'idle',
              presenceSince: now - 8 * 60_000 - 10_000,
              lastActivity: now - 8 * 60_000 - 10_000,
              desktop: true,
            };
      case 3:
        return legacy
          ? { ...base, presence: 'mobile', desktop: false }
          : { ...base, lastActivity: now - 2 * 60_000, desktop: false };
      case 5:
        return {
          ...base,
          presence: 'offline',
          presenceSince: now - 2 * 3_600_000 - 60_000,
          lastActivity: now - 2 * 3_600_000 - 60_000,
          desktop: false,
        };
      case 6:
        return {
          ...base,
          presence: 'offline',
          absentUntil: '2026-12-03',
          lastActivity: now - 3 * 86_400_000,
          desktop: false,
        };
      case 8:
        return legacy
          ? { ...base, status: ['dnd', 'away', 'break'][Math.floor(id / 10) % 3] as string }
          : base;
      case 9:
        return {
          ...base,
          presence: 'offline',
          lastActivity: now - 50 * 60_000,
          presenceSince: now - 50 * 60_000,
          desktop: false,
        };
      default:
        return {
          ...base,
          presence: 'offline',
          lastActivity: null,
          presenceSince: null,
          desktop: false,
        };
    }
  };

  // The engine's isReachableNow, from the rule's data: online and no blocking block covering now.
  const reachable = (p: Record<string, unknown> | undefined, now: number): boolean =>
    p !== undefined &&
    rules.availablePresences.includes(p.presence as string) &&
    !((p.calendar ?? []) as Array<{ kind: string; from: number; until: number }>).some(
      (b) => b.from <= now && now < b.until && rules.blockingKinds.includes(b.kind),
    );

  const makeTeam = (size: number): Array<Record<string, unknown>> =>
    Array.from({ length: size }, (_, i) => person(i + 1, start));

  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const weakSecretStorage = options.weakSecretStorage ?? false;
  const none = {
    kind: 'none',
    portalHost: null,
    portalOrigin: null,
    identityName: null,
    weakSecretStorage,
    sessionOnly: false,
  };
  const demo = {
    kind: 'demo',
    portalHost: '127.0.0.1:8123',
    portalOrigin: 'http://127.0.0.1:8123',
    identityName: 'Demo Owner',
    weakSecretStorage,
    sessionOnly: false,
  };
  let connection: Record<string, unknown> = options.connection === 'demo' ? demo : none;
  const okHealth = (): Record<string, unknown> => ({
    state: 'ok',
    since: start - 20_000,
    until: null,
    lastSuccessAt: start - 20_000,
    code: null,
    message: null,
  });
  let health: Record<string, unknown> =
    options.connection === 'demo'
      ? okHealth()
      : {
          state: 'connecting',
          since: start,
          until: null,
          lastSuccessAt: null,
          code: null,
          message: null,
        };
  const failures = new Map<string, { code: string; message: string; field: string | null }>();

  let revision = 0;
  let settingsNow: Record<string, unknown> = {
    ...options.settings,
    connection: { kind: options.connection },
    revision,
  };
  const delivered = (): void => {
    // After the panel's own (microtask) update: what it shows once this message is in.
    setTimeout(() => control.afterDelivery?.(), 0);
  };

  let silent = false;
  const heldAnswers: Array<() => void> = [];
  const control: FakeControl = {
    get silent(): boolean {
      return silent;
    },
    set silent(value: boolean) {
      silent = value;
      if (!value) for (const release of heldAnswers.splice(0)) release();
    },
    calls: [],
    opened: [],
    csp: [],
    latencyMs: 0,
    answerDelayMs: 0,
    afterDelivery: null,
    snapshot:
      options.connection === 'demo'
        ? { seq: 1, at: start - 20_000, colleagues: makeTeam(options.teamSize) }
        : null,
    get settings(): Record<string, unknown> {
      return settingsNow;
    },
    set settings(value: Record<string, unknown>) {
      revision += 1;
      settingsNow = { ...value, revision };
    },
    emit(channel, payload) {
      if (silent) return;
      for (const listener of listeners.get(channel) ?? []) listener(payload);
      delivered();
    },
    change(changes, emit = true) {
      const snapshot = control.snapshot;
      if (!snapshot) throw new Error('no snapshot');
      const byId = new Map(changes.map((change) => [change.id, change.fields]));
      const colleagues = snapshot.colleagues.map((c) =>
        byId.has(c.id as number) ? { ...c, ...byId.get(c.id as number) } : c,
      );
      // As the engine sends them: a change of lastActivity alone (to a time) as an [id, time] pair.
      const onlyActivity = (change: { fields: Record<string, unknown> }): boolean => {
        const keys = Object.keys(change.fields);
        return (
          keys.length === 1 &&
          keys[0] === 'lastActivity' &&
          typeof change.fields.lastActivity === 'number'
        );
      };
      const sorted = changes.slice().sort((a, b) => a.id - b.id);
      const activity = sorted
        .filter(onlyActivity)
        .map((change) => [change.id, change.fields.lastActivity]);
      const changed = sorted.filter((change) => !onlyActivity(change));
      const patch = {
        seq: snapshot.seq + 1,
        at: Date.now(),
        added: [],
        changed,
        removed: [],
        ...(activity.length > 0 ? { activity } : {}),
      };
      control.snapshot = { seq: patch.seq, at: patch.at, colleagues };
      if (emit) control.emit('patch', patch);
      return patch;
    },
    team(size, emit = true) {
      const seq = (control.snapshot?.seq ?? 0) + 1;
      control.snapshot = {
        seq,
        at: Date.now(),
        colleagues: Array.from({ length: size }, (_, i) => person(i + 1, Date.now())),
      };
      if (emit) control.emit('snapshot', control.snapshot);
    },
    person,
    reports: reportsOf(portal),
    truncation: options.truncation ?? null,
    becomePortal(kind, emit = true) {
      portal = kind;
      control.reports = reportsOf(kind);
      control.emit('reports', control.reports);
      if (control.snapshot) control.team(control.snapshot.colleagues.length, emit);
    },
    failNext(channel, error) {
      failures.set(channel, error);
    },
    timelines: {},
    forgotten: 0,
    directory: [
      { id: 101, name: 'Vera Outsider', position: 'Lawyer' },
      { id: 102, name: 'Veronika Daleko', position: 'Accountant' },
    ],
    searchLatency: {},
    about: {
      appVersion: '0.1.0-test',
      host: options.host ?? 'desktop',
      platform: 'linux',
      runtime: { electron: '45.4.1', chrome: '142.0.7444.59', node: '22.20.0' },
      settingsFolder: '/home/anna/.config/B24 Presence',
      logFolder: '/home/anna/.config/B24 Presence/logs',
      historyFolder: '/home/anna/.config/B24 Presence/history',
    },
    dueBells() {
      const now = Date.now();
      const waiting = (control.settings.notifyOnce ?? []) as Array<{ id: number }>;
      return waiting
        .map((r) => r.id)
        .filter((id) =>
          reachable(
            control.snapshot?.colleagues.find((c) => c.id === id),
            now,
          ),
        );
    },
  };

  // issue 12: a made-up week for the timeline. Workdays online 9:05–12:30 and 13:15–18:00 (away in
  // between); three days ago the app ran only from 14:00; today has an unknown half hour.
  const weekOf = (now: number): Array<{ from: number; to: number; state: string }> => {
    const segments: Array<{ from: number; to: number; state: string }> = [];
    const at = (dayStart: number, h: number, m = 0): number => dayStart + (h * 60 + m) * 60_000;
    const midnight = (t: number): number => {
      const d = new Date(t);
      d.setHours(0, 0, 0, 0);
      return d.getTime();
    };
    const today = midnight(now);
    for (let back = 6; back >= 0; back--) {
      const day = midnight(today - back * 86_400_000 + 12 * 3_600_000);
      const push = (from: number, to: number, state: string): void => {
        const end = Math.min(to, now);
        if (end > from) segments.push({ from, to: end, state });
      };
      if (back === 3) {
        push(at(day, 14), at(day, 17, 40), 'online');
        push(at(day, 17, 40), at(day, 24), 'offline');
        continue;
      }
      push(day, at(day, 9, 5), 'offline');
      if (back === 0) {
        push(at(day, 9, 5), at(day, 10, 30), 'online');
        push(at(day, 10, 30), at(day, 11), 'unknown');
        push(at(day, 11), at(day, 24), 'online');
        continue;
      }
      push(at(day, 9, 5), at(day, 12, 30), 'online');
      push(at(day, 12, 30), at(day, 13, 15), 'idle');
      push(at(day, 13, 15), at(day, 18), 'online');
      push(at(day, 18), at(day, 24), 'offline');
    }
    return segments.filter((segment) => segment.state !== 'unknown');
  };

  const fieldError = (field: string, message: string) => ({
    ok: false,
    error: { code: 'invalid-settings', message, field },
  });
  const range = (value: unknown, min: number, max: number): boolean =>
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

  const handlers: Record<string, (request: Record<string, unknown>) => unknown> = {
    'session:get': () => ({
      ok: true,
      value: {
        appVersion: '0.1.0-test',
        host: options.host ?? 'desktop',
        platform: 'linux',
        connection,
        settings: control.settings,
        health,
        snapshot: control.snapshot,
        reports: control.reports,
        truncation: control.truncation,
      },
    }),
    'snapshot:get': () => ({ ok: true, value: control.snapshot }),
    'settings:update': (update) => {
      if ('pollIntervalSec' in update && !range(update.pollIntervalSec, 2, 3600))
        return fieldError('pollIntervalSec', 'At least 2 seconds, at most one hour');
      if ('onlineLimitSec' in update && !range(update.onlineLimitSec, 120, 86_400))
        return fieldError('onlineLimitSec', 'At least 120 seconds');
      const alerts = update.alerts as Record<string, unknown> | undefined;
      if (alerts && 'burstWindowSec' in alerts && !range(alerts.burstWindowSec, 0, 300))
        return fieldError('alerts.burstWindowSec', 'At most 300 seconds');
      const history = update.history as Record<string, unknown> | undefined;
      if (history && 'retentionDays' in history && !range(history.retentionDays, 0, 30))
        return fieldError('history.retentionDays', 'At most 30 days');
      const current = control.settings as Record<string, Record<string, unknown>>;
      control.settings = {
        ...current,
        ...update,
        alerts: { ...current.alerts, ...(update.alerts as object) },
        ui: { ...current.ui, ...(update.ui as object) },
      };
      control.emit('settings', control.settings);
      return { ok: true, value: control.settings };
    },
    'connection:test': () => ({
      ok: true,
      value: {
        portalHost: 'team.example.com',
        identityName: 'Webhook Owner',
        userId: 1,
        imScope: true,
        colleagues: 40,
        calendarScope: calendars,
        timeZoneScope: calendars,
      },
    }),
    'connection:connect': (request) => {
      control.reports = reportsOf(portal);
      connection =
        request.kind === 'demo'
          ? demo
          : {
              ...demo,
              kind: 'webhook',
              portalHost: 'team.example.com',
              portalOrigin: 'https://team.example.com',
              identityName: 'Webhook Owner',
              sessionOnly: request.sessionOnly === true,
            };
      control.settings = {
        ...control.settings,
        connection:
          request.kind === 'demo'
            ? { kind: 'demo' }
            : { kind: 'webhook', portalHost: 'team.example.com', userId: 1 },
      };
      health = okHealth();
      control.snapshot = { seq: 1, at: Date.now(), colleagues: makeTeam(options.teamSize) };
      setTimeout(() => {
        // A new connection: the service starts from "a current portal" and tells the panel.
        control.emit('reports', control.reports);
        control.emit('health', health);
        control.emit('snapshot', control.snapshot);
      }, 0);
      return { ok: true, value: connection };
    },
    'connection:disconnect': () => {
      connection = none;
      control.snapshot = null;
      control.settings = { ...control.settings, connection: { kind: 'none' } };
      return { ok: true, value: connection };
    },
    'poll:refresh': () => ({ ok: true, value: null }),
    'alerts:pause': (request) => {
      control.settings = {
        ...control.settings,
        alerts: { ...(control.settings.alerts as object), pausedUntil: request.until },
      };
      return { ok: true, value: control.settings };
    },
    'colleague:set-rule': (request) => {
      const rules = { ...(control.settings.rules as Record<string, string>) };
      if (request.rule === 'default') delete rules[String(request.id)];
      else rules[String(request.id)] = request.rule as string;
      control.settings = { ...control.settings, rules };
      return { ok: true, value: control.settings };
    },
    'watch:set': (request) => {
      control.settings = { ...control.settings, watchIds: request.ids };
      return { ok: true, value: control.settings };
    },
    // issue 12
    'timeline:get': (request) => {
      const now = Date.now();
      return {
        ok: true,
        value: { at: now, segments: control.timelines[request.id as number] ?? weekOf(now) },
      };
    },
    'history:forget': () => {
      control.forgotten++;
      control.timelines = {};
      return { ok: true, value: null };
    },
    'notify-once:set': (request) => {
      const id = request.id as number;
      const person = control.snapshot?.colleagues.find((c) => c.id === id);
      const requests = (
        (control.settings.notifyOnce ?? []) as Array<{ id: number; since: number }>
      ).filter((r) => r.id !== id);
      if (request.on === true && reachable(person, Date.now()))
        return { ok: true, value: { settings: control.settings, already: true } };
      control.settings = {
        ...control.settings,
        notifyOnce: request.on === true ? [...requests, { id, since: Date.now() }] : requests,
      };
      return { ok: true, value: { settings: control.settings, already: false } };
    },
    'chat:open': (request) => ({
      ok: true,
      value: {
        url: `https://team.example.com/online/?IM_DIALOG=${String(request.userId)}`,
        opened: false,
      },
    }),
    // issue 11: "Also watch" by name or id, and About.
    'people:search': (request) => {
      if (connection.kind === 'none')
        return {
          ok: false,
          error: { code: 'not-connected', message: 'Not connected', field: null },
        };
      const query = String(request.query).trim();
      const everyone = [
        ...(control.snapshot?.colleagues ?? []).map((c) => ({
          id: c.id as number,
          name: c.name as string,
          position: c.position as string,
        })),
        ...control.directory,
      ];
      const idMatch = /^(?:#|id\s*)?(\d{1,10})$/i.exec(query);
      if (idMatch)
        return { ok: true, value: { people: everyone.filter((p) => p.id === Number(idMatch[1])) } };
      if ([...query].length < 3)
        return {
          ok: false,
          error: {
            code: 'search-short',
            message: 'Type at least 3 letters to search.',
            field: 'query',
          },
        };
      const lower = query.toLowerCase();
      const people = everyone.filter((p) =>
        `${p.name} ${p.position}`
          .toLowerCase()
          .split(/[\s-]+/)
          .some((word) => word.startsWith(lower)),
      );
      return { ok: true, value: { people: people.slice(0, 50) } };
    },
    'app:about': () => ({ ok: true, value: control.about }),
    'departments:get': (request) => ({
      ok: true,
      value: (request.ids as number[])
        .filter((id) => DEPARTMENTS[id] !== undefined)
        .map((id) => ({ id, name: DEPARTMENTS[id] })),
    }),
  };

  w.b24presence = {
    invoke(channel: string, request: unknown): Promise<unknown> {
      control.calls.push({ channel, request });
      const failure = failures.get(channel);
      if (failure) {
        failures.delete(channel);
        return Promise.resolve({ ok: false, error: failure });
      }
      const handler = handlers[channel];
      const handle = (): unknown => {
        const answer = handler
          ? handler((request ?? {}) as Record<string, unknown>)
          : { ok: false, error: { code: 'unknown', message: 'unknown channel', field: null } };
        // Answers are JSON round-tripped, as IPC structured-clones them: no shared references.
        return JSON.parse(JSON.stringify(answer));
      };
      // A slow host handles the request (and pushes what it causes) only after the delay.
      const query =
        channel === 'people:search'
          ? String((request as { query?: unknown } | null)?.query ?? '')
          : '';
      const latency = control.searchLatency[query] ?? control.latencyMs;
      const answered =
        latency > 0
          ? new Promise((resolve) => setTimeout(() => resolve(handle()), latency))
          : Promise.resolve(handle());
      const travel = control.answerDelayMs;
      if (silent)
        return answered.then(
          (answer) => new Promise((resolve) => heldAnswers.push(() => resolve(answer))),
        );
      if (travel <= 0) return answered;
      return answered.then(
        (answer) =>
          new Promise((resolve) => setTimeout(() => (resolve(answer), delivered()), travel)),
      );
    },
    on(channel: string, listener: (payload: unknown) => void): () => void {
      const set = listeners.get(channel) ?? new Set<(payload: unknown) => void>();
      listeners.set(channel, set);
      const wrapped = (payload: unknown): void => listener(JSON.parse(JSON.stringify(payload)));
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
  };
  w.open = (url: string) => {
    control.opened.push(url);
    return null;
  };
  w.__fake = control;
  w.document.addEventListener('securitypolicyviolation', (event) =>
    control.csp.push(`${event.violatedDirective} ${event.blockedURI}`),
  );
}

/** The init script: the function's source, called with the options. */
export function fakeBridgeScript(options: FakeBridgeOptions): string {
  // Some transpilers wrap functions in __name(...) helpers; give the page a harmless one.
  return `var __name = (target) => target;\n(${installFakeBridge.toString()})(${JSON.stringify(options)}, ${JSON.stringify(SERVICE_RULES)});`;
}
