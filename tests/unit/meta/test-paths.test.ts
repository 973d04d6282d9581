import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * A module's unit test is found from its path: `tests/unit/<path>.test.ts` tests `<path>.ts`
 * (`x.svelte.ts` → `x.svelte.test.ts`; `x.cjs`/`x.js` → `x.test.ts`). One aspect of a module may
 * have a test of its own, `<module>.<aspect>.test.ts` (engine.bell.test.ts). A module without
 * such a test is named in COVERED_BY with the tests that do cover it and why; nothing else.
 */

const root = join(import.meta.dirname, '..', '..', '..');
const UNIT = 'tests/unit';
/** Where the modules that must be findable live. */
const SOURCE_ROOTS = ['electron', 'renderer/src'];
const SOURCE_EXTENSIONS = ['.ts', '.js', '.cjs', '.mjs'];

/** Unit tests with no module of their name, on purpose. */
const FOLDER_LEVEL_TESTS: Record<string, string> = {
  'electron/main/security.test.ts':
    'the guards of electron/main/security/ together, as setupSecurity wires them',
  'meta/test-paths.test.ts': 'this test: it checks the tests folder itself',
  'meta/doc-paths.test.ts': 'the repo paths comments and READMEs point at',
  'meta/readme-tables.test.ts': "the folder READMEs' file tables, against the folders",
};

interface Coverage {
  readonly by: readonly string[];
  readonly why: string;
}

