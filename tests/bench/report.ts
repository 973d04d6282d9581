import { cpus, totalmem, platform, release } from 'node:os';
import { writeFileSync } from 'node:fs';

/**
 * One figure of the benchmark: what was measured, the naive approach measured in the same run,
 * and the target. `pass` is null where the issue sets no target (reported only).
 */
export interface BenchRow {
  readonly id: string;
  readonly what: string;
  readonly size: string;
  readonly measured: string;
  readonly naive: string;
  /** measured / naive, formatted; '—' where a ratio makes no sense. */
  readonly ratio: string;
  readonly target: string;
  readonly pass: boolean | null;
  /** The raw numbers behind the strings, for comparing baselines. */
  readonly data: Record<string, unknown>;
}

export interface BenchSection {
  readonly name: string;
  readonly rows: readonly BenchRow[];
  /** Extra facts worth keeping (e.g. the administrator's table). */
  readonly notes?: Record<string, unknown>;
}

export function fmt(value: number, digits = 2): string {
  if (!Number.isFinite(value)) return String(value);
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export function ms(value: number): string {
  return `${fmt(value, value < 10 ? 2 : 1)} ms`;
}

export function bytes(value: number): string {
  if (value >= 1024 * 1024) return `${fmt(value / (1024 * 1024), 2)} MiB`;
  if (value >= 1024) return `${fmt(value / 1024, 1)} KiB`;
  return `${value} B`;
}

export function ratio(measured: number, naive: number): string {
  if (!(naive > 0) || !Number.isFinite(measured)) return '—';
  const r = measured / naive;
  return r >= 0.1 ? `${fmt(r, 2)}×` : `1/${fmt(naive / measured, 0)}`;
}

const COLUMNS = ['what', 'size', 'measured', 'naive', 'ratio', 'target', 'pass'] as const;

function cell(row: BenchRow, column: (typeof COLUMNS)[number]): string {
  if (column === 'pass') return row.pass === null ? '—' : row.pass ? 'yes' : 'NO';
  return row[column];
}

/** A plain-text table: wide enough to read in a terminal, stable enough to diff. */
export function renderTable(rows: readonly BenchRow[]): string {
  const widths = COLUMNS.map((column) =>
    Math.max(column.length, ...rows.map((row) => cell(row, column).length)),
  );
  const line = (values: readonly string[]): string =>
    `| ${values.map((value, i) => value.padEnd(widths[i] as number)).join(' | ')} |`;
  return [
    line(COLUMNS),
    `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
    ...rows.map((row) => line(COLUMNS.map((column) => cell(row, column)))),
  ].join('\n');
}

export function machineInfo(): Record<string, unknown> {
  const list = cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    v8: process.versions.v8,
    platform: `${platform()} ${release()}`,
    cpus: list.length,
    cpuModel: list[0]?.model ?? 'unknown',
    totalMemoryMiB: Math.round(totalmem() / (1024 * 1024)),
    gcExposed: typeof (globalThis as { gc?: unknown }).gc === 'function',
  };
}

export function writeBaseline(
  path: string,
  sections: readonly BenchSection[],
  durationMs: number,
): void {
  const json = {
    machine: machineInfo(),
    durationSec: Math.round(durationMs / 100) / 10,
    sections: sections.map((section) => ({
      name: section.name,
      rows: section.rows,
      ...(section.notes ? { notes: section.notes } : {}),
    })),
  };
  writeFileSync(path, `${JSON.stringify(json, null, 2)}\n`);
}
