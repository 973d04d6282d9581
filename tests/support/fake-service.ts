import { Emitter } from '../../electron/core/emitter.js';
import type { AppService, PresenceSummary } from '../../electron/core/ports.js';
import type {
  EventChannel,
  EventOf,
  RequestChannel,
  RequestOf,
  Result,
} from '../../electron/shared/contract.js';
import { DEFAULT_SETTINGS, type Settings } from '../../electron/shared/settings/schema.js';
import { summary as summaryOf } from '../unit/electron/main/support/fixtures.js';

type Events = { [C in EventChannel]: EventOf<C> } & { summary: PresenceSummary };

/**
 * An app service for the shell's setup modules and the transports' tests: its settings,
 * summary and portal origin are set by the test, which also emits its events; requests are
 * recorded and answered by `answer` (default: ok, null).
 */
export function fakeService(
  initial: Partial<Settings> = {},
  answer: (channel: RequestChannel, request: unknown) => Result<unknown> = () => ({
    ok: true,
    value: null,
  }),
) {
  const events = new Emitter<Events>();
  const handled: Array<{ channel: RequestChannel; request: unknown }> = [];
  const state = {
    settings: { ...DEFAULT_SETTINGS, ...initial } as Settings,
    summary: summaryOf(),
    portalOrigin: null as string | null,
  };
  const service: AppService = {
    async handle<C extends RequestChannel>(channel: C, request: RequestOf<C>) {
      handled.push({ channel, request });
      return answer(channel, request) as never;
    },
    on: (channel, listener) => events.on(channel, listener as never),
    summary: () => state.summary,
    onSummary: (listener) => events.on('summary', listener),
    settings: () => state.settings,
    connectionInfo: () => ({
      kind: 'none',
      portalHost: null,
      portalOrigin: state.portalOrigin,
      identityName: null,
      weakSecretStorage: false,
      sessionOnly: false,
    }),
    portalOrigin: () => state.portalOrigin,
    start: async () => undefined,
    stop: async () => undefined,
    pause: () => undefined,
    resume: () => undefined,
    userAway: () => undefined,
    userBack: () => undefined,
  };
  return {
    service,
    events,
    handled,
    state,
    /** Changes the settings as the service does: stored first, then told. */
    saveSettings(update: Partial<Settings>) {
      state.settings = { ...state.settings, ...update };
      events.emit('settings', state.settings);
    },
    emit: <K extends keyof Events>(name: K, event: Events[K]) => events.emit(name, event),
  };
}
