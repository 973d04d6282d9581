import { DEMO_FAULT_KINDS, type DemoFault, type DemoFaultKind } from './types.js';

/*
 * Injected faults, consumed by the requests they match. Faults that Bitrix24 raises per method
 * (operation-limit, server-error, wrong-shape) hit the matching command inside a batch; the
 * others break the whole HTTP exchange that carries the method.
 */
export const PER_COMMAND_FAULTS: ReadonlySet<DemoFaultKind> = new Set([
  'operation-limit',
  'server-error',
  'wrong-shape',
]);

/** Faults the colleagues list applies itself (to its next page, inside a batch too). */
const IN_METHOD_FAULTS: ReadonlySet<DemoFaultKind> = new Set(['short-page']);

interface ActiveFault {
  readonly kind: DemoFaultKind;
  readonly method: string | null;
  remaining: number;
}

export class FaultBook {
  private faults: ActiveFault[] = [];

  inject(fault: DemoFault): void {
    if (!(DEMO_FAULT_KINDS as readonly string[]).includes(fault.kind))
      throw new Error(`Unknown fault kind ${JSON.stringify(fault.kind)}`);
    const count = fault.count ?? 1;
    if (!(count >= 1)) throw new Error('A fault count must be at least 1 (or Infinity)');
    this.faults.push({
      kind: fault.kind,
      method: fault.method?.toLowerCase() ?? null,
      remaining: count,
    });
  }

  clear(): void {
    this.faults = [];
  }

  /**
   * The first transport-level fault for a request carrying `methods` (top-level method plus
   * batch commands), consumed. Per-command faults match here only for non-batch requests.
   */
  takeForRequest(topMethod: string, commands: readonly string[]): DemoFaultKind | null {
    return this.take((fault) => {
      if (IN_METHOD_FAULTS.has(fault.kind)) return false;
      if (PER_COMMAND_FAULTS.has(fault.kind) && topMethod === 'batch') return false;
      return fault.method === null || fault.method === topMethod || commands.includes(fault.method);
    });
  }

  /** A per-command fault for one command inside a batch, consumed. */
  takeForCommand(method: string): DemoFaultKind | null {
    return this.take(
      (fault) =>
        PER_COMMAND_FAULTS.has(fault.kind) && (fault.method === null || fault.method === method),
    );
  }

  /** Consumes a pending 'short-page' fault (it concerns only im.department.colleagues.list). */
  takeShortPage(): boolean {
    return (
      this.take(
        (fault) =>
          fault.kind === 'short-page' &&
          (fault.method === null || fault.method === 'im.department.colleagues.list'),
      ) !== null
    );
  }

  private take(matches: (fault: ActiveFault) => boolean): DemoFaultKind | null {
    const fault = this.faults.find(matches);
    if (!fault) return null;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults = this.faults.filter((other) => other !== fault);
    return fault.kind;
  }
}
