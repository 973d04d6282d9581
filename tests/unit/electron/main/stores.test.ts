import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FILE_LIMIT_BYTES } from '../../../../electron/core/bounded-read.js';
import { DEFAULT_SETTINGS, type Settings } from '../../../../electron/shared/settings/schema.js';
import {
  SecretStorageUnavailableError,
  createAlertLedgerPort,
  createBoundsStore,
  createSecretPort,
  createSettingsPort,
  type CredentialShape,
  type KeyValueStore,
  type StateShape,
  type StoreOptions,
  setupStores,
} from '../../../../electron/main/stores.js';

type SafeStorageLike = Parameters<typeof createSecretPort>[0]['safeStorage'];

/** Records every value ever written, so a test can search all of it for the plain secret. */
class MemoryStore<T extends Record<string, unknown>> implements KeyValueStore<T> {
  readonly data = new Map<keyof T, unknown>();
  readonly writes: unknown[] = [];
  get<K extends keyof T>(key: K): T[K] | undefined {
    return this.data.get(key) as T[K] | undefined;
  }
  set<K extends keyof T>(key: K, value: T[K]): void {
    this.writes.push(value);
    this.data.set(key, value);
  }
  delete<K extends keyof T>(key: K): void {
    this.data.delete(key);
  }
}

/** Real AES, like the OS keychain-backed safeStorage: ciphertext reveals nothing. */
function fakeSafeStorage(
  options: {
    available?: boolean;
    backend?: ReturnType<SafeStorageLike['getSelectedStorageBackend']>;
  } = {},
) {
  const key = randomBytes(32);
  const safeStorage: SafeStorageLike = {
    isEncryptionAvailable: () => options.available ?? true,
    encryptString(plain) {
      const iv = randomBytes(16);
      const cipher = createCipheriv('aes-256-cbc', key, iv);
      return Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final()]);
    },
    decryptString(encrypted) {
      const decipher = createDecipheriv('aes-256-cbc', key, encrypted.subarray(0, 16));
      return Buffer.concat([decipher.update(encrypted.subarray(16)), decipher.final()]).toString(
        'utf8',
      );
    },
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
  };
  return safeStorage;
}

const SECRET = 'https://team.bitrix24.com/rest/1/abcdef0123456789/';

describe('secret storage', () => {
  it('round-trips the credential and never writes it in plain text (or plain base64)', () => {
    const store = new MemoryStore<CredentialShape>();
    const secrets = createSecretPort({ safeStorage: fakeSafeStorage(), platform: 'linux', store });
    secrets.set(SECRET);
    expect(secrets.get()).toBe(SECRET);
    const written = JSON.stringify(store.writes);
    expect(written).not.toContain('abcdef0123456789');
    expect(written).not.toContain('team.bitrix24.com');
    expect(written).not.toContain(Buffer.from(SECRET).toString('base64').slice(0, 20));
  });

  it('refuses to store when encryption is unavailable, and says so', () => {
    const store = new MemoryStore<CredentialShape>();
    const secrets = createSecretPort({
      safeStorage: fakeSafeStorage({ available: false }),
      platform: 'linux',
      store,
    });
    expect(() => secrets.set(SECRET)).toThrow(SecretStorageUnavailableError);
    expect(() => secrets.set(SECRET)).toThrow(/no secure storage/);
    expect(store.writes).toEqual([]);
  });

  it('clears the credential', () => {
    const store = new MemoryStore<CredentialShape>();
    const secrets = createSecretPort({ safeStorage: fakeSafeStorage(), platform: 'win32', store });
    secrets.set(SECRET);
    secrets.set(null);
    expect(secrets.get()).toBeNull();
    expect(store.data.size).toBe(0);
  });

  it('answers null for a credential it cannot decrypt', () => {
    const store = new MemoryStore<CredentialShape>();
    store.set('credential', Buffer.from('garbage that is not ciphertext!!').toString('base64'));
    expect(
      createSecretPort({ safeStorage: fakeSafeStorage(), platform: 'darwin', store }).get(),
    ).toBeNull();
  });

  it('reports weak protection only for Linux basic_text', () => {
    const store = new MemoryStore<CredentialShape>();
    expect(
      createSecretPort({
        safeStorage: fakeSafeStorage({ backend: 'basic_text' }),
        platform: 'linux',
        store,
      }).weak,
    ).toBe(true);
    expect(
      createSecretPort({
        safeStorage: fakeSafeStorage({ backend: 'kwallet5' }),
        platform: 'linux',
        store,
      }).weak,
    ).toBe(false);
    expect(
      createSecretPort({
        safeStorage: fakeSafeStorage({ backend: 'basic_text' }),
        platform: 'darwin',
        store,
      }).weak,
    ).toBe(false);
  });
});

describe('settings port', () => {
  it('saves and loads validated settings', () => {
    const holder = { store: DEFAULT_SETTINGS };
    const port = createSettingsPort(holder);
    const changed: Settings = { ...DEFAULT_SETTINGS, pollIntervalSec: 60 };
    port.save(changed);
    expect(port.load()).toEqual(changed);
  });

  it('refuses to save invalid settings', () => {
    const holder = { store: DEFAULT_SETTINGS };
    const port = createSettingsPort(holder);
    expect(() => port.save({ ...DEFAULT_SETTINGS, pollIntervalSec: 1 })).toThrow();
    expect(holder.store).toBe(DEFAULT_SETTINGS);
  });

  it('falls back to defaults when the store cannot be read', () => {
    const lines: string[] = [];
    const holder = {
      get store(): Settings {
        throw new SyntaxError('Unexpected token');
      },
      set store(_value: Settings) {},
    };
    expect(createSettingsPort(holder, (line) => lines.push(line)).load()).toEqual(DEFAULT_SETTINGS);
    expect(lines).toHaveLength(1);
  });
});

