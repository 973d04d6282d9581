import type {
  About,
  ConnectionInfo,
  EventChannel,
  EventOf,
  RequestChannel,
  RequestOf,
  ResponseOf,
  Result,
} from '../shared/contract.js';
import type { Clock } from './clock.js';
import type { Locale } from '../shared/locale.js';
import type { Health, HostKind } from '../shared/domain.js';
import type { PresenceCounts } from '../shared/presence/counts.js';
import type { Settings } from '../shared/settings/schema.js';
import type { JournalFiles } from './history/journal.js';

/**
 * What the core needs of a demo portal the host started: where it answers, and how to stop it.
 * The demo itself (electron/demo) lives above the core, so the core never imports it.
 */
export interface DemoHandle {
  readonly webhookUrl: string;
  close(): Promise<void>;
}

/**
 * The application service: everything the panel can ask for, and everything it is told,
 * independent of the transport. Electron main registers `handle` on IPC; browser mode puts it
 * behind a WebSocket. Shell-specific abilities come in as ports.
 */
export interface SettingsPort {
  load(): Settings;
  save(settings: Settings): void;
}

/**
 * A port's failure that the user must be told about as it is (e.g. the system cannot encrypt
 * the credential, so it was not saved). Anything else a port throws is reported as internal.
 */
export class PortError extends Error {
  override readonly name: string = 'PortError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Holds the credential (the webhook URL) encrypted at rest. */
export interface SecretPort {
  get(): string | null;
  set(secret: string | null): void;
  /** True when the platform cannot really protect it (Linux basic_text backend). */
  readonly weak: boolean;
}

/** Keeps the alert ledger (what was alerted about whom), so a restart never repeats an alert. */
export interface AlertLedgerPort {
  load(): Record<string, string>;
  save(ledger: Record<string, string>): void;
}

export interface ExternalOpener {
  /** Opens an allowlisted https URL on the connected portal; returns false when not allowed or not possible. */
  open(url: string): Promise<boolean>;
}

/** What the tray shows: counts, freshness and the problem, if any. */
export interface PresenceSummary extends PresenceCounts {
  readonly health: Health;
  readonly updatedAt: number | null;
  readonly alertsPausedUntil: number | null;
  readonly connection: ConnectionInfo['kind'];
  /**
   * How many are free now (online, not busy, not in a meeting or out of office: isFreeNow);
   * null where the portal gives no calendars, as the count would only repeat "online".
   */
  readonly free: number | null;
  /**
   * The tray's recent list, from which one can ask to be told once when someone is reachable:
   * who went away or offline lately, newest first (at most 8), then who is online but in a
   * meeting or out of office now (`inMeeting`, at most 8). `waiting`: already asked.
   */
  readonly recent: readonly {
    readonly id: number;
    readonly name: string;
    readonly waiting: boolean;
    readonly inMeeting: boolean;
  }[];
}

export interface AppServiceOptions {
  readonly host: HostKind;
  readonly appVersion: string;
  readonly platform: string;
  readonly clock?: Clock;
  readonly settings: SettingsPort;
  readonly secrets: SecretPort;
  readonly alertLedger: AlertLedgerPort;
  /** null in browser mode: the panel opens chat links itself. */
  readonly opener: ExternalOpener | null;
  /** Starts the built-in demo portal (in-process, on loopback). */
  readonly startDemo: () => Promise<DemoHandle>;
  /** Language for alert texts. */
  readonly locale: () => Locale;
  /**
   * The presence history's folder for one portal (`key` names it: the demo, or host and user),
   * in the app's data folder. Without it there is no history: the timeline is all unknown.
   */
  readonly historyFolder?: (key: string) => JournalFiles;
  /** A stored file had to be set aside or repaired: a sentence to tell the user. */
  readonly onStorageProblem?: (message: string) => void;
  /** Diagnostics; lines never contain secrets. */
  readonly log?: (line: string) => void;
  /** What the About section says besides the version: the runtime and the app's folders. */
  readonly about?: Pick<About, 'runtime' | 'settingsFolder' | 'logFolder' | 'historyFolder'>;
}

export interface AppService {
  summary(): PresenceSummary;
  onSummary(listener: (summary: PresenceSummary) => void): () => void;
  handle<C extends RequestChannel>(
    channel: C,
    request: RequestOf<C>,
  ): Promise<Result<ResponseOf<C>>>;
  on<C extends EventChannel>(channel: C, listener: (event: EventOf<C>) => void): () => void;
  /** The settings as they are now (the shell reads them instead of keeping a copy). */
  settings(): Settings;
  /** Where the service is connected now, as the panel is told. */
  connectionInfo(): ConnectionInfo;
  /** The connected portal's origin (the only one links may open on, the CSP's img-src), or null. */
  portalOrigin(): string | null;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Power and network hooks from the shell: suspend/lock → pause; resume/unlock → resume with a silent baseline. */
  pause(): void;
  resume(): void;
  /** The user left the computer (idle ≥ 10 min): alerts wait, and their return brings one digest. */
  userAway(): void;
  userBack(): void;
}
