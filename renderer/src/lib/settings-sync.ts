import type { RevisedSettings } from '$shared/contract.js';
import type { Settings } from '$shared/settings/schema.js';

/** A local change shown before the host answers: applied to whatever settings are newest. */
export type SettingsEdit = (settings: Settings) => Settings;

/**
 * The panel's settings between the host and its own quick changes. Each change reaches the
 * panel twice (the answer and the `settings` event), and a second change may be made before the
 * first is answered; so:
 * - what the host sends is taken only when its revision is newer than the one held (an older
 *   answer or event arriving later is dropped);
 * - changes not yet answered stay applied on top of whatever the host sent last, until their
 *   own answer arrives; a refused one is dropped and the others stay.
 * The result never steps back to a state without a change that is still on its way.
 */
export class SettingsSync {
  private confirmed: Settings;
  /** The host's revision of `confirmed`; -1 before any counted value. */
  private revision = -1;
  private readonly pending = new Map<number, SettingsEdit>();
  private nextToken = 0;
  private shown: Settings;

  constructor(initial: Settings) {
    this.confirmed = initial;
    this.shown = initial;
  }

  /** What the panel shows: the host's newest settings with the changes on their way. */
  get settings(): Settings {
    return this.shown;
  }

  /**
   * Settings from the host (session, answer or event). Returns whether they were taken: false
   * when older than (or as old as) what the panel has. A value without a revision comes from a
   * host that does not count, and is taken as it comes.
   */
  receive(value: RevisedSettings): boolean {
    const { revision, ...settings } = value;
    if (revision !== undefined) {
      if (revision <= this.revision) return false;
      this.revision = revision;
    }
    this.confirmed = settings;
    this.recompute();
    return true;
  }

  /**
   * The session's settings: the whole picture, taken whatever its revision. It is read at start
   * and after the bridge reconnects, when the host may be a new process counting from 0 again.
   */
  reset(value: RevisedSettings): void {
    this.revision = -1;
    this.receive(value);
  }

  /** A local change the host will confirm (or refuse): shown at once. */
  begin(edit: SettingsEdit): number {
    const token = this.nextToken++;
    this.pending.set(token, edit);
    this.recompute();
    return token;
  }

  /** The host answered the change `token` (its answer, if any, goes to receive first). */
  end(token: number): void {
    if (this.pending.delete(token)) this.recompute();
  }

  /** A change the host makes known by another way than settings (a notify-once alert): kept until newer settings come. */
  amend(edit: SettingsEdit): void {
    this.confirmed = edit(this.confirmed);
    this.recompute();
  }

  private recompute(): void {
    let settings = this.confirmed;
    for (const edit of this.pending.values()) {
      try {
        settings = edit(settings);
      } catch {
        // Invalid on these settings: the host refuses it too, and says why.
      }
    }
    this.shown = settings;
  }
}
