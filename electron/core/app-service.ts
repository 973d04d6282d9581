import type { Colleague, PresenceTransition } from '../shared/domain.js';
import { errorMessage } from './error-message.js';
import { z } from 'zod';
import { systemClock } from './clock.js';
import { Emitter } from './emitter.js';
import { B24Client } from './bitrix/client.js';
import { isB24Error } from './bitrix/errors.js';
import { fetchIdentity } from './bitrix/team.js';
import { calendarRequest, timeZoneRequest } from './bitrix/calendar.js';
import { nameOf } from './presence/model.js';
import { displayText } from '../shared/display-text.js';
import { createConnection, credentialFrom, type ServiceEvents } from './connection.js';
import { asRequestFailure, throwRequestFailure, RequestFailure } from './request-failure.js';
import type { AppService, AppServiceOptions, PresenceSummary } from './ports.js';
import { countFree, countPresence } from '../shared/presence/counts.js';
import { isAvailableNow, isReachableNow } from '../shared/presence/available.js';
import { activePauseUntil } from '../shared/settings/pause.js';
import { notifyOnceEdit, pauseEdit, ruleEdit, watchEdit } from '../shared/settings/edits.js';
import {
  applySettingsUpdate,
  type Settings,
  type SettingsUpdate,
} from '../shared/settings/schema.js';
import {
  validationError,
  type EventChannel,
  type EventOf,
  type RequestChannel,
  type RequestOf,
  type ResponseOf,
  type Result,
  type RevisedSettings,
} from '../shared/contract.js';

