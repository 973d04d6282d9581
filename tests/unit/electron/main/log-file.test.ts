import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLogFile } from '../../../../electron/main/log-file.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'b24-log-'));
  folders.push(folder);
  return folder;
}

describe('openLogFile', () => {
  it('creates its folder and appends a line per call', () => {
    const folder = join(tempFolder(), 'logs');
    const log = openLogFile(folder);
    log.write('first');
    log.write('second');
    expect(readFileSync(join(folder, 'main.log'), 'utf8')).toBe('first\nsecond\n');
  });

  it('writes portal text without terminal escapes, bells or line breaks, one line per call', () => {
    const folder = tempFolder();
    openLogFile(folder).write(
      'refresh failed: profile: X (\u001B]0;owned\u0007\u001B[2J\ninjected line\u202E)',
    );
    expect(readFileSync(join(folder, 'main.log'), 'utf8')).toBe(
      'refresh failed: profile: X (]0;owned[2J injected line)\n',
    );
  });

  it('keeps at most two files: the full one becomes main.old.log', () => {
    const folder = tempFolder();
    const log = openLogFile(folder, 20);
    log.write('0123456789'); // 11 bytes
    log.write('abcdefghij'); // would make 22: rotate first
    log.write('ABCDEFGHIJ'); // rotate again: the oldest line is gone
    expect(readFileSync(join(folder, 'main.old.log'), 'utf8')).toBe('abcdefghij\n');
    expect(readFileSync(join(folder, 'main.log'), 'utf8')).toBe('ABCDEFGHIJ\n');
  });

  it('counts what an earlier run left in the file', () => {
    const folder = tempFolder();
    openLogFile(folder, 20).write('0123456789');
    openLogFile(folder, 20).write('abcdefghij');
    expect(readFileSync(join(folder, 'main.old.log'), 'utf8')).toBe('0123456789\n');
  });

  it('drops a line it cannot write instead of throwing', () => {
    const file = join(tempFolder(), 'not-a-folder');
    openLogFile(file).write('x'); // creates the folder
    const blocked = openLogFile(join(file, 'main.log', 'deeper'));
    expect(() => blocked.write('lost')).not.toThrow();
    expect(existsSync(join(file, 'main.log', 'deeper'))).toBe(false);
  });
});
