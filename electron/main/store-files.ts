import { copyFileSync, renameSync, writeFileSync } from 'node:fs';
import { FILE_LIMIT_BYTES, FileTooLarge, readTextWithin } from '../core/bounded-read.js';
import { inspectSettingsText } from '../core/settings/recovery.js';
import type { Settings } from '../shared/settings/schema.js';

/*
 * Runs before each store opens its file: electron-store would throw on a corrupt file (or, if
 * told to, silently start over). Instead an unreadable file is moved aside as
 * `<name>.corrupt-<time>`, a partly bad one is copied aside and repaired, and the caller gets
 * a sentence to show the user. File access is injected so this runs against a temp dir in tests.
 */
export interface FileOps {
  /** The file's text; null when it does not exist; FileTooLarge, unread, when over `limit` bytes. */
  readText(path: string, limit: number): string | null | FileTooLarge;
  writeText(path: string, text: string): void;
  rename(from: string, to: string): void;
  copy(from: string, to: string): void;
}

/** The real file system; files are created readable by the user only. */
export const nodeFileOps: FileOps = {
  readText: readTextWithin,
  writeText: (path, text) => writeFileSync(path, text, { encoding: 'utf8', mode: 0o600 }),
  rename: (from, to) => renameSync(from, to),
  copy: (from, to) => copyFileSync(from, to),
};

export function asideName(path: string, now: number): string {
  return `${path}.corrupt-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
}

/** Writes next to the target first and renames over it, so a crash never leaves half a file. */
export function writeAtomically(ops: FileOps, path: string, text: string): void {
  const temp = `${path}.tmp-${process.pid}`;
  ops.writeText(temp, text);
  ops.rename(temp, path);
}

export interface PreparedSettings {
  readonly settings: Settings;
  /** User-facing sentence when something had to be moved aside or repaired; else null. */
  readonly problem: string | null;
  readonly asidePath: string | null;
}

export function prepareSettingsFile(path: string, ops: FileOps, now: number): PreparedSettings {
  const text = ops.readText(path, FILE_LIMIT_BYTES.settings);
  if (text instanceof FileTooLarge) {
    const aside = asideName(path, now);
    ops.rename(path, aside);
    return {
      settings: inspectSettingsText(null).settings,
      problem: `The settings file is ${text.describe('settings')}. It was moved to ${aside} and default settings are used.`,
      asidePath: aside,
    };
  }
  const verdict = inspectSettingsText(text);
  switch (verdict.kind) {
    case 'missing':
      return { settings: verdict.settings, problem: null, asidePath: null };
    case 'ok':
      if (verdict.rewrite) writeAtomically(ops, path, JSON.stringify(verdict.settings, null, '\t'));
      return { settings: verdict.settings, problem: null, asidePath: null };
    case 'repaired': {
      const aside = asideName(path, now);
      ops.copy(path, aside);
      writeAtomically(ops, path, JSON.stringify(verdict.settings, null, '\t'));
      return {
        settings: verdict.settings,
        problem: `Some settings could not be read and were reset: ${verdict.issues.join('; ')}. The original file was kept as ${aside}.`,
        asidePath: aside,
      };
    }
    case 'corrupt': {
      const aside = asideName(path, now);
      ops.rename(path, aside);
      return {
        settings: verdict.settings,
        problem: `${verdict.reason} It was moved to ${aside} and default settings are used.`,
        asidePath: aside,
      };
    }
  }
}

/** For the other stores (state, credential): usable as a whole, or moved aside as a whole. */
export function prepareJsonFile(
  path: string,
  ops: FileOps,
  now: number,
  isUsable: (value: unknown) => boolean,
  what: string,
  limit: number,
): { readonly problem: string | null; readonly asidePath: string | null } {
  const text = ops.readText(path, limit);
  if (text === null) return { problem: null, asidePath: null };
  let usable: boolean;
  try {
    usable = !(text instanceof FileTooLarge) && isUsable(JSON.parse(text));
  } catch {
    usable = false;
  }
  if (usable) return { problem: null, asidePath: null };
  const aside = asideName(path, now);
  ops.rename(path, aside);
  const why = text instanceof FileTooLarge ? `is ${text.describe(what)}` : 'could not be read';
  return { problem: `The ${what} file ${why}. It was moved to ${aside}.`, asidePath: aside };
}
