import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The panel reaches what it shares with the Node side through one alias (see renderer/vite.config.ts).
  resolve: { alias: { $shared: fileURLToPath(new URL('./electron/shared', import.meta.url)) } },
  test: {
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    reporters: ['default', './tests/support/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/**/*.svelte.test.ts'],
        },
      },
      {
        // The panel's runes classes (`*.svelte.ts`), still in plain Node: only these tests get
        // the Svelte compiler, and Svelte's client runtime (the `browser` condition), whose
        // `$state`/`$derived` react as in the panel (its server build does not track).
        extends: true,
        plugins: [svelte({ configFile: false, compilerOptions: { css: 'external' } })],
        resolve: { conditions: ['browser'] },
        test: { name: 'svelte', include: ['tests/**/*.svelte.test.ts'] },
      },
    ],
  },
});