/** Modules without a mirrored unit test → the test files that cover them (repo paths), and why. */
const COVERED_BY: Record<string, Coverage> = {
  ...covered(
    [
      'electron/cli/cli.ts',
      'electron/cli/version.ts',
      'electron/cli/status.ts',
      'electron/cli/watch.ts',
    ],
    [
      'tests/integration/status-cli.test.ts',
      'tests/integration/watch-cli.test.ts',
      'tests/integration/status.test.ts',
      'tests/integration/watch.test.ts',
    ],
    'the CLI entry and its commands, run whole against the demo portal',
  ),
  ...covered(
    ['electron/cli/connect.ts'],
    ['tests/unit/electron/cli/webhook-text.test.ts', 'tests/integration/watch.test.ts'],
    'the connect step of every command',
  ),
  ...covered(
    ['electron/cli/help.ts'],
    ['tests/unit/electron/cli/open-browser.test.ts', 'tests/integration/watch-cli.test.ts'],
    'a text constant; the help the CLI prints',
  ),
  ...covered(
    ['electron/cli/memory-ports.ts'],
    ['tests/integration/app-service.test.ts', 'tests/e2e-web/browser-mode.test.ts'],
    'in-memory ports that the service tests run on',
  ),
  ...covered(
    ['electron/cli/web-server.ts'],
    ['tests/integration/web-server.test.ts', 'tests/security/browser-mode-access.test.ts'],
    'a real HTTP/WebSocket server, tested over loopback',
  ),

  ...covered(
    ['electron/core/app-service.ts', 'electron/core/connection.ts'],
    ['tests/integration/app-service.test.ts', 'tests/security/credential-canary.test.ts'],
    'the composed core, tested against the demo portal over real HTTP',
  ),
  ...covered(
    ['electron/core/ports.ts'],
    ['tests/integration/app-service.test.ts'],
    "the service's port interfaces and PortError",
  ),
  ...covered(
    ['electron/core/request-failure.ts'],
    ['tests/unit/electron/core/bitrix/client.test.ts', 'tests/integration/app-service.test.ts'],
    "what the panel is told of a failure, read from the service's answers and the client's errors",
  ),
  ...covered(
    ['electron/core/bitrix/types.ts'],
    ['tests/unit/electron/core/presence/model.test.ts'],
    'types only: nothing runs',
  ),
  ...covered(
    ['electron/core/engine/portal-engine.ts'],
    ['tests/integration/app-service.test.ts', 'tests/integration/watch.test.ts'],
    'the engine built for one portal, as the hosts build it',
  ),
  ...covered(
    ['electron/core/engine/presence-source.ts'],
    [
      'tests/unit/electron/core/engine/engine.bell.test.ts',
      'tests/unit/electron/core/engine/calendar-checks.test.ts',
      'tests/security/hostile-input.test.ts',
    ],
    "the engine's Bitrix24 source, tested with the engine on fake portals",
  ),
  ...covered(
    ['electron/core/error-message.ts'],
    ['tests/unit/electron/core/engine/failure.test.ts'],
    'one line: an unknown thrown value to text',
  ),

  ...covered(
    ['electron/demo/app-demo.ts'],
    ['tests/integration/watch-cli.test.ts', 'tests/integration/status-cli.test.ts'],
    "the hosts' --demo start",
  ),
  ...covered(
    ['electron/demo/control-http.ts', 'electron/demo/http-server.ts', 'electron/demo/portal.ts'],
    ['tests/integration/demo-portal.test.ts'],
    "the demo portal's HTTP side, tested over real HTTP",
  ),
  ...covered(
    ['electron/demo/control.ts'],
    ['tests/unit/electron/demo/simulation.test.ts', 'tests/unit/electron/demo/rest-api.test.ts'],
    "the portal's state and control surface, driven directly by the simulation and REST tests",
  ),
  ...covered(
    ['electron/demo/types.ts'],
    ['tests/unit/electron/demo/simulation.test.ts', 'tests/unit/electron/demo/oracle.test.ts'],
    "the demo's types and its scope and role lists: nothing to run",
  ),
  ...covered(
    ['electron/demo/calendar.ts'],
    ['tests/unit/electron/demo/rest-calendar.test.ts', 'tests/integration/calendar-truth.test.ts'],
    "the demo's calendars, read back from its REST answers",
  ),
  ...covered(
    ['electron/demo/loopback.ts'],
    ['tests/integration/web-server.test.ts', 'tests/security/browser-mode-access.test.ts'],
    'the loopback-only listen, tested where servers listen',
  ),
  ...covered(
    ['electron/demo/team.ts'],
    ['tests/integration/demo-outsiders.test.ts', 'tests/unit/electron/demo/simulation.test.ts'],
    'the generated team',
  ),
  ...covered(
    ['electron/demo/php-json.ts'],
    ['tests/unit/electron/demo/params.test.ts'],
    "PHP's JSON shapes, tested directly beside the parameters parser",
  ),
  ...covered(
    ['electron/demo/rate-limit.ts'],
    ['tests/unit/electron/demo/rest-api.test.ts'],
    "the portal's limiter and operating budget, tested directly in the REST API's limits",
  ),

  ...covered(
    ['electron/main/app-identity.ts', 'electron/main/tray-icons.ts'],
    ['tests/unit/build/electron-builder.config.test.ts'],
    'names and icon paths, checked against the packaging',
  ),
  ...covered(
    [
      'electron/main/security/external-urls.ts',
      'electron/main/security/navigation.ts',
      'electron/main/security/permissions.ts',
      'electron/main/security/setup.ts',
    ],
    ['tests/unit/electron/main/security.test.ts', 'tests/security/electron-config.test.ts'],
    'the folder-level security test',
  ),
  ...covered(
    ['electron/main/security/sender.ts'],
    ['tests/unit/electron/main/ipc.test.ts'],
    'the IPC sender check, tested where IPC applies it',
  ),
  ...covered(
    ['electron/preload/preload.ts'],
    ['tests/unit/electron/preload/bridge.test.ts', 'tests/e2e-electron/app.test.ts'],
    'runs only inside Electron; the object it exposes is bridge.ts',
  ),

  ...covered(
    ['electron/shared/channels.ts', 'electron/shared/contract.ts'],
    [
      'tests/unit/renderer/src/lib/validating-bridge.test.ts',
      'tests/unit/renderer/src/lib/fast-checks.test.ts',
      'tests/unit/electron/main/ipc.test.ts',
    ],
    'the IPC contract, tested by both of its ends',
  ),
  ...covered(
    ['electron/shared/csp.ts'],
    ['tests/unit/electron/main/security.test.ts', 'tests/unit/electron/main/panel-csp.test.ts'],
    "the CSP builder, tested with the shell's guards",
  ),
  ...covered(
    ['electron/shared/domain.ts'],
    ['tests/unit/electron/shared/presence/counts.test.ts'],
    "the domain's types and enums; the rules over them have their own tests",
  ),
  ...covered(
    ['electron/shared/settings/defaults.ts'],
    [
      'tests/unit/electron/core/settings/json-schema.test.ts',
      'tests/unit/electron/shared/settings/schema.online-limit.test.ts',
    ],
    'the default settings, which the schema tests validate',
  ),
  ...covered(
    ['electron/shared/ws-protocol.ts'],
    ['tests/unit/renderer/src/lib/ws-bridge.test.ts', 'tests/security/browser-mode-access.test.ts'],
    'the WebSocket envelopes, tested by both ends',
  ),

  ...covered(
    [
      'renderer/src/i18n/en.ts',
      'renderer/src/i18n/actions.en.ts',
      'renderer/src/i18n/actions.ru.ts',
      'renderer/src/i18n/calendar.en.ts',
      'renderer/src/i18n/calendar.ru.ts',
      'renderer/src/i18n/settings.en.ts',
      'renderer/src/i18n/settings.ru.ts',
    ],
    ['tests/unit/renderer/src/lib/i18n.test.ts', 'tests/unit/renderer/src/i18n/ru.test.ts'],
    'the catalogs, checked whole: same keys and parameters, Russian agreement',
  ),
  ...covered(
    ['renderer/src/lib/bridge.ts', 'renderer/src/lib/zod-config.ts'],
    ['tests/e2e-web/browser-mode.test.ts', 'tests/e2e-electron/app.test.ts'],
    'touch the page (window, the CSP): only a browser runs them',
  ),
  ...covered(
    ['renderer/src/lib/zod-contract.ts'],
    ['tests/unit/renderer/src/lib/validating-bridge.test.ts'],
    'loads the contract for the validating bridge',
  ),
  ...covered(
    ['renderer/src/lib/clock.ts'],
    ['tests/unit/renderer/src/state/host-mirror.svelte.test.ts'],
    "the panel's clock port and the real one: the state's tests drive a fake through it",
  ),
  ...covered(
    ['renderer/src/lib/phrase.ts'],
    ['tests/unit/renderer/src/lib/presence.test.ts', 'tests/unit/renderer/src/i18n/ru.test.ts'],
    'a presence as words, tested with the presence view',
  ),
  ...covered(
    ['renderer/src/lib/settings-update.ts'],
    [
      'tests/unit/renderer/src/lib/fast-checks.test.ts',
      'tests/unit/renderer/src/lib/settings-sync.test.ts',
    ],
    "the panel's zod-free settings update, compared with the shared one",
  ),
  ...covered(
    ['renderer/src/lib/web-notifications.ts', 'renderer/src/state/browser-alerts.svelte.ts'],
    ['tests/e2e-web/browser-alerts.test.ts'],
    "the browser's Notification API: only a browser has it",
  ),
  ...covered(
    ['renderer/src/main.ts'],
    ['tests/e2e-web/panel.test.ts', 'tests/e2e-web/layout.test.ts'],
    "the page's entry: only a browser mounts it",
  ),
  ...covered(
    ['renderer/src/state/optimistic.ts'],
    ['tests/unit/renderer/src/state/actions.svelte.test.ts'],
    "the actions' one failure convention, tested directly at the head of the actions' tests",
  ),
};

