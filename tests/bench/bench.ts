import { join } from 'node:path';
import { benchRequests } from './requests.js';
import { benchEngineCpu } from './engine-cpu.js';
import { benchPatchSize } from './patch-size.js';
import { benchLatency } from './latency.js';
import { benchDesktop } from './desktop.js';
import { benchHistory } from './history.js';
import { benchMemory } from './memory.js';
import { benchPanel } from './panel.js';
import { benchCalendarCpu } from './calendar-cpu.js';
import { renderTable, writeBaseline, type BenchSection } from './report.js';

/**
 * `npm run bench`: what the app costs a portal and a desk, each figure next to the naive
 * approach measured in the same run. Prints a table and writes tests/bench/baseline.json.
 * Options: `--only requests,cpu,patch,latency,desktop,history,memory,panel,calendar` runs a subset; `--no-write`
 * leaves the baseline alone (a subset never overwrites it).
 */
const ALL = [
  'requests',
  'cpu',
  'patch',
  'latency',
  'desktop',
  'history',
  'memory',
  'panel',
  'calendar',
] as const;
type Part = (typeof ALL)[number];

function selectedParts(argv: readonly string[]): Set<Part> {
  const at = argv.indexOf('--only');
  if (at === -1) return new Set(ALL);
  const names = (argv[at + 1] ?? '').split(',').filter(Boolean);
  const unknown = names.filter((name) => !(ALL as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0)
    throw new Error(`--only takes a list of: ${ALL.join(', ')}`);
  return new Set(names as Part[]);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const parts = selectedParts(argv);
  const started = performance.now();
  if (typeof (globalThis as { gc?: unknown }).gc !== 'function') {
    console.warn('warning: run with node --expose-gc (npm run bench does) for the memory figures');
  }
  const sections: BenchSection[] = [];
  const run = async (
    part: Part,
    label: string,
    work: () => Promise<BenchSection>,
  ): Promise<void> => {
    if (!parts.has(part)) return;
    const t = performance.now();
    process.stderr.write(`bench: ${label}…`);
    const section = await work();
    sections.push(section);
    process.stderr.write(` ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  };

  await run('requests', 'requests and bytes (demo portal, 50…5,000)', benchRequests);
  await run('cpu', 'engine CPU per poll (5,000)', benchEngineCpu);
  await run('patch', 'patch size (5,000)', benchPatchSize);
  await run('latency', 'alert latency (driven clock, loopback HTTP)', benchLatency);
  await run('desktop', 'desktop-app info age (driven clock, 40…2,500, 60 min)', benchDesktop);
  await run('history', 'presence history (40 and 5,000, a day and a week)', benchHistory);
  await run('memory', 'engine memory (5,000 × 1,000 polls)', benchMemory);
  await run('panel', 'panel in Chromium (5,000 rows)', benchPanel);
  await run('calendar', 'calendar CPU per fetch (5,000 × 6 entries)', async () =>
    benchCalendarCpu(),
  );

  const rows = sections.flatMap((section) => section.rows);
  console.log(renderTable(rows));
  if (argv.includes('--verbose')) console.log(JSON.stringify(sections, null, 1));
  const durationMs = performance.now() - started;
  console.log(
    `\n${rows.filter((row) => row.pass === false).length} target(s) missed; ${(durationMs / 1000).toFixed(1)} s`,
  );
  if (parts.size === ALL.length && !argv.includes('--no-write')) {
    const path = join(process.cwd(), 'tests/bench/baseline.json');
    writeBaseline(path, sections, durationMs);
    console.log(`baseline written to ${path}`);
  }
}

await main();
