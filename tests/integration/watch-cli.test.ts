import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const BIN = fileURLToPath(new URL('../../dist/cli/cli.js', import.meta.url));
const BUILT = existsSync(BIN);

/** The real executable, as a user runs it: what in-process tests cannot see (signals, exit codes). */
describe.skipIf(!BUILT)('b24-presence (built CLI process)', () => {
  it('prints ready as NDJSON on the demo portal and stops cleanly within 2 s of SIGINT', async () => {
    const child = spawn(process.execPath, [BIN, 'watch', '--demo', '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines = createInterface({ input: child.stdout });
    const first = await new Promise<string>((resolve) => lines.once('line', resolve));
    expect(JSON.parse(first)).toMatchObject({ type: 'ready', count: 40 });
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    const signalledAt = performance.now();
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(performance.now() - signalledAt).toBeLessThan(2000);
  });

  it('refuses bad arguments with one line on stderr and exit code 2', () => {
    const result = spawnSync(process.execPath, [BIN, 'watch', '--demo', '--interval', '1'], {
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      'b24-presence: --interval must be between 2 and 3600',
    ]);
    expect(result.stdout).toBe('');
  });
});
