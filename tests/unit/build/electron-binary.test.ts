import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  failedDownloadFile,
  findElectron,
  nodeCanDownload,
  RETRY_AFTER_MS,
} from '../../../build/electron-binary.js';

interface Found {
  binary: string | null;
  reason?: string;
}

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'b24-electron-'));
  const packageDir = join(dir, 'electron');
  mkdirSync(packageDir);
  const cacheFile = join(dir, 'cache', 'electron-download.json');
  const calls = { downloads: 0, said: [] as string[] };
  const run = (now: number, options: { nodeVersion?: string; works?: boolean } = {}): Found =>
    findElectron({
      packageDir,
      cacheFile,
      now,
      nodeVersion: options.nodeVersion ?? '22.12.0',
      env: {},
      download: () => {
        calls.downloads += 1;
        if (options.works) {
          writeFileSync(join(packageDir, 'path.txt'), 'electron');
          mkdirSync(join(packageDir, 'dist'), { recursive: true });
          writeFileSync(join(packageDir, 'dist', 'electron'), '');
        }
      },
      say: (line: string) => calls.said.push(line),
    }) as Found;
  return { run, calls, packageDir };
}

describe('npm start: finding Electron, and remembering when it cannot be had', () => {
  it('tries the download once, then says so in one line for a day without trying again', () => {
    const { run, calls } = setup();
    const now = Date.UTC(2026, 11, 2, 9);
    expect(run(now)).toEqual({
      binary: null,
      reason: "Electron's binary could not be downloaded on this machine",
    });
    expect(calls.downloads).toBe(1);
    expect(run(now + 3_600_000)).toEqual({
      binary: null,
      reason: "Electron's binary could not be downloaded 1 h ago; the next try is a day after that",
    });
    expect(calls.downloads).toBe(1);
    run(now + RETRY_AFTER_MS + 1);
    expect(calls.downloads).toBe(2);
  });

  it('tries again at once under another Node version (an upgrade may be what makes it work)', () => {
    const { run, calls } = setup();
    const now = Date.UTC(2026, 11, 2, 9);
    run(now, { nodeVersion: '20.20.2' });
    expect(run(now + 60_000, { nodeVersion: '20.20.2' }).binary).toBeNull();
    expect(calls.downloads).toBe(1);
    expect(run(now + 120_000, { nodeVersion: '22.12.0', works: true }).binary).toMatch(
      /dist[/\\]electron$/,
    );
    expect(calls.downloads).toBe(2);
  });

  it('remembers in the user cache folder, not under node_modules (npm ci wipes that)', () => {
    expect(failedDownloadFile({ B24_PRESENCE_CACHE_DIR: '/tmp/t' }, 'linux', '/home/u')).toBe(
      join('/tmp/t', 'electron-download.json'),
    );
    expect(failedDownloadFile({ XDG_CACHE_HOME: '/x/cache' }, 'linux', '/home/u')).toBe(
      join('/x/cache', 'b24-presence', 'electron-download.json'),
    );
    expect(failedDownloadFile({}, 'linux', '/home/u')).toBe(
      join('/home/u', '.cache', 'b24-presence', 'electron-download.json'),
    );
    expect(failedDownloadFile({}, 'darwin', '/Users/u')).toBe(
      join('/Users/u', 'Library', 'Caches', 'b24-presence', 'electron-download.json'),
    );
    expect(
      failedDownloadFile({ LOCALAPPDATA: 'C:/Users/u/AppData/Local' }, 'win32', 'C:/Users/u'),
    ).toBe(join('C:/Users/u/AppData/Local', 'b24-presence', 'Cache', 'electron-download.json'));
    for (const platform of ['linux', 'darwin', 'win32'] as const)
      expect(failedDownloadFile({}, platform, '/home/u')).not.toContain('node_modules');
  });

  it('uses a binary it finds, and one the download brings', () => {
    const { run, calls } = setup();
    expect(run(0, { works: true }).binary).toMatch(/dist[/\\]electron$/);
    expect(run(1).binary).toMatch(/dist[/\\]electron$/);
    expect(calls.downloads).toBe(1);
    expect(calls.said).toEqual(['Fetching the Electron binary (first run only)…']);
  });

  it('names the Node version the download tool wants when it fails on an older one', () => {
    const { run } = setup();
    expect(run(0, { nodeVersion: '20.20.2' }).reason).toBe(
      "Electron's binary could not be downloaded on this machine (its download tool wants Node 22.12; this is 20.20.2)",
    );
    expect([
      nodeCanDownload('20.19.0'),
      nodeCanDownload('22.11.9'),
      nodeCanDownload('22.12.0'),
      nodeCanDownload('24.1.0'),
    ]).toEqual([false, false, true, true]);
  });
});
