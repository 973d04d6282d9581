import { describe, expect, it } from 'vitest';
import { FileTooLarge } from '../../../../../electron/core/bounded-read.js';
import {
  memoryHistoryFolders,
  memoryJournalFiles,
} from '../../../../../electron/core/history/memory-files.js';

describe('memoryJournalFiles', () => {
  it('starts with the files given, and lists what it holds', () => {
    const files = memoryJournalFiles({ 'a.ndjson': 'one\n' });
    expect(files.list()).toEqual(['a.ndjson']);
    expect(files.read('a.ndjson', 1024)).toBe('one\n');
    expect(files.read('b.ndjson', 1024)).toBeNull();
  });

  it('appends to a file, creating it first', () => {
    const files = memoryJournalFiles();
    files.append('day.ndjson', 'one\n');
    files.append('day.ndjson', 'two\n');
    expect(files.read('day.ndjson', 1024)).toBe('one\ntwo\n');
  });

  it('writes over, removes and renames', () => {
    const files = memoryJournalFiles({ 'a.tmp': 'new', 'a.ndjson': 'old' });
    files.write('a.ndjson', 'replaced');
    expect(files.read('a.ndjson', 1024)).toBe('replaced');
    files.rename('a.tmp', 'a.ndjson');
    expect(files.list()).toEqual(['a.ndjson']);
    expect(files.read('a.ndjson', 1024)).toBe('new');
    files.rename('missing', 'a.ndjson');
    expect(files.read('a.ndjson', 1024)).toBe('new');
    files.remove('a.ndjson');
    expect(files.list()).toEqual([]);
  });

  it('refuses, like the disk, a file over the limit in UTF-8 bytes', () => {
    const files = memoryJournalFiles({ 'ru.ndjson': 'ЖЖ' });
    expect(files.read('ru.ndjson', 4)).toBe('ЖЖ');
    const over = files.read('ru.ndjson', 3);
    expect(over).toBeInstanceOf(FileTooLarge);
    expect(over).toMatchObject({ size: 4, limit: 3 });
  });
});

describe('memoryHistoryFolders', () => {
  it('keeps one folder per key for the life of the process', () => {
    const folders = memoryHistoryFolders();
    folders('portal-a').append('d.ndjson', 'a\n');
    expect(folders('portal-a').read('d.ndjson', 1024)).toBe('a\n');
    expect(folders('portal-b').list()).toEqual([]);
    expect(folders('portal-a')).toBe(folders('portal-a'));
  });
});
