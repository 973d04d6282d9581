import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';

/**
 * The largest file of each kind the app reads whole. A bigger one cannot be ours (or is
 * damaged): it is set aside like a corrupt file instead of being read, since a file over
 * 512 MB cannot become a string at all (ERR_STRING_TOO_LONG) and a smaller big one costs its
 * size in memory. Each limit is many times what the app writes at 5,000 people.
 */
export const FILE_LIMIT_BYTES = {
  settings: 1024 * 1024,
  /** The state file: window bounds and the alert ledger. */
  state: 4 * 1024 * 1024,
  credential: 64 * 1024,
  /** One day of presence history (journal.ts): a busy 5,000-person day writes a few MB. */
  historyDay: 64 * 1024 * 1024,
} as const;

/** What a read returns instead of the text of a file over its limit. */
export class FileTooLarge {
  constructor(
    readonly size: number,
    readonly limit: number,
  ) {}

  /** "600 MB, over the 1 MB a settings file can be": for the sentence that tells the user. */
  describe(what: string): string {
    return `${megabytes(this.size)}, over the ${megabytes(this.limit)} a ${what} file can be`;
  }
}

function megabytes(bytes: number): string {
  return `${Math.max(0.1, Math.round(bytes / 104_857.6) / 10)} MB`;
}

/** The file's text; null when it does not exist; FileTooLarge (unread) when it is over `limit`. */
export function readTextWithin(path: string, limit: number): string | null | FileTooLarge {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const { size } = fstatSync(fd);
    if (size > limit) return new FileTooLarge(size, limit);
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}
