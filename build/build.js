// @ts-check
/**
 * Builds everything that runs: the renderer (Vite), and with esbuild the Electron main process
 * (ESM), the sandboxed preload (one CommonJS file, as sandboxed preloads require), the CLI
 * (watch / web) and the benchmarks. Type checking is `npm run typecheck`'s job, not this one's.
 */
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { chmodSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
/** Written into the bundles (`b24-presence --version`): nothing reads package.json at run time. */
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;

/** @type {Array<{ entry: string, outfile: string, format: 'esm' | 'cjs' }>} */
const nodeTargets = [
  { entry: 'electron/main/main.ts', outfile: 'dist/main/main.js', format: 'esm' },
  { entry: 'electron/preload/preload.ts', outfile: 'dist/preload/preload.cjs', format: 'cjs' },
  { entry: 'electron/cli/cli.ts', outfile: 'dist/cli/cli.js', format: 'esm' },
  { entry: 'tests/bench/bench.ts', outfile: 'dist/bench/bench.js', format: 'esm' },
];

rmSync(dist, { recursive: true, force: true });

for (const target of nodeTargets) {
  await esbuild({
    absWorkingDir: root,
    entryPoints: [target.entry],
    outfile: target.outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: target.format,
    sourcemap: 'linked',
    // The preload runs sandboxed: it can only `require('electron')`, so everything else is inlined.
    packages: target.format === 'cjs' ? undefined : 'external',
    external: ['electron'],
    logLevel: 'warning',
    define: { __B24_PRESENCE_VERSION__: JSON.stringify(version) },
    // The CLI is the package's bin: it must be directly executable.
    banner: target.entry === 'electron/cli/cli.ts' ? { js: '#!/usr/bin/env node' } : undefined,
  });
  if (target.entry === 'electron/cli/cli.ts') chmodSync(join(root, target.outfile), 0o755);
}

await viteBuild({ configFile: join(root, 'renderer/vite.config.ts'), logLevel: 'warn' });
