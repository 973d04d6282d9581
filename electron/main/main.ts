/**
 * Composition root of the desktop app: builds the core with real ports, then switches the
 * shell modules on one by one. No decision is made here; each `setupX` is a module of this
 * folder, unit-tested with the Electron objects it needs passed in (tests/unit/electron/main).
 */
import {
  app,
  BrowserWindow,
  dialog,
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
import Store from 'electron-store';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppService } from '../core/app-service.js';
import { systemClock } from '../core/clock.js';
import { startAppDemo } from '../demo/app-demo.js';
import type { DemoPortal } from '../demo/types.js';
import { resolveLocale, type Locale } from '../shared/locale.js';
import { APP_ID, PRODUCT_NAME } from './app-identity.js';
import { setupAutostart } from './autostart.js';
import { setupIpc } from './ipc.js';
import { openLogFile, safeLogLine, type LogFile } from './log-file.js';
import { claimSingleInstance, shouldStartHidden } from './launch.js';
import { setupNotifications, type Notifier } from './notifications.js';
import { panelActions } from './panel-actions.js';
import { setupPanelCsp } from './panel-csp.js';
import { wirePowerEvents } from './power.js';
import { watchUserIdle } from './user-presence.js';
import { historyFolders } from '../core/history/node-files.js';
import { appScheme, setupPanelProtocol } from './protocol.js';
import { setupQuit } from './quit.js';
import { reportStartupFailure } from './startup-failure.js';
import { createExternalOpener } from './security/external-urls.js';
import { PANEL_URL } from './security/sender.js';
import { setupSecurity } from './security/setup.js';
import { setupStores, type OpenStore } from './stores.js';
import { setupTray } from './tray.js';
import { trayIconPath } from './tray-icons.js';
import { PanelWindow } from './window.js';

const here = dirname(fileURLToPath(import.meta.url));
const appRoot = join(here, '..', '..');
/** Diagnostics to the console and, once the app is ready, to the log file About names. */
let logFile: LogFile | null = null;
const log = (line: string): void => {
  const text = safeLogLine(`[b24 ${new Date().toISOString()}] ${line}`);
  console.log(text);
  logFile?.write(text);
};

// An isolated profile for tests and side-by-side runs; must be set before the lock is taken.
if (process.env.B24_PRESENCE_USER_DATA) app.setPath('userData', process.env.B24_PRESENCE_USER_DATA);
protocol.registerSchemesAsPrivileged([appScheme]);

let panel: PanelWindow | null = null;

if (
  claimSingleInstance(app, (hidden) => {
    if (!hidden) panel?.show();
  })
) {
  app
    .whenReady()
    .then(run)
    .catch((error: unknown) => reportStartupFailure({ app, dialog, log }, PRODUCT_NAME, error));
}

async function run(): Promise<void> {
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  if (process.platform !== 'darwin') Menu.setApplicationMenu(null);
  const quit = setupQuit(app);
  app.setAppLogsPath(); // macOS: ~/Library/Logs/B24 Presence; elsewhere the data folder's logs
  logFile = openLogFile(app.getPath('logs'));
  const userData = app.getPath('userData');

  const stores = setupStores({
    userData,
    openStore: ((options) =>
      new Store(options as ConstructorParameters<typeof Store>[0])) as OpenStore,
    safeStorage,
    platform: process.platform,
    now: Date.now(),
    log,
  });

  let demo: DemoPortal | null = null;
  let notifier: Notifier | null = null;
  const service = createAppService({
    host: 'desktop',
    appVersion: app.getVersion(),
    platform: process.platform,
    settings: stores.settings,
    secrets: stores.secrets,
    alertLedger: stores.alertLedger,
    // Links open only on the portal the service is connected to now.
    opener: createExternalOpener(shell, () => service.portalOrigin(), log),
    startDemo: async () => (demo = await startAppDemo()),
    locale: () => uiLocale(),
    // The presence history lives only here, one folder per portal (see core/history).
    historyFolder: historyFolders(join(userData, 'history')),
    onStorageProblem: (message) =>
      notifier?.showMessage(`${PRODUCT_NAME}: history problem`, message),
    log,
    about: {
      runtime: {
        electron: process.versions.electron,
        chrome: process.versions.chrome,
        node: process.versions.node,
      },
      settingsFolder: userData,
      logFolder: logFile.folder,
      historyFolder: join(userData, 'history'),
    },
  });
  /** The language the shell speaks (tray, alerts): the panel's setting, or the system's. */
  const uiLocale = (): Locale => resolveLocale(service.settings().ui.language, [app.getLocale()]);

  setupSecurity(app, session.defaultSession, log);
  const window = new PanelWindow({
    create: (options) => new BrowserWindow(options),
    url: PANEL_URL,
    preload: join(appRoot, 'dist', 'preload', 'preload.cjs'),
    devTools: !app.isPackaged,
    clock: systemClock,
    loadBounds: stores.bounds.load,
    saveBounds: stores.bounds.save,
    workAreas: () => screen.getAllDisplays().map((display) => display.workArea),
    isQuitting: () => quit.quitting(),
    log,
  });
  panel = window;
  const actions = panelActions(window);
  const csp = setupPanelCsp(service, window);
  setupPanelProtocol(protocol, { root: join(appRoot, 'dist', 'renderer'), csp: csp.csp });
  await setupIpc(service, window, log);

  notifier = setupNotifications(
    { Notification, platform: process.platform, log },
    service,
    actions,
    { productName: PRODUCT_NAME, problems: stores.problems },
  );
  const tray = setupTray(
    {
      Tray,
      Menu,
      icon: (state) =>
        nativeImage.createFromPath(
          trayIconPath(state, {
            packaged: app.isPackaged,
            resourcesPath: process.resourcesPath,
            appRoot,
          }),
        ),
    },
    service,
    actions,
    { locale: uiLocale, quit: () => app.quit() },
  );
  wirePowerEvents(powerMonitor, service, log);
  watchUserIdle(powerMonitor, service, globalThis, log);
  setupAutostart(
    {
      app,
      platform: process.platform,
      env: process.env,
      execPath: process.execPath,
      productName: PRODUCT_NAME,
      log,
    },
    service,
  );

  // macOS: clicking the Dock icon of a running app shows its panel.
  app.on('activate', () => actions.show());
  quit.onQuit(() => tray.destroy());
  quit.onQuit(() => window.dispose());
  quit.onQuit(() => service.stop());

  if (process.env.B24_PRESENCE_TEST_HOOKS === '1') {
    // Read by the Playwright _electron smoke tests through electronApp.evaluate().
    Object.assign(globalThis, { __b24presence: { tray: () => tray.shown, demo: () => demo } });
  }

  const started = service.start().then(() => csp.sync());
  started.catch(() => log('service: start failed'));
  // Give the service a moment to learn the portal origin, so the panel's first load already
  // has the right CSP; a slow portal does not hold the window back longer than this.
  await Promise.race([started, new Promise((resolve) => setTimeout(resolve, 1500))]);

  const hidden = shouldStartHidden({
    argv: process.argv,
    startMinimized: service.settings().ui.startMinimized,
    openedAtLogin: process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin,
  });
  if (!hidden) actions.show();
}
