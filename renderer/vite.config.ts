import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
// eslint-disable-next-line no-restricted-imports -- this config runs in Node at build time, never in the panel
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The panel is loaded from app://panel/ (Electron) or the browser-mode server, so every asset path
 * is relative. CSS goes to files, never inline, because the CSP allows styles from 'self' only.
 */
export default defineConfig({
  root,
  base: './',
  plugins: [svelte({ compilerOptions: { css: 'external' } })],
  // What the panel shares with the Node side (domain, contract, settings schema, snapshot
  // patches, counts) lives in electron/shared and is imported as $shared/… only.
  resolve: { alias: { $shared: fileURLToPath(new URL('../electron/shared', import.meta.url)) } },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    // Inlined assets would become data: URLs for fonts/styles, which the CSP refuses.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: true,
    rolldownOptions: {
      output: {
        // zod loads after the first paint (lib/validating-bridge.ts). zod-config.ts shares zod's
        // chunk, so `jitless` is set when that chunk runs, before any chunk that builds a schema.
        codeSplitting: {
          groups: [
            {
              name: 'zod',
              test: /node_modules[\\/]zod[\\/]|renderer[\\/]src[\\/]lib[\\/]zod-config\.ts/,
            },
          ],
        },
      },
    },
  },
});
