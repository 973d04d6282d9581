#!/usr/bin/env node
// The CLI is bundled by `npm run build`; this stub only points at it.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('b24-presence: not built yet; run `npm run build` first.\n');
  process.exit(2);
}
await import(cli.href);
