import type { Colleague } from '../../shared/domain.js';
import { desktopRunningAt } from './model.js';

/**
 * What is known of each person's desktop app. Current portals tell it only through
 * `im.user.get`, one person per command, so each refresh checks the few people that fit in the
 * batch's spare commands (see bitrix/team.ts) and this remembers the answers in between.
 *
 * Whom to check next: people who are not offline (someone offline has no connected desktop app:
 * a connected one would keep their activity fresh), starred and watched people first, then
 * whoever was checked longest ago, so the rest go round-robin. A check is dropped when its
 * person goes offline or leaves the team, so the next time they appear they are checked first.
 */
export class DesktopChecks {
  private readonly checks = new Map<number, { readonly running: boolean; readonly at: number }>();

  /** Answers of one refresh: `desktop_last_date` per checked person, read at `at`. */
  record(answers: ReadonlyMap<number, string | false>, at: number): void {
    for (const [id, date] of answers)
      this.checks.set(id, { running: desktopRunningAt(date, at) === true, at });
  }

  /** Running as of the last check, or null when never checked. */
  runningOf(id: number): boolean | null {
    return this.checks.get(id)?.running ?? null;
  }

  checkedAt(id: number): number | null {
    return this.checks.get(id)?.at ?? null;
  }

  /** Forgets everyone who is offline or gone in `colleagues`. */
  prune(colleagues: readonly Colleague[]): void {
    const around = new Set<number>();
    for (const colleague of colleagues)
      if (colleague.presence !== 'offline') around.add(colleague.id);
    for (const id of this.checks.keys()) if (!around.has(id)) this.checks.delete(id);
  }

  /**
   * Whom to check, most wanted first. `colleagues` is the last known picture (empty before the
   * first refresh: then only the priority ids, whose presence is not known yet).
   */
  candidates(colleagues: readonly Colleague[], priority: ReadonlySet<number>): number[] {
    // Priority people first, then everyone else; each group by oldest check, then id. Two
    // groups sorted apart: the comparator no longer asks the priority set at every comparison.
    const first: { id: number; rank: number }[] = [];
    const rest: { id: number; rank: number }[] = [];
    const unseen = new Set(priority);
    for (const colleague of colleagues) {
      unseen.delete(colleague.id);
      if (colleague.presence === 'offline') continue;
      // Never checked ranks as checked at minus infinity.
      const at = this.checks.get(colleague.id)?.at ?? Number.NEGATIVE_INFINITY;
      (priority.has(colleague.id) ? first : rest).push({ id: colleague.id, rank: at });
    }
    for (const id of unseen) first.push({ id, rank: Number.NEGATIVE_INFINITY });
    const byRank = (a: { id: number; rank: number }, b: { id: number; rank: number }): number =>
      a.rank - b.rank || a.id - b.id;
    first.sort(byRank);
    rest.sort(byRank);
    const ids = new Array<number>(first.length + rest.length);
    for (let i = 0; i < first.length; i++) ids[i] = (first[i] as { id: number }).id;
    for (let i = 0; i < rest.length; i++) ids[first.length + i] = (rest[i] as { id: number }).id;
    return ids;
  }
}
