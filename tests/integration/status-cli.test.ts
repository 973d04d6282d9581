import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { createServer as createHttpServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../dist/cli/cli.js', import.meta.url));
const BUILT = existsSync(BIN);
const PACKAGE_VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

/** The built executable, run from a directory that is not the project (as npx or the installed bin would). */
function run(args: string[], env: Record<string, string> = {}) {
  const { B24_WEBHOOK_URL: _ignored, ...inherited } = process.env;
  return spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    cwd: tmpdir(),
    env: { ...inherited, ...env },
    timeout: 15_000,
  });
}

/** As run, without blocking this process: for a loopback portal served from the test itself. */
function runAsync(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const { B24_WEBHOOK_URL: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: tmpdir(),
    env: { ...inherited, ...env },
    timeout: 15_000,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) =>
    child.on('close', (status) => resolve({ status, stdout, stderr })),
  );
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe.skipIf(!BUILT)('b24-presence status, --help and --version (built CLI process)', () => {
  it('--version prints the package version, built in (no package.json read from the working directory)', () => {
    for (const flag of ['--version', '-v', 'version']) {
      const result = run([flag]);
      expect(result.status).toBe(0);
      expect(result.stdout).toBe(`${PACKAGE_VERSION}\n`);
    }
    expect(readFileSync(BIN, 'utf8')).not.toMatch(/package\.json/);
  });

  it.each([
    [['--help'], /^b24-presence: .*\n\nUsage:\n {2}b24-presence status .*--version/s],
    [['help'], /^b24-presence: .*\n\nUsage:/],
    [
      ['status', '--help'],
      /^Usage: b24-presence status .*--json.*--timeout.*Exit codes: 0 printed, 1 the portal could not be read/s,
    ],
    [['watch', '--help'], /^Usage: b24-presence watch .*--interval.*--alerts.*--once/s],
    [['web', '-h'], /^Usage: b24-presence web .*--port.*--open/s],
    [['help', 'status'], /^Usage: b24-presence status /],
    // Help wins over a bad flag beside it.
    [['watch', '--bogus', '--help'], /^Usage: b24-presence watch /],
  ])('%j prints help on stdout and exits 0', (args, text) => {
    const result = run(args);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(text);
  });

  it('status --json --demo prints one JSON object and exits 0', () => {
    const started = performance.now();
    const result = run(['status', '--json', '--demo', '--team-size', '6']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(performance.now() - started).toBeLessThan(10_000);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const status = JSON.parse(lines[0]!) as {
      at: string;
      reports: object;
      counts: Record<string, number>;
      colleagues: { id: number; presence: string }[];
    };
    expect(Object.keys(status)).toEqual(['at', 'reports', 'counts', 'colleagues']);
    expect(Date.parse(status.at)).not.toBeNaN();
    expect(status.reports).toEqual({
      idle: false,
      mobile: false,
      status: false,
      calendar: true,
      timeZones: true,
    });
    expect(status.colleagues).toHaveLength(6);
    const { total, online, idle, mobile, offline } = status.counts;
    expect(total).toBe(6);
    expect(online! + idle! + mobile! + offline!).toBe(6);
    expect(status.colleagues.filter((c) => c.presence === 'offline')).toHaveLength(offline!);
  });

  it('status --demo (and watch --once) print the summary line, then one line per person', () => {
    for (const args of [
      ['status', '--demo'],
      ['watch', '--once', '--demo'],
    ]) {
      const result = run([...args, '--team-size', '9']);
      expect(result.status).toBe(0);
      const [summary, ...rows] = result.stdout.trimEnd().split('\n');
      expect(summary).toMatch(/^\d+ online, \d+ away, \d+ offline(, \d+ on leave)?$/);
      expect(rows).toHaveLength(9);
    }
  });

  it('exits 1 with one line and no secret when the portal cannot be read', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/rest/1/s3cr3tc0de/`;
    for (const [args, env] of [
      [['status'], { B24_WEBHOOK_URL: url }],
      [['status', '--json', '--webhook', url], {}],
    ] as const) {
      const result = run([...args], env);
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      const lines = result.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^b24-presence: cannot read 127\.0\.0\.1:\d+ \(offline\): /);
      expect(result.stderr).not.toContain('s3cr3tc0de');
    }
  });

  it('prints a portal error line without the escape sequences and bells the portal sent', async () => {
    const hostile = JSON.stringify({
      error: '\u001B]0;owned\u0007',
      error_description: 'no\u001B[2J\u009B\nsecond line\u202E',
    });
    const portal = createHttpServer((_request, response) =>
      response.writeHead(400, { 'content-type': 'application/json' }).end(hostile),
    );
    await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = portal.address() as AddressInfo;
      const result = await runAsync(['status', '--timeout', '5'], {
        B24_WEBHOOK_URL: `http://127.0.0.1:${port}/rest/1/s3cr3tc0de/`,
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(
        /^b24-presence: cannot read 127\.0\.0\.1:\d+ .*INVALID_ERROR_CODE \(no\[2J second line\)\n$/,
      );
      // eslint-disable-next-line no-control-regex -- what a terminal would obey
      expect(result.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    } finally {
      portal.close();
    }
  });

  it('exits 2 on bad arguments', () => {
    const result = run(['status', '--demo', '--interval', '5']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('b24-presence: --interval belongs to the watch command\n');
  });
});
