import type { SafeStorage } from 'electron';
import { z } from 'zod';
import { PortError, type AlertMemoryPort, type SecretPort, type SettingsPort } from '../core/ports.js';
import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from '../shared/settings/schema.js';
import type { Bounds } from './window.js';

/**
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

export function createSettingsPort(store: WholeStore<Settings>, log: (line: string) => void = () => {}): SettingsPort {
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

export interface StateShape extends Record<string, unknown> {
  alertMemory: Record<string, string>;
  windowBounds: Bounds | null;
}

export const StateSchema = z.object({
  alertMemory: z.record(z.string(), z.string()).optional(),
  windowBounds: z
    .object({ x: z.number(), y: z.number(), width: z.number().positive(), height: z.number().positive() })
    .nullable()
    .optional(),
});

export function createAlertMemoryPort(store: KeyValueStore<StateShape>): AlertMemoryPort {
  return {
    load() {
      const parsed = StateSchema.shape.alertMemory.safeParse(store.get('alertMemory'));
      return parsed.success ? (parsed.data ?? {}) : {};
    },
    save(memory) {
      store.set('alertMemory', { ...memory });
    },
  };
}

export function createBoundsMemory(store: KeyValueStore<StateShape>): { load(): Bounds | null; save(bounds: Bounds): void } {
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
    super('secret-storage-unavailable', 'This system offers no secure storage for the credential, so it was not saved. Set up a keyring (e.g. GNOME Keyring or KWallet) and connect again.');
  }
}

/**
 * The credential (webhook URL or serialised OAuth tokens) lives only as safeStorage
 * ciphertext. When encryption is unavailable it is refused, never written in clear text.
 */
export function createSecretPort(deps: {
  readonly safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>;
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
