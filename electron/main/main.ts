/**
 * Composition root of the desktop app: builds the core with real ports and switches on the
 * small shell modules one by one. No business logic lives here; every decision is in a module
 * that is unit-tested with the Electron objects it needs passed in.
 */
import {
  app,
  BrowserWindow,
  Menu,
  Notification,
  Tray,
  nativeImage,
  powerMonitor,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
} from 'electron';
import Store, { type Schema } from 'electron-store';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { createAppService } from '../core/app-service.js';
import type { PresenceSummary } from '../core/ports.js';
import { settingsStoreSchema } from '../core/settings/json-schema.js';
import type { Settings } from '../shared/settings/schema.js';
import { startDemoPortal } from '../demo/portal.js';
import type { DemoPortal } from '../demo/types.js';
import type { ConnectionInfo } from '../shared/contract.js';
import { APP_ID, PRODUCT_NAME } from './app-identity.js';
import { applyAutostart } from './autostart.js';
import { registerIpc } from './ipc.js';
import { claimSingleInstance, shouldStartHidden } from './launch.js';
import { Notifier } from './notifications.js';
import { wirePowerEvents } from './power.js';
import { appScheme, createPanelProtocolHandler } from './protocol.js';
import { forwardEvents, pushTo } from './push.js';
import { buildCsp } from '../shared/csp.js';
import { createExternalOpener } from './security/external-urls.js';
import { guardNavigation } from './security/navigation.js';
import { denyAllPermissions } from './security/permissions.js';
import { APP_SCHEME, PANEL_URL, isTrustedSender } from './security/sender.js';
import { nodeFileOps, prepareJsonFile, prepareSettingsFile } from './store-files.js';
import {
  StateSchema,
  createAlertMemoryPort,
  createBoundsMemory,
  createSecretPort,
  createSettingsPort,
  type CredentialShape,
  type StateShape,
} from './stores.js';
import { TrayController, trayFormat } from './tray.js';
import { trayIconPath } from './tray-icons.js';
import { PanelWindow } from './window.js';
import { systemClock } from '../core/clock.js';
import { resolveLocale, type Locale } from '../shared/locale.js';

const here = dirname(fileURLToPath(import.meta.url));
const appRoot = join(here, '..', '..');
const log = (line: string): void => console.log(`[b24 ${new Date().toISOString()}] ${line}`);

// An isolated profile for tests and side-by-side runs; must be set before the lock is taken.
if (process.env.B24_PRESENCE_USER_DATA) app.setPath('userData', process.env.B24_PRESENCE_USER_DATA);
protocol.registerSchemesAsPrivileged([appScheme]);

let panel: PanelWindow | null = null;
let quitting = false;

if (claimSingleInstance(app, (hidden) => { if (!hidden) panel?.show(); })) {
  app.on('window-all-closed', () => {
    // The app lives in the tray: no window is not a reason to quit.
  });
  app.whenReady().then(run, (error: unknown) => {
    log(`startup failed: ${error instanceof Error ? error.name : 'unknown error'}`);
    app.exit(1);
  });
}

