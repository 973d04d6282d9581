import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * A folder README's table of its files cannot rot: every file or folder it names exists, and
 * every module in the folder is named in it. A table is a file table when its first header
 * cell says so (`file`, `module`, `component`, `folder`, `file / folder`); other tables
 * (fields, endpoints, poll kinds) are prose and are not checked.
 */

const root = join(import.meta.dirname, '..', '..', '..');
const README_ROOTS = ['electron', 'renderer'];
const FILE_TABLE_HEADERS = new Set(['file', 'module', 'component', 'folder', 'file / folder']);
/** What a folder's table must name: its modules, components and styles; not type declarations. */
const LISTED_FILE = /^(?!.*\.d\.ts$).+\.(ts|svelte|css|cjs|js|mjs)$/;

interface FileTable {
  readonly header: string;
  /** The backticked names of each row's first cell. */
  readonly firstCells: readonly string[][];
  /** Every backticked name anywhere in the rows (a row may name files in its text too). */
  readonly mentioned: ReadonlySet<string>;
}

function readmesUnder(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name === 'README.md')
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .filter((path) => !path.includes('node_modules'));
}

const cells = (row: string): string[] =>
  row
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((cell) => cell.trim());
const backticked = (text: string): string[] =>
  [...text.matchAll(/`([^`]+)`/g)].map((match) => match[1] as string);

/** The markdown tables of a README whose first header cell names files. */
function fileTables(markdown: string): FileTable[] {
  const tables: FileTable[] = [];
  const lines = markdown.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string;
    const previous = lines[index - 1] ?? '';
    if (!line.startsWith('|') || previous.startsWith('|')) continue;
    const header = cells(line)[0]?.toLowerCase() ?? '';
    const rows: string[] = [];
    for (let next = index + 2; next < lines.length && lines[next]?.startsWith('|'); next++)
      rows.push(lines[next] as string);
    if (!FILE_TABLE_HEADERS.has(header)) continue;
    tables.push({
      header,
      firstCells: rows.map((row) => backticked(cells(row)[0] ?? '')),
      mentioned: new Set(rows.flatMap(backticked)),
    });
  }
  return tables;
}

/** Named as it is, or (a folder) through a path inside it: `src/` by `src/state/`. */
const named = (mentioned: ReadonlySet<string>, entry: string): boolean =>
  mentioned.has(entry) ||
  mentioned.has(entry.replace(/\/$/, '')) ||
  (entry.endsWith('/') && [...mentioned].some((name) => name.startsWith(entry)));

describe("folder READMEs' file tables", () => {
  const readmes = README_ROOTS.flatMap(readmesUnder).sort();
  const withTables = readmes.filter(
    (readme) => fileTables(readFileSync(join(root, readme), 'utf8')).length > 0,
  );

  it('finds the tables it checks, and only those', () => {
    const tables = fileTables(
      [
        '| file | what |',
        '|---|---|',
        '| `a.ts`, `b.ts` | uses `c.ts` |',
        '',
        '| field | meaning |',
        '|---|---|',
        '| `status` | always online |',
      ].join('\n'),
    );
    expect(tables).toHaveLength(1);
    expect(tables[0]?.firstCells).toEqual([['a.ts', 'b.ts']]);
    expect([...(tables[0]?.mentioned ?? [])]).toEqual(['a.ts', 'b.ts', 'c.ts']);
    expect(withTables).toContain('electron/main/README.md');
    expect(withTables).not.toContain('electron/preload/README.md');
  });

  it.each(withTables)('%s names only files that exist', (readme) => {
    const folder = dirname(readme);
    const tables = fileTables(readFileSync(join(root, readme), 'utf8'));
    const gone = tables
      .flatMap((table) => table.firstCells.flat())
      .filter((name) => !existsSync(join(root, folder, name.replace(/\/$/, ''))));
    expect(gone, `named in ${readme} but not in ${folder}/`).toEqual([]);
  });

  it.each(withTables)('%s names every file of its folder', (readme) => {
    const folder = dirname(readme);
    const tables = fileTables(readFileSync(join(root, readme), 'utf8'));
    const mentioned = new Set(tables.flatMap((table) => [...table.mentioned]));
    const listsFiles = tables.some((table) => table.header !== 'folder');
    const entries = readdirSync(join(root, folder), { withFileTypes: true })
      .filter((entry) =>
        entry.isDirectory()
          ? !entry.name.startsWith('.')
          : listsFiles && LISTED_FILE.test(entry.name),
      )
      .map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name));
    const unnamed = entries.filter((entry) => !named(mentioned, entry));
    expect(unnamed, `in ${folder}/ but not in its README's table`).toEqual([]);
  });
});