describe('alert ledger and window bounds', () => {
  it('persist and validate what they read back', () => {
    const store = new MemoryStore<StateShape>();
    const ledger = createAlertLedgerPort(store);
    expect(ledger.load()).toEqual({});
    ledger.save({ '4': 'online@123' });
    expect(ledger.load()).toEqual({ '4': 'online@123' });
    // The key users' state files already hold: renaming it would lose what was said.
    expect(store.data.get('alertMemory')).toEqual({ '4': 'online@123' });
    store.data.set('alertMemory', { '4': 5 });
    expect(ledger.load()).toEqual({});
    const bounds = createBoundsStore(store);
    bounds.save({ x: 1, y: 2, width: 300, height: 400 });
    expect(bounds.load()).toEqual({ x: 1, y: 2, width: 300, height: 400 });
    store.data.set('windowBounds', { x: 'a' });
    expect(bounds.load()).toBeNull();
  });
});

describe('setupStores', () => {
  /** electron-store stand-in: the options it was opened with, the values in memory. */
  function openStores() {
    const opened: StoreOptions[] = [];
    const openStore = (options: StoreOptions) => {
      opened.push(options);
      const data = new Map<string, unknown>(Object.entries(options.defaults ?? {}));
      return {
        get: (key: string) => data.get(key),
        set: (key: string, value: unknown) => void data.set(key, value),
        delete: (key: string) => void data.delete(key),
        get store() {
          return Object.fromEntries(data);
        },
        set store(value: Record<string, unknown>) {
          data.clear();
          for (const [key, inner] of Object.entries(value)) data.set(key, inner);
        },
      } as never;
    };
    return { opened, openStore };
  }

  it('opens the three stores readable by the user only, settings from the checked file', () => {
    const userData = join(mkdtempSync(join(tmpdir(), 'b24-stores-')), 'profile');
    const { opened, openStore } = openStores();
    const stores = setupStores({
      userData,
      openStore,
      safeStorage: fakeSafeStorage(),
      platform: 'linux',
      now: 0,
    });
    expect(existsSync(userData)).toBe(true);
    expect(opened.map((options) => [options.name, options.configFileMode])).toEqual([
      ['settings', 0o600],
      ['state', 0o600],
      ['credentials', 0o600],
    ]);
    expect(opened[0]).toMatchObject({
      defaults: DEFAULT_SETTINGS,
      rootSchema: { additionalProperties: false },
    });
    expect(stores.settings.load()).toEqual(DEFAULT_SETTINGS);
    expect(stores.problems).toEqual([]);
    stores.secrets.set(SECRET);
    expect(stores.secrets.get()).toBe(SECRET);
    stores.bounds.save({ x: 1, y: 2, width: 400, height: 600 });
    expect(stores.bounds.load()).toEqual({ x: 1, y: 2, width: 400, height: 600 });
  });

  it('sets aside settings, state and credential files over their size limit without reading them, and starts', () => {
    const userData = mkdtempSync(join(tmpdir(), 'b24-stores-'));
    // Sparse: no disk used. 600 MB cannot even become a string (ERR_STRING_TOO_LONG).
    const sparse = (name: string, size: number) => {
      writeFileSync(join(userData, name), '');
      truncateSync(join(userData, name), size);
    };
    sparse('settings.json', 600 * 1024 * 1024);
    sparse('state.json', FILE_LIMIT_BYTES.state + 1);
    sparse('credentials.json', FILE_LIMIT_BYTES.credential + 1);
    const { openStore } = openStores();
    const stores = setupStores({
      userData,
      openStore,
      safeStorage: fakeSafeStorage(),
      platform: 'linux',
      now: 0,
    });
    expect(stores.settings.load()).toEqual(DEFAULT_SETTINGS);
    expect(stores.problems).toEqual([
      expect.stringMatching(
        /^The settings file is 600 MB, over the 1 MB a settings file can be\. It was moved to .*settings\.json\.corrupt-/,
      ),
      expect.stringMatching(/^The window and alert state file is 4 MB, over the 4 MB /),
      expect.stringMatching(/^The saved credential file is 0\.1 MB, over the 0\.1 MB /),
    ]);
    expect(readdirSync(userData).filter((name) => name.includes('.corrupt-'))).toHaveLength(3);
  });

  it('moves unreadable files aside and says so', () => {
    const userData = mkdtempSync(join(tmpdir(), 'b24-stores-'));
    writeFileSync(join(userData, 'settings.json'), '{"version": 3,');
    writeFileSync(join(userData, 'state.json'), '[]');
    const { openStore } = openStores();
    const stores = setupStores({
      userData,
      openStore,
      safeStorage: fakeSafeStorage(),
      platform: 'linux',
      now: Date.UTC(2026, 0, 1),
    });
    expect(stores.problems).toHaveLength(2);
    expect(stores.problems[0]).toMatch(/not valid JSON/);
    expect(stores.problems[1]).toMatch(/window and alert state/);
    expect(readdirSync(userData).filter((name) => name.includes('.corrupt-'))).toHaveLength(2);
  });
});
