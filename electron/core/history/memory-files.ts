import type { JournalFiles } from './journal.js';
import { FileTooLarge } from '../bounded-read.js';

/** A history folder in memory: for tests, and hosts that keep nothing on disk. */
export function memoryJournalFiles(
  initial: Readonly<Record<string, string>> = {},
): JournalFiles & { readonly files: Map<string, string> } {
  const files = new Map(Object.entries(initial));
  return {
    files,
    list: () => [...files.keys()],
    read: (name, limit) => {
      const text = files.get(name);
      if (text === undefined) return null;
      const size = new TextEncoder().encode(text).length;
      return size > limit ? new FileTooLarge(size, limit) : text;
    },
    append: (name, text) => void files.set(name, (files.get(name) ?? '') + text),
    write: (name, text) => void files.set(name, text),
    remove: (name) => void files.delete(name),
    rename: (from, to) => {
      const text = files.get(from);
      if (text === undefined) return;
      files.set(to, text);
      files.delete(from);
    },
  };
}

/** One in-memory folder per key, kept for the life of the process. */
export function memoryHistoryFolders(): (key: string) => JournalFiles {
  const folders = new Map<string, JournalFiles>();
  return (key) => {
    let folder = folders.get(key);
    if (!folder) {
      folder = memoryJournalFiles();
      folders.set(key, folder);
    }
    return folder;
  };
}
