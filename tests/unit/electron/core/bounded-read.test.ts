import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FILE_LIMIT_BYTES,
  FileTooLarge,
  readTextWithin,
} from '../../../../electron/core/bounded-read.js';

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'b24-bounded-read-'));
});
afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

describe('readTextWithin', () => {
  it('reads a file within the limit as UTF-8 text', () => {
    const path = join(folder, 'settings.json');
    writeFileSync(path, '{"name":"Анна"}');
    expect(readTextWithin(path, FILE_LIMIT_BYTES.settings)).toBe('{"name":"Анна"}');
  });

  it('answers null for a file that does not exist', () => {
    expect(readTextWithin(join(folder, 'missing.json'), 1024)).toBeNull();
  });

  it('a file exactly at the limit is read; one byte over is not', () => {
    const path = join(folder, 'state.json');
    writeFileSync(path, 'x'.repeat(100));
    expect(readTextWithin(path, 100)).toBe('x'.repeat(100));
    const over = readTextWithin(path, 99);
    expect(over).toBeInstanceOf(FileTooLarge);
    expect(over).toMatchObject({ size: 100, limit: 99 });
  });

  it('counts bytes, not characters', () => {
    const path = join(folder, 'name.txt');
    writeFileSync(path, 'ЖЖ'); // 4 bytes
    expect(readTextWithin(path, 4)).toBe('ЖЖ');
    expect(readTextWithin(path, 3)).toBeInstanceOf(FileTooLarge);
  });

  it('throws any other failure to open: only a missing file means "nothing stored"', () => {
    const file = join(folder, 'plain.txt');
    writeFileSync(file, 'x');
    expect(() => readTextWithin(join(file, 'inside.json'), 1024)).toThrow(/ENOTDIR/);
  });
});

describe('FileTooLarge.describe', () => {
  it('says the size and the limit in megabytes, for the sentence that tells the user', () => {
    expect(
      new FileTooLarge(600 * 1024 * 1024, FILE_LIMIT_BYTES.settings).describe('settings'),
    ).toBe('600 MB, over the 1 MB a settings file can be');
    expect(new FileTooLarge(1_572_864, 1_048_576).describe('state')).toBe(
      '1.5 MB, over the 1 MB a state file can be',
    );
  });

  it('never says 0 MB for a small file', () => {
    expect(new FileTooLarge(10, 5).describe('credential')).toBe(
      '0.1 MB, over the 0.1 MB a credential file can be',
    );
  });
});
