import type { SafeStorage } from 'electron';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  PortError,
  type AlertLedgerPort,
  type SecretPort,
  type SettingsPort,
} from '../core/ports.js';
import { settingsStoreSchema } from '../core/settings/json-schema.js';
import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from '../shared/settings/schema.js';
import { nodeFileOps, prepareJsonFile, prepareSettingsFile, type FileOps } from './store-files.js';
import { FILE_LIMIT_BYTES } from '../core/bounded-read.js';
import type { Bounds } from './window.js';

/*
 * Adapters from the core's storage ports to electron-store instances (passed in, so tests use
 * small in-memory fakes). Every value read back is validated: the files are user-editable.
 */
export interface KeyValueStore<T extends Record<string, unknown>> {
  get<K extends keyof T>(key: K): T[K] | undefined;
  set<K extends keyof T>(key: K, value: T[K]): void;
  delete<K extends keyof T>(key: K): void;
}

/** The settings file's root is the Settings object itself (electron-store `.store`). */
export interface WholeStore<T> {
  store: T;
}

export function createSettingsPort(
  store: WholeStore<Settings>,
  log: (line: string) => void = () => {},
): SettingsPort {
  return {
    load() {
      try {
        const parsed = SettingsSchema.safeParse(store.store);
        if (parsed.success) return parsed.data;
        log('settings: stored settings are invalid, using defaults');
      } catch {
        log('settings: the settings file could not be read, using defaults');
      }
      return DEFAULT_SETTINGS;
    },
    save(settings) {
      store.store = SettingsSchema.parse(settings);
    },
  };
}

/**
 * The state file. `alertMemory` holds the alert ledger (core/alerts/ledger.ts): the key keeps its
 * first name because it is stored in every user's state.json, and an older version reading the
 * same file after a downgrade must still find it.
 */
export interface StateShape extends Record<string, unknown> {
  alertMemory: Record<string, string>;
  windowBounds: Bounds | null;
}

export const StateSchema = z.object({
  alertMemory: z.record(z.string(), z.string()).optional(),
  windowBounds: z
    .object({
      x: z.number(),
      y: z.number(),
      width: z.number().positive(),
      height: z.number().positive(),
    })
    .nullable()
    .optional(),
});

export function createAlertLedgerPort(store: KeyValueStore<StateShape>): AlertLedgerPort {
  return {
    load() {
      const parsed = StateSchema.shape.alertMemory.safeParse(store.get('alertMemory'));
      return parsed.success ? (parsed.data ?? {}) : {};
    },
    save(ledger) {
      store.set('alertMemory', { ...ledger });
    },
  };
}

export function createBoundsStore(store: KeyValueStore<StateShape>): {
  load(): Bounds | null;
  save(bounds: Bounds): void;
} {
  return {
    load() {
      const parsed = StateSchema.shape.windowBounds.safeParse(store.get('windowBounds'));
      return parsed.success ? (parsed.data ?? null) : null;
    },
    save(bounds) {
      store.set('windowBounds', bounds);
    },
  };
}

export interface CredentialShape extends Record<string, unknown> {
  /** safeStorage ciphertext, base64. Never the credential itself. */
  credential: string;
}

export class SecretStorageUnavailableError extends PortError {
  override readonly name = 'SecretStorageUnavailableError';
  constructor() {
    super(
      'secret-storage-unavailable',
      'This system offers no secure storage for the credential, so it was not saved. Set up a keyring (e.g. GNOME Keyring or KWallet) and connect again.',
    );
  }
}

/**
 * The credential (the webhook URL) lives only as safeStorage
 * ciphertext. When encryption is unavailable it is refused, never written in clear text.
 */
