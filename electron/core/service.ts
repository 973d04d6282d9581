import type {
  EventChannel,
  EventOf,
  RequestChannel,
  RequestOf,
  ResponseOf,
  Result,
} from '../shared/contract.js';
import type { Settings } from './settings/schema.js';

/**
 * The application service: everything the panel can ask for, and everything it is told,
 * independent of the transport. Electron main registers `handle` on IPC; browser mode puts it
 * behind a WebSocket. Shell-specific abilities come in as ports.
 */
export interface SettingsPort {
  load(): Settings;
  save(settings: Settings): void;
}

/** Holds the credential (webhook URL or OAuth tokens, serialised) encrypted at rest. */
export interface SecretPort {
  get(): string | null;
  set(secret: string | null): void;
  /** True when the platform cannot really protect it (Linux basic_text backend). */
  readonly weak: boolean;
}

/** Remembers what was alerted, so a restart never repeats an alert. */
export interface AlertMemoryPort {
  load(): Record<string, string>;
  save(memory: Record<string, string>): void;
}

export interface ExternalOpener {
  /** Opens an allowlisted https URL on the connected portal; returns false when not allowed or not possible. */
  open(url: string): Promise<boolean>;
}

export interface AppService {
  handle<C extends RequestChannel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  on<C extends EventChannel>(channel: C, listener: (event: EventOf<C>) => void): () => void;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Power and network hooks from the shell: suspend/lock → pause; resume/unlock → resume with a silent baseline. */
  pause(): void;
  resume(): void;
}
