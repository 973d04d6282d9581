/**
 * What one poll left per person, for the next poll to find by id. A poll lists people in the
 * same order as the one before (the portal's pages), so the next entry in that order is asked
 * first: found without hashing, reading entries one after the other. A person who joined, left
 * or moved is looked up by binary search when the last poll came in ascending ids, else in a map
 * built then, once per poll (a Map lookup per person and stage cost the checks and the model
 * about as much as the work they saved: tests/bench/engine-cpu.ts). No Node or DOM APIs.
 */
export class LastPollIndex<T extends { readonly id: number }> {
  private previous: T[] = [];
  private previousAscending = true;
  private next: T[] = [];
  private nextAscending = true;
  private cursor = 0;
  private fallback: Map<number, T> | null = null;

  /** The entry the last poll kept for `id` (the first, if it kept several), or undefined. */
  find(id: number): T | undefined {
    const list = this.previous;
    const atCursor = list[this.cursor];
    if (atCursor !== undefined && atCursor.id === id) {
      this.cursor += 1;
      return atCursor;
    }
    if (this.previousAscending) {
      let low = 0;
      let high = list.length - 1;
      while (low <= high) {
        const mid = (low + high) >>> 1;
        const entry = list[mid] as T;
        if (entry.id === id) {
          this.cursor = mid + 1;
          return entry;
        }
        if (entry.id < id) low = mid + 1;
        else high = mid - 1;
      }
      return undefined;
    }
    return this.fallback?.get(id);
  }

  /** Keeps an entry of this poll for the next one. */
  keep(entry: T): void {
    const last = this.next[this.next.length - 1];
    if (last !== undefined && entry.id <= last.id) this.nextAscending = false;
    this.next.push(entry);
  }

  /**
   * Ends a poll: what it kept is what the next one finds; the rest is forgotten. A poll not in
   * ascending ids may repeat one: only its first entry stays, so the in-order path cannot hand
   * out a later one, and the map for people asked out of order is built here, in the same pass.
   */
  endPoll(): void {
    if (this.nextAscending) {
      this.previous = this.next;
      this.fallback = null;
    } else {
      const first = new Map<number, T>();
      const unique: T[] = [];
      for (const entry of this.next) {
        if (first.has(entry.id)) continue;
        first.set(entry.id, entry);
        unique.push(entry);
      }
      this.previous = unique;
      this.fallback = first;
    }
    this.previousAscending = this.nextAscending;
    this.next = [];
    this.nextAscending = true;
    this.cursor = 0;
  }

  /** People the last poll kept (an id it repeated counts once). */
  get size(): number {
    return this.previous.length;
  }
}