export function createSecretPort(deps: {
  readonly safeStorage: Pick<
    SafeStorage,
    'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
  >;
  readonly platform: NodeJS.Platform;
  readonly store: KeyValueStore<CredentialShape>;
  readonly log?: (line: string) => void;
}): SecretPort {
  const { safeStorage, store } = deps;
  const log = deps.log ?? (() => {});
  return {
    get() {
      const stored = store.get('credential');
      if (typeof stored !== 'string' || stored === '') return null;
      if (!safeStorage.isEncryptionAvailable()) {
        log('secrets: secure storage unavailable, the credential cannot be read');
        return null;
      }
      try {
        return safeStorage.decryptString(Buffer.from(stored, 'base64'));
      } catch {
        log('secrets: the stored credential could not be decrypted');
        return null;
      }
    },
    set(secret) {
      if (secret === null) {
        store.delete('credential');
        return;
      }
      if (!safeStorage.isEncryptionAvailable()) {
        log('secrets: refused to store the credential without encryption');
        throw new SecretStorageUnavailableError();
      }
      store.set('credential', safeStorage.encryptString(secret).toString('base64'));
    },
    get weak() {
      // basic_text "encrypts" with a fixed key: the file alone reveals the secret.
      return deps.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
    },
  };
}

/** What an electron-store is opened with (all three files: readable by the user only). */
export interface StoreOptions {
  readonly name: string;
  readonly configFileMode: number;
  readonly defaults?: Record<string, unknown>;
  readonly schema?: Record<string, unknown>;
  readonly rootSchema?: Record<string, unknown>;
}

/** Opens an electron-store (`new Store(options)`), injected so tests use an in-memory one. */
export type OpenStore = (
  options: StoreOptions,
) => KeyValueStore<Record<string, unknown>> & WholeStore<Record<string, unknown>>;

export interface Stores {
  readonly settings: SettingsPort;
  readonly secrets: SecretPort;
  readonly alertLedger: AlertLedgerPort;
  readonly bounds: ReturnType<typeof createBoundsStore>;
  /** Sentences for the user: files that were unreadable and moved aside or repaired. */
  readonly problems: readonly string[];
}

const CredentialFileSchema = z.object({ credential: z.string().optional() });

/**
 * The three files in the profile folder (settings, window and alert state, the encrypted
 * credential): each checked and, if need be, moved aside before its store opens it.
 */
export function setupStores(deps: {
  readonly userData: string;
  readonly openStore: OpenStore;
  readonly safeStorage: Parameters<typeof createSecretPort>[0]['safeStorage'];
  readonly platform: NodeJS.Platform;
  readonly now: number;
  readonly files?: FileOps;
  readonly log?: (line: string) => void;
}): Stores {
  const { userData, openStore, now } = deps;
  const files = deps.files ?? nodeFileOps;
  const log = deps.log ?? (() => {});
  mkdirSync(userData, { recursive: true });
  const prepared = prepareSettingsFile(join(userData, 'settings.json'), files, now);
  const stateFile = prepareJsonFile(
    join(userData, 'state.json'),
    files,
    now,
    (v) => StateSchema.safeParse(v).success,
    'window and alert state',
    FILE_LIMIT_BYTES.state,
  );
  const credentialFile = prepareJsonFile(
    join(userData, 'credentials.json'),
    files,
    now,
    (v) => CredentialFileSchema.safeParse(v).success,
    'saved credential',
    FILE_LIMIT_BYTES.credential,
  );
  const problems = [prepared.problem, stateFile.problem, credentialFile.problem].filter(
    (problem) => problem !== null,
  );

  const { schema, rootSchema } = settingsStoreSchema();
  const settingsStore = openStore({
    name: 'settings',
    schema,
    rootSchema,
    defaults: prepared.settings,
    configFileMode: 0o600,
  });
  const stateStore = openStore({
    name: 'state',
    defaults: { alertMemory: {}, windowBounds: null },
    configFileMode: 0o600,
  });
  const credentialStore = openStore({ name: 'credentials', configFileMode: 0o600 });
  return {
    settings: createSettingsPort(settingsStore as unknown as WholeStore<Settings>, log),
    secrets: createSecretPort({
      safeStorage: deps.safeStorage,
      platform: deps.platform,
      store: credentialStore as KeyValueStore<CredentialShape>,
      log,
    }),
    alertLedger: createAlertLedgerPort(stateStore as KeyValueStore<StateShape>),
    bounds: createBoundsStore(stateStore as KeyValueStore<StateShape>),
    problems,
  };
}
