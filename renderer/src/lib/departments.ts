/**
 * Department names for grouping, learned once per id. Plain (non-reactive) bookkeeping: the
 * state class publishes each new map as an immutable value.
 */
export class DepartmentCache {
  private names: ReadonlyMap<number, string> = new Map();
  private asked = new Set<number>();

  get current(): ReadonlyMap<number, string> {
    return this.names;
  }

  /** Ids not known and not already asked for; marks them as asked. */
  claim(ids: readonly number[]): number[] {
    const fresh = ids.filter((id) => !this.asked.has(id));
    for (const id of fresh) this.asked.add(id);
    return fresh;
  }

  /** A failed request may be tried again with a later snapshot. */
  release(ids: readonly number[]): void {
    for (const id of ids) this.asked.delete(id);
  }

  /** Adds names; returns the new map (a new object, so the UI sees the change). */
  learn(
    departments: ReadonlyArray<{ readonly id: number; readonly name: string }>,
  ): ReadonlyMap<number, string> {
    const next = new Map(this.names);
    for (const department of departments) next.set(department.id, department.name);
    this.names = next;
    return next;
  }

  get askedIds(): ReadonlySet<number> {
    return this.asked;
  }
}