async function run(): Promise<void> {
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  if (process.platform !== 'darwin') Menu.setApplicationMenu(null);

  const userData = app.getPath('userData');
  mkdirSync(userData, { recursive: true });
  const now = Date.now();
  const problems: string[] = [];
  const prepared = prepareSettingsFile(join(userData, 'settings.json'), nodeFileOps, now);
  const stateFile = prepareJsonFile(join(userData, 'state.json'), nodeFileOps, now, (v) => StateSchema.safeParse(v).success, 'window and alert memory');
  const credentialFile = prepareJsonFile(
    join(userData, 'credentials.json'),
    nodeFileOps,
    now,
    (v) => z.object({ credential: z.string().optional() }).safeParse(v).success,
    'saved credential',
  );
  for (const problem of [prepared.problem, stateFile.problem, credentialFile.problem]) if (problem) problems.push(problem);

  const { schema, rootSchema } = settingsStoreSchema();
  const settingsStore = new Store<Settings>({
    name: 'settings',
    schema: schema as Schema<Settings>,
    rootSchema,
    defaults: prepared.settings,
    configFileMode: 0o600,
  });
  const stateStore = new Store<StateShape>({ name: 'state', defaults: { alertMemory: {}, windowBounds: null }, configFileMode: 0o600 });
  const credentialStore = new Store<CredentialShape>({ name: 'credentials', configFileMode: 0o600 });

  const settingsPort = createSettingsPort(settingsStore, log);
  let currentSettings = settingsPort.load();
  /** The language the shell speaks (tray, alerts): the panel's setting, or the system's. */
  const uiLocale = (): Locale => resolveLocale(currentSettings.ui.language, [app.getLocale()]);
  const secrets = createSecretPort({ safeStorage, platform: process.platform, store: credentialStore, log });
  const bounds = createBoundsMemory(stateStore);

  let portalOrigin: string | null = null;
  let demo: DemoPortal | null = null;
  const opener = createExternalOpener(shell, () => portalOrigin, log);
  const service = createAppService({
    host: 'desktop',
    appVersion: app.getVersion(),
    platform: process.platform,
    settings: settingsPort,
    secrets,
    alertMemory: createAlertMemoryPort(stateStore),
    opener,
    startDemo: async () => {
      const started = await startDemoPortal({ officeHoursNow: true });
      demo = started;
      return started;
    },
    locale: () => uiLocale(),
    log,
  });

  // Security: one guard set for every web contents, including any the panel might try to create.
  app.on('web-contents-created', (_event, contents) => guardNavigation(contents, log));
  denyAllPermissions(session.defaultSession, log);
  protocol.handle(
    APP_SCHEME,
    createPanelProtocolHandler({ root: join(appRoot, 'dist', 'renderer'), csp: () => buildCsp(portalOrigin) }),
  );

  const activePanel = new PanelWindow({
    create: (options) => new BrowserWindow(options),
    url: PANEL_URL,
    preload: join(appRoot, 'dist', 'preload', 'preload.cjs'),
    devTools: !app.isPackaged,
    clock: systemClock,
    loadBounds: bounds.load,
    saveBounds: bounds.save,
    workAreas: () => screen.getAllDisplays().map((display) => display.workArea),
    isQuitting: () => quitting,
    log,
  });
  panel = activePanel;

  await registerIpc({
    isTrusted: (event) => isTrustedSender(event.sender, event.senderFrame, activePanel.current?.webContents ?? null),
    handle: (channel, request) => service.handle(channel, request),
    log,
  });
  forwardEvents(service, () => (activePanel.current ? (wire, payload) => activePanel.send(wire, payload) : null));

  const focusColleague = (id: number | null): void => {
    activePanel.show();
    if (id !== null) activePanel.afterLoad(() => pushTo((wire, payload) => activePanel.send(wire, payload), 'focus-colleague', { id }));
  };
  const notifier = new Notifier({ Notification, sound: () => currentSettings.alerts.sound, platform: process.platform, onClick: focusColleague, log });
  service.on('alert', (intent) => notifier.showAlert(intent));

  const openSettings = (): void => {
    activePanel.show();
    activePanel.afterLoad(() => pushTo((wire, payload) => activePanel.send(wire, payload), 'open-settings', null));
  };
  const tray = new TrayController(
    {
      Tray,
      Menu,
      icon: (state) =>
        nativeImage.createFromPath(
          trayIconPath(state, { packaged: app.isPackaged, resourcesPath: process.resourcesPath, appRoot }),
        ),
    },
    service.summary(),
    {
      showPanel: () => activePanel.show(),
      togglePanel: () => activePanel.toggle(),
      refresh: () => void service.handle('poll:refresh', null),
      pauseAlerts: (until) => void service.handle('alerts:pause', { until }),
      openSettings,
      quit: () => app.quit(),
    },
    () => Date.now(),
    trayFormat(uiLocale()),
  );
  service.onSummary((summary: PresenceSummary) => tray.update(summary));
  setInterval(() => tray.tick(), 10_000).unref();

  wirePowerEvents(powerMonitor, service, log);

  const autostart = (enabled: boolean): void => {
    const result = applyAutostart(
      {
        app,
        platform: process.platform,
        executable: process.env.APPIMAGE ?? process.execPath,
        configHome: process.env.XDG_CONFIG_HOME || join(homedir(), '.config'),
        productName: PRODUCT_NAME,
        fs: {
          writeText: (path, text) => writeFileSync(path, text, 'utf8'),
          remove: (path) => rmSync(path, { force: true }),
          mkdirp: (path) => mkdirSync(path, { recursive: true }),
        },
        log,
      },
      enabled,
    );
    log(`autostart: ${enabled ? 'on' : 'off'} (${result})`);
  };
  if (currentSettings.ui.startAtLogin) autostart(true);
  service.on('settings', (next) => {
    const before = currentSettings;
    currentSettings = next;
    if (before.ui.startAtLogin !== next.ui.startAtLogin) autostart(next.ui.startAtLogin);
    if (before.ui.language !== next.ui.language) tray.setFormat(trayFormat(uiLocale()));
  });
  const onConnection = (connection: ConnectionInfo): void => {
    if (connection.portalOrigin === portalOrigin) return;
    portalOrigin = connection.portalOrigin;
    // The CSP's img-src names the portal, and a page's CSP is fixed when it loads.
    activePanel.reload();
  };
  service.on('connection', onConnection);

  // macOS: clicking the Dock icon of a running app shows its panel.
  app.on('activate', () => activePanel.show());

  app.on('before-quit', (event) => {
    if (quitting) return;
    quitting = true;
    event.preventDefault();
    tray.destroy();
    activePanel.dispose();
    void service.stop().finally(() => app.quit());
  });

  for (const problem of problems) {
    log(`storage: ${problem}`);
    notifier.showMessage(`${PRODUCT_NAME}: settings problem`, problem);
  }

  if (process.env.B24_PRESENCE_TEST_HOOKS === '1') {
    // Read by the Playwright _electron smoke tests through electronApp.evaluate().
    Object.assign(globalThis, { __b24presence: { tray: () => tray.shown, demo: () => demo } });
  }

  const started = service.start().then(async () => {
    const sessionState = await service.handle('session:get', null);
    if (sessionState.ok) onConnection(sessionState.value.connection);
  });
  started.catch(() => log('service: start failed'));
  // Give the service a moment to learn the portal origin, so the panel's first load already
  // has the right CSP; a slow portal does not hold the window back longer than this.
  await Promise.race([started, new Promise((resolve) => setTimeout(resolve, 1500))]);

  const hidden = shouldStartHidden({
    argv: process.argv,
    startMinimized: currentSettings.ui.startMinimized,
    openedAtLogin: process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin,
  });
  if (!hidden) activePanel.show();
}
