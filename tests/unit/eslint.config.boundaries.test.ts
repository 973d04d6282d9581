import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layer rules live in eslint.config.js; this proves they bite, by linting small snippets
 * as if they sat at the paths named.
 */
const eslint = new ESLint();

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

describe('layer rules', () => {
  it('keeps electron out of everything but the shell', async () => {
    const code = "import { app } from 'electron';\nexport const name = app.name;\n";
    expect(await restrictedImports('electron/core/zz-layer.ts', code)).toEqual([
      expect.stringMatching(/Only electron\/main and electron\/preload/),
    ]);
    expect(await restrictedImports('electron/main/zz-layer.ts', code)).toEqual([]);
  });

  it("keeps the demo portal from borrowing the app's presence rules", async () => {
    const code =
      "import { parseAtom } from '../core/presence/dates.js';\nexport const parse = parseAtom;\n";
    expect(await restrictedImports('electron/demo/zz-layer.ts', code)).toEqual([
      expect.stringMatching(/simulates a portal on its own/),
    ]);
    expect(
      await restrictedImports(
        'electron/demo/zz-layer.ts',
        "import { systemClock } from '../core/clock.js';\nexport const clock = systemClock;\n",
      ),
    ).toEqual([]);
  });

  it('keeps the panel to the bridge and the domain', async () => {
    const code =
      "import { startDemoPortal } from '../../electron/demo/portal.js';\nexport const start = startDemoPortal;\n";
    expect(await restrictedImports('renderer/src/zz-layer.ts', code)).toEqual([
      expect.stringMatching(/only knows the bridge/),
    ]);
  });
});
