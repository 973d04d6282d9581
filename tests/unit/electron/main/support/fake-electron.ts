/**
 * A stand-in for the `electron` module, aliased in by the composition test's esbuild bundle of
 * main.ts. It records what the shell does (windows, tray, IPC handlers, notifications) on
 * `globalThis.__fakeElectron` so the test can drive and inspect the real composition root.
 */
import { EventEmitter } from 'node:events';

type Handler = (event: unknown, payload: unknown) => unknown;

export interface FakeElectronState {
  handlers: Map<string, Handler>;
  windows: FakeBrowserWindow[];
  trays: FakeTray[];
  notifications: Array<Record<string, unknown>>;
  protocolHandlers: Map<string, (request: Request) => Promise<Response>>;
  privilegedSchemes: unknown[];
  quitCalls: number;
  readyResolve: () => void;
  userData: string;
  /** What safeStorage says it uses ('basic_text': Linux without a keyring, a publicly known key). */
  storageBackend: string;
  /** Strings safeStorage was asked to encrypt. */
  encryptCalls: number;
}

const state: FakeElectronState = {
  handlers: new Map(),
  windows: [],
  trays: [],
  notifications: [],
  protocolHandlers: new Map(),
  privilegedSchemes: [],
  quitCalls: 0,
  readyResolve: () => {},
  userData: '',
  storageBackend: 'gnome_libsecret',
  encryptCalls: 0,
};
(globalThis as unknown as { __fakeElectron: FakeElectronState }).__fakeElectron = state;

const ready = new Promise<void>((resolve) => (state.readyResolve = resolve));

class FakeApp extends EventEmitter {
  isPackaged = false;
  requestSingleInstanceLock = () => true;
  whenReady = () => ready;
  /** Like Electron's: `logs` is the data folder's logs/ once setAppLogsPath() was called (Linux, Windows). */
  getPath = (name: string) => (name === 'logs' ? `${state.userData}/logs` : state.userData);
  setAppLogsPath = () => {};
  setPath = (_name: string, value: string) => {
    state.userData = value;
  };
  getVersion = () => '0.0.0-test';
  getLocale = () => 'en-US';
  quit = () => {
    state.quitCalls++;
  };
  exit = () => {};
  setAppUserModelId = () => {};
  getLoginItemSettings = () => ({ wasOpenedAtLogin: false });
  setLoginItemSettings = () => {};
}
export const app = new FakeApp();
(globalThis as unknown as { __fakeElectronApp: FakeApp }).__fakeElectronApp = app;

class FakeWebContents extends EventEmitter {
  static nextId = 1;
  id = FakeWebContents.nextId++;
  sent: Array<[string, unknown]> = [];
  destroyed = false;
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
  }
  isDestroyed() {
    return this.destroyed;
  }
  reload() {}
  setWindowOpenHandler() {}
}

export class FakeBrowserWindow extends EventEmitter {
  webContents = new FakeWebContents();
  visible = false;
  destroyed = false;
  url: string | null = null;
  constructor(readonly options: Record<string, unknown>) {
    super();
    state.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  async loadURL(url: string) {
    this.url = url;
    this.webContents.emit('did-finish-load');
  }
  show() {
    this.visible = true;
  }
  hide() {
    this.visible = false;
  }
  focus() {}
  destroy() {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
  isDestroyed() {
    return this.destroyed;
  }
  isVisible() {
    return this.visible;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  getNormalBounds() {
    return { x: 10, y: 10, width: 400, height: 640 };
  }
}
export const BrowserWindow = FakeBrowserWindow;

export class FakeTray extends EventEmitter {
  tooltip = '';
  image: unknown;
  menu: unknown;
  destroyed = false;
  constructor(image: unknown) {
    super();
    this.image = image;
    state.trays.push(this);
  }
  setImage(image: unknown) {
    this.image = image;
  }
  setToolTip(text: string) {
    this.tooltip = text;
  }
  setContextMenu(menu: unknown) {
    this.menu = menu;
  }
  destroy() {
    this.destroyed = true;
  }
  isDestroyed() {
    return this.destroyed;
  }
}
export const Tray = FakeTray;

export const Menu = {
  setApplicationMenu: () => {},
  buildFromTemplate: (template: unknown) => ({ template }),
};

export class Notification extends EventEmitter {
  static isSupported = () => true;
  constructor(options: Record<string, unknown>) {
    super();
    state.notifications.push(options);
  }
  show() {}
  close() {}
}

export const nativeImage = { createFromPath: (path: string) => ({ path }) };
export const powerMonitor = Object.assign(new EventEmitter(), { getSystemIdleTime: () => 0 });
export const protocol = {
  registerSchemesAsPrivileged: (schemes: unknown[]) => state.privilegedSchemes.push(...schemes),
  handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
    state.protocolHandlers.set(scheme, handler),
};
export const safeStorage = {
  isEncryptionAvailable: () => true,
  encryptString: (plain: string) => {
    state.encryptCalls++;
    return Buffer.from(plain, 'utf8').reverse();
  },
  decryptString: (encrypted: Buffer) => Buffer.from(encrypted).reverse().toString('utf8'),
  getSelectedStorageBackend: () => state.storageBackend,
};
export const screen = {
  getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
};
export const session = {
  defaultSession: {
    setPermissionRequestHandler: () => {},
    setPermissionCheckHandler: () => {},
    setDevicePermissionHandler: () => {},
  },
};
export const shell = { openExternal: async () => {} };
export const dialog = { showErrorBox: () => {} };
export const ipcMain = {
  handle: (channel: string, handler: Handler) => state.handlers.set(channel, handler),
  removeHandler: (channel: string) => state.handlers.delete(channel),
  on: () => {},
};

export default {
  app,
  BrowserWindow,
  Tray,
  Menu,
  Notification,
  nativeImage,
  powerMonitor,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  dialog,
  ipcMain,
};