function covered(
  modules: readonly string[],
  by: readonly string[],
  why: string,
): Record<string, Coverage> {
  return Object.fromEntries(modules.map((module) => [module, { by, why }]));
}

function filesUnder(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

/** The modules that must be findable: `.ts` and `.svelte.ts`, not components and not `.d.ts`. */
const modules = SOURCE_ROOTS.flatMap(filesUnder)
  .filter((path) => path.endsWith('.ts') && !path.endsWith('.d.ts'))
  .sort();
/** Unit tests, relative to tests/unit. */
const unitTests = filesUnder(UNIT)
  .filter((path) => path.endsWith('.test.ts'))
  .map((path) => path.slice(UNIT.length + 1))
  .sort();

/** The source a unit test mirrors (repo path), or null: `<stem>.<ext>`, else `<stem minus its last .aspect>.<ext>`. */
function mirroredModule(test: string): string | null {
  const stem = test.slice(0, -'.test.ts'.length);
  const aspectless = stem.replace(/\.[^./]+$/, '');
  for (const candidate of aspectless === stem ? [stem] : [stem, aspectless]) {
    const found = SOURCE_EXTENSIONS.map((extension) => candidate + extension).find((path) =>
      existsSync(join(root, path)),
    );
    if (found) return found;
  }
  return null;
}

const tested = new Set(unitTests.map(mirroredModule).filter((module) => module !== null));

describe("a module's tests are found from its path", () => {
  it('finds the modules and the tests it checks', () => {
    expect(modules).toContain('electron/core/bitrix/client.ts');
    expect(modules).toContain('renderer/src/state/host-mirror.svelte.ts');
    expect(modules.some((path) => path.endsWith('.svelte') || path.endsWith('.d.ts'))).toBe(false);
    expect(mirroredModule('electron/core/bitrix/client.test.ts')).toBe(
      'electron/core/bitrix/client.ts',
    );
    expect(mirroredModule('renderer/src/state/actions.svelte.test.ts')).toBe(
      'renderer/src/state/actions.svelte.ts',
    );
    expect(mirroredModule('electron/core/engine/engine.bell.test.ts')).toBe(
      'electron/core/engine/engine.ts',
    );
    expect(mirroredModule('build/electron-builder.config.test.ts')).toBe(
      'build/electron-builder.config.cjs',
    );
    expect(mirroredModule('electron/core/no-such-module.test.ts')).toBeNull();
  });

  it('every module has a mirrored unit test or says what covers it', () => {
    const unaccounted = modules.filter((module) => !tested.has(module) && !(module in COVERED_BY));
    expect(unaccounted, 'add tests/unit/<module path>.test.ts, or an entry in COVERED_BY').toEqual(
      [],
    );
  });

  it('every unit test mirrors a module that exists, or is a named folder-level test', () => {
    const orphans = unitTests.filter(
      (test) => mirroredModule(test) === null && !(test in FOLDER_LEVEL_TESTS),
    );
    expect(
      orphans,
      'move the test to tests/unit/<module path>.test.ts, or name it in FOLDER_LEVEL_TESTS',
    ).toEqual([]);
    const staleFolderTests = Object.keys(FOLDER_LEVEL_TESTS).filter(
      (test) => !unitTests.includes(test),
    );
    expect(staleFolderTests).toEqual([]);
  });

  it('the covered-by map names only modules without a mirrored test, and files that exist', () => {
    const mirroredToo = Object.keys(COVERED_BY).filter((module) => tested.has(module));
    expect(mirroredToo, 'a module with a mirrored test leaves COVERED_BY').toEqual([]);
    const notModules = Object.keys(COVERED_BY).filter((module) => !modules.includes(module));
    expect(notModules, 'COVERED_BY names a module that does not exist').toEqual([]);
    const missing = Object.values(COVERED_BY)
      .flatMap(({ by }) => by)
      .filter((file) => !file.endsWith('.test.ts') || !existsSync(join(root, file)));
    expect([...new Set(missing)], 'COVERED_BY points at test files that do not exist').toEqual([]);
    const unreasoned = Object.entries(COVERED_BY).filter(
      ([, { by, why }]) => by.length === 0 || why.trim() === '',
    );
    expect(unreasoned).toEqual([]);
  });
});
