import { appendFileSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { readTextWithin } from '../bounded-read.js';
import { join } from 'node:path';
import type { JournalFiles } from './journal.js';

/**
 * The history folder on disk. Files are the user's only (0600), appends are one write each
 * (O_APPEND), and a whole-file rewrite goes through a temporary file and a rename, so a crash
 * never leaves half a file behind.
 */
export function nodeJournalFiles(folder: string): JournalFiles {
  let made = false;
  const ensure = (): void => {
    if (made) return;
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    made = true;
  };
  return {
    list() {
      try {
        return readdirSync(folder);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
    },
    read: (name, limit) => readTextWithin(join(folder, name), limit),
    append(name, text) {
      ensure();
      appendFileSync(join(folder, name), text, { encoding: 'utf8', mode: 0o600 });
    },
    write(name, text) {
      ensure();
      const temp = join(folder, `${name}.tmp-${process.pid}`);
      writeFileSync(temp, text, { encoding: 'utf8', mode: 0o600 });
      renameSync(temp, join(folder, name));
    },
    remove: (name) => rmSync(join(folder, name), { force: true }),
    rename: (from, to) => renameSync(join(folder, from), join(folder, to)),
  };
}

/** A folder for each portal's history under `root`, its name made safe for any file system. */
export function historyFolders(root: string): (key: string) => JournalFiles {
  return (key) =>
    nodeJournalFiles(
      join(
        root,
        key
          .replace(/[^A-Za-z0-9.-]/g, '_')
          .replace(/^\.+/, '_')
          .slice(0, 100) || '_',
      ),
    );
}
