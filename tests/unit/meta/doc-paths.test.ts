import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * A path a comment or a README points a reader at (`tests/unit/…/x.test.ts`, `electron/…/y.ts`)
 * exists: moved files took such pointers with them only by hand, and several had gone stale.
 */

const root = join(import.meta.dirname, '..', '..', '..');
/** Repo paths as they are written in prose and comments. */
const REPO_PATH =
  /\b(?:tests|electron|renderer|build)\/[A-Za-z0-9_./-]*[A-Za-z0-9_]\.(?:ts|svelte|md|sh|cjs|js|mjs|json|css)\b/g;
/** Where pointers are written: the sources, the build scripts, and every README. */
const DOCUMENTED = /^(electron|renderer|build)\/.*\.(ts|svelte|cjs|js|mjs|css)$|(^|\/)README\.md$/;

/** Module specifiers that read like repo paths: the `electron` npm package's own files. */
const PACKAGE_FILES = new Set(['electron/package.json']);

function pointersIn(text: string): string[] {
  return [...new Set(text.match(REPO_PATH) ?? [])].filter((path) => !PACKAGE_FILES.has(path));
}

describe('paths written in comments and READMEs', () => {
  const files = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((path) => DOCUMENTED.test(path));

  it('reads the pointers it checks', () => {
    expect(pointersIn('see tests/unit/electron/x.test.ts, and `electron/main/README.md`.')).toEqual(
      ['tests/unit/electron/x.test.ts', 'electron/main/README.md'],
    );
    expect(files).toContain('electron/main/main.ts');
  });

  it('every one exists', () => {
    const stale = files.flatMap((file) =>
      pointersIn(readFileSync(join(root, file), 'utf8'))
        .filter((path) => !existsSync(join(root, path)))
        .map((path) => `${file} → ${path}`),
    );
    expect(stale).toEqual([]);
  });
});
