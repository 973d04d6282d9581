import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';

/**
 * The layer map is a lint rule, not a drawing: each case lints one import as if written in a
 * given file of the repo (the file need not exist) and checks that the project's own
 * eslint.config.js refuses it, or lets it through.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function importErrors(file: string, importLine: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${importLine}\nexport const used = [x];\n`, {
    filePath: `${root}${file}`,
  });
  return (result?.messages ?? [])
    .filter((m) => /no-restricted-imports/.test(m.ruleId ?? ''))
    .map((m) => m.message);
}

describe('the layer map, enforced by lint', () => {
  it.each([
    [
      'core imports no demo',
      'electron/core/connection.ts',
      "import { x } from '../demo/portal.js';",
    ],
    [
      'core folders import no demo',
      'electron/core/engine/engine.ts',
      "import { x } from '../../demo/portal.js';",
    ],
    [
      'core imports no shell',
      'electron/core/app-service.ts',
      "import { x } from '../main/stores.js';",
    ],
    [
      'core imports no CLI',
      'electron/core/bitrix/client.ts',
      "import { x } from '../../cli/args.js';",
    ],
    [
      'shared imports no core',
      'electron/shared/contract.ts',
      "import { x } from '../core/clock.js';",
    ],
    [
      'shared imports no demo',
      'electron/shared/presence/counts.ts',
      "import { x } from '../../demo/team.js';",
    ],
    ['shared imports no Node module', 'electron/shared/domain.ts', "import { x } from 'node:fs';"],
    [
      'the engine does not reach into history',
      'electron/core/engine/engine.ts',
      "import { x } from '../history/journal.js';",
    ],
    [
      'a folder does not import the service above it',
      'electron/core/alerts/policy.ts',
      "import { x } from '../app-service.js';",
    ],
    [
      'the poller knows nothing of Bitrix24',
      'electron/core/poller/poller.ts',
      "import { x } from '../bitrix/client.js';",
    ],
    [
      'the REST client knows nothing of presence',
      'electron/core/bitrix/team.ts',
      "import { x } from '../presence/model.js';",
    ],
    [
      'the presence model takes only types from the client',
      'electron/core/presence/model.ts',
      "import { x } from '../bitrix/client.js';",
    ],
    [
      'the presence model stays portable',
      'electron/core/presence/model.ts',
      "import { x } from 'node:fs';",
    ],
    [
      'the calendar parser stays pure',
      'electron/core/calendar/parse.ts',
      "import { x } from '../bitrix/client.js';",
    ],
    ['electron only in the shell', 'electron/core/clock.ts', "import { x } from 'electron';"],
  ])('refuses: %s', async (_rule, file, line) => {
    expect(await importErrors(file, line)).not.toEqual([]);
  });

  it.each([
    [
      'the engine uses the client',
      'electron/core/engine/engine.ts',
      "import { x } from '../bitrix/client.js';",
    ],
    [
      'alerts use the digest',
      'electron/core/alerts/policy.ts',
      "import { x } from '../history/digest.js';",
    ],
    [
      'the presence model takes the client types',
      'electron/core/presence/model.ts',
      "import type { x } from '../bitrix/types.js';",
    ],
    [
      'the service uses the engine',
      'electron/core/connection.ts',
      "import { x } from './engine/engine.js';",
    ],
    ['the hosts start the demo', 'electron/cli/cli.ts', "import { x } from '../demo/app-demo.js';"],
  ])('allows: %s', async (_rule, file, line) => {
    expect(await importErrors(file, line)).toEqual([]);
  });
});