type Handlers = { [C in RequestChannel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> };

/**
 * The app service: the table of request handlers the panel can call, over the settings it
 * owns and the connection (connection.ts) it asks. Transport-free: Electron main puts it
 * behind IPC, browser mode behind a WebSocket.
 */
export function createAppService(options: AppServiceOptions): AppService {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? (() => undefined);
  const events = new Emitter<ServiceEvents>((error) =>
    log(`listener failed: ${errorMessage(error)}`),
  );
  let settings = options.settings.load();
  /** Counts the changes of `settings`: the panel orders the answers and events that carry them by it. */
  let revision = 0;
  const revised = (): RevisedSettings => ({ ...settings, revision });

  /** Who went away or offline lately, newest first: the tray offers "tell me when back" for them. */
  let recent: Array<{ readonly id: number; readonly name: string }> = [];
  const RECENT_KEPT = 8;

  function noteTransition(transition: PresenceTransition): void {
    recent = recent.filter((person) => person.id !== transition.userId);
    if (transition.to === 'offline' || transition.to === 'idle')
      recent.unshift({ id: transition.userId, name: transition.name });
    recent = recent.slice(0, RECENT_KEPT);
  }

  /** Online but held by a meeting or an absence now: the bell would wait for them too. */
  function inMeetingNow(
    colleagues: readonly Colleague[],
    now: number,
    listed: ReadonlySet<number>,
  ): Colleague[] {
    const held: Colleague[] = [];
    for (const c of colleagues) {
      if (held.length === RECENT_KEPT) break;
      if (!listed.has(c.id) && isAvailableNow(c.presence) && !isReachableNow(c, now)) held.push(c);
    }
    return held;
  }

  function summary(): PresenceSummary {
    const health = connection.health();
    const now = clock.now();
    const colleagues = connection.snapshot()?.colleagues ?? [];
    const reports = connection.reports();
    const waiting = new Set(settings.notifyOnce.map((request) => request.id));
    const held = reports.calendar
      ? inMeetingNow(colleagues, now, new Set(recent.map((person) => person.id)))
      : [];
    return {
      ...countPresence(colleagues, reports),
      free: reports.calendar ? countFree(colleagues, reports, now) : null,
      health,
      updatedAt: health.lastSuccessAt,
      alertsPausedUntil: activePauseUntil(settings.alerts.pausedUntil, now),
      connection: connection.kind(),
      recent: [
        ...recent.map((person) => ({
          ...person,
          waiting: waiting.has(person.id),
          inMeeting: false,
        })),
        ...held.map((c) => ({
          id: c.id,
          name: c.name,
          waiting: waiting.has(c.id),
          inMeeting: true,
        })),
      ],
    };
  }

  const emitSummary = (): void => events.emit('summary', summary());

  function saveSettings(next: Settings): RevisedSettings {
    settings = next;
    revision += 1;
    options.settings.save(next);
    const sent = revised();
    events.emit('settings', sent);
    emitSummary();
    return sent;
  }

  function updateSettings(update: SettingsUpdate): RevisedSettings {
    try {
      return saveSettings(applySettingsUpdate(settings, update));
    } catch (error) {
      if (error instanceof z.ZodError) throw new RequestFailure(validationError(error));
      throw error;
    }
  }

  const connection = createConnection({
    clock,
    log,
    events,
    emitSummary,
    settings: () => settings,
    saveConnection: (next) => saveSettings({ ...settings, connection: next }),
    secrets: options.secrets,
    alertLedger: options.alertLedger,
    locale: options.locale,
    startDemo: options.startDemo,
    historyFolder: options.historyFolder,
    onStorageProblem: options.onStorageProblem,
    onTransition: noteTransition,
    notifyOnceDone: (ids) => {
      const done = new Set(ids);
      saveSettings({
        ...settings,
        notifyOnce: settings.notifyOnce.filter((request) => !done.has(request.id)),
      });
    },
  });

  const handlers: Handlers = {
    'session:get': async () => ({
      appVersion: options.appVersion,
      host: options.host,
      platform: options.platform,
      connection: connection.info(),
      settings: revised(),
      health: connection.health(),
      snapshot: connection.snapshot(),
      reports: connection.reports(),
      truncation: connection.truncation(),
    }),
    'snapshot:get': async () => connection.snapshot(),
    'settings:update': async (update) => {
      const before = settings;
      const next = updateSettings(update);
      const needsRefresh =
        before.onlineLimitSec !== next.onlineLimitSec ||
        before.pollIntervalSec !== next.pollIntervalSec ||
        before.watchIds.join() !== next.watchIds.join();
      if (needsRefresh) void connection.refreshNow();
      return next;
    },
    'connection:test': async ({ webhookUrl }) => {
      const credential = credentialFrom(webhookUrl);
      const client = new B24Client({ credential, clock });
      const identity = await fetchIdentity(client);
      // One batch: the required `im` scope, and the optional `calendar` and `user_brief` ones
      // asked for the owner alone, as the refresh would ask them.
      const answer = await client.batch({
        colleagues: {
          method: 'im.department.colleagues.list',
          params: { USER_DATA: 'N', LIMIT: 1 },
        },
        calendar: calendarRequest([identity.userId], clock.now()).command,
        zones: timeZoneRequest([identity.userId]).command,
      });
      const imError = answer.errors.get('colleagues');
      if (imError && imError.kind !== 'scope-missing' && imError.kind !== 'access-denied')
        throw imError;
      return {
        portalHost: credential.portalHost,
        identityName: identity.name,
        userId: identity.userId,
        imScope: imError === undefined,
        colleagues: imError === undefined ? (answer.totals.get('colleagues') ?? null) : null,
        // Missing or refused for any other reason, the test still passes: these only add to the panel.
        calendarScope: answer.results.has('calendar'),
        timeZoneScope: answer.results.has('zones'),
      };
    },
    'connection:connect': (request) => connection.connect(request),
    'connection:disconnect': () => connection.disconnect(),
    'poll:refresh': async () => {
      await connection.refreshNow();
      return null;
    },
    // The settings-only requests: the same updates the settings form could send.
    'alerts:pause': async ({ until }) => updateSettings(pauseEdit(until)),
    'colleague:set-rule': async ({ id, rule }) => updateSettings(ruleEdit(settings, id, rule)),
    'watch:set': async ({ ids }) => {
      const next = updateSettings(watchEdit(ids));
      void connection.refreshNow();
      return next;
    },
    'chat:open': async ({ userId }) => {
      const origin = connection.portalOrigin();
      if (origin === null) return throwRequestFailure('not-connected', 'Connect a portal first.');
      const url = `${origin}/online/?IM_DIALOG=${userId}`;
      const unavailable = (): never =>
        throwRequestFailure(
          'chat-unavailable',
          'Chats open in Bitrix24 on an https portal; this connection has none (the demo portal, say).',
        );
      // Browser mode has no opener: the panel opens the link in a tab itself, but only one that
      // leads to a Bitrix24 chat (the demo has none: a tab would only say "Not found").
      if (!options.opener)
        return origin.startsWith('https://') ? { url, opened: false } : unavailable();
      // The desktop opens only https links on the portal; saying nothing would leave a dead button.
      if (!(await options.opener.open(url))) return unavailable();
      return { url, opened: true };
    },
    'departments:get': ({ ids }) => connection.departments(ids),
    'timeline:get': async ({ id, days }) => connection.timeline(id, days),
    'history:forget': async () => {
      connection.forgetHistory();
      return null;
    },
    'notify-once:set': async ({ id, on }) => {
      const person = connection.snapshot()?.colleagues.find((colleague) => colleague.id === id);
      // Asked about someone reachable right now: say so instead of waiting (online in a meeting waits).
      if (on && person !== undefined && isReachableNow(person, clock.now()))
        return { settings: revised(), already: true };
      return {
        settings: updateSettings(notifyOnceEdit(settings, id, on, clock.now())),
        already: false,
      };
    },
    'people:search': async ({ query }) => {
      const found = await connection.findPeople(query).catch((error: unknown) => {
        if (isB24Error(error) && error.code === 'FIND_SHORT')
          throwRequestFailure('search-short', error.message, 'query');
        throw error;
      });
      return {
        people: found.slice(0, 50).map((raw) => ({
          id: raw.id,
          name: nameOf(raw),
          position: displayText(raw.work_position ?? ''),
        })),
      };
    },
    'app:about': async () => ({
      appVersion: options.appVersion,
      host: options.host,
      platform: options.platform,
      runtime: options.about?.runtime ?? {},
      settingsFolder: options.about?.settingsFolder ?? null,
      logFolder: options.about?.logFolder ?? null,
      historyFolder: options.about?.historyFolder ?? null,
    }),
  };

  return {
    async handle<C extends RequestChannel>(
      channel: C,
      request: RequestOf<C>,
    ): Promise<Result<ResponseOf<C>>> {
      try {
        const handler = handlers[channel] as (request: RequestOf<C>) => Promise<ResponseOf<C>>;
        return { ok: true, value: await handler(request) };
      } catch (error) {
        return { ok: false, error: asRequestFailure(error, log).error };
      }
    },
    on<C extends EventChannel>(channel: C, listener: (event: EventOf<C>) => void) {
      return events.on(channel, listener as (event: ServiceEvents[C]) => void);
    },
    summary,
    onSummary: (listener) => events.on('summary', listener),
    settings: () => settings,
    connectionInfo: () => connection.info(),
    portalOrigin: () => connection.portalOrigin(),
    start: () => connection.start(),
    stop: () => connection.stop(),
    pause: () => connection.pause(),
    resume: () => connection.resume(),
    userAway: () => connection.userAway(),
    userBack: () => connection.userBack(),
  };
}
