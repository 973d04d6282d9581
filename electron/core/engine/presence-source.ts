import type { RawUser } from '../bitrix/types.js';
import type { B24Client } from '../bitrix/client.js';
import { fetchExtras, fetchTeam, MAX_TEAM_SIZE } from '../bitrix/team.js';
import type { ExtraAnswer, ExtraRequest } from '../bitrix/calendar.js';
import type { TeamTruncation } from '../../shared/domain.js';
import { UserChecks } from '../bitrix/schemas.js';

/**
 * Where raw presence comes from. Polling the REST API is the only supported source today
 * (see the API notes on real time); a push source would implement the same port.
 */
export interface PresenceSource {
  fetch(options: {
    readonly watchIds: readonly number[];
    /** Whom to check for a running desktop app, most wanted first; the source asks what it can afford. */
    readonly desktopIds?: readonly number[];
    /** Calendar and time-zone commands, most wanted first; the source sends what fits in spare commands. */
    readonly extras?: readonly ExtraRequest[];
    readonly signal: AbortSignal;
  }): Promise<SourceFetch>;
  /**
   * Calendar and time-zone commands as one more request (when overdue and there was no room).
   * Never throws for the commands' sake: their failures come back as answers. Sources that cannot
   * leave it out, and the calendar stays unknown.
   */
  fetchExtras?(
    requests: readonly ExtraRequest[],
    signal: AbortSignal,
  ): Promise<{ readonly answers: readonly ExtraAnswer[]; readonly requests: number }>;
}

export interface SourceFetch {
  /** Colleagues and watched people, each id once. */
  readonly users: readonly RawUser[];
  /** Watched ids the portal does not know or does not show to this user. */
  readonly missingWatchIds: readonly number[];
  /** `desktop_last_date` of each person whose desktop app was checked this time. */
  readonly desktop: ReadonlyMap<number, string | false>;
  /** User objects that came back with odd fields (degraded, not dropped). */
  readonly degraded: number;
  readonly requests: number;
  /** Answers of the calendar commands that rode along (absent: none did). */
  readonly extras?: readonly ExtraAnswer[];
  /** The team was cut at the source's limit (absent or null: everyone was read). */
  readonly truncation?: TeamTruncation | null;
}

/** Polls a portal through the REST client, remembering the team size so each refresh is one batch. */
export function createBitrixSource(client: B24Client): PresenceSource {
  let knownTotal: number | null = null;
  // Unchanged user objects skip the check and keep their RawUser, so the model reuses its work.
  const userChecks = new UserChecks();
  return {
    async fetch({ watchIds, desktopIds = [], extras = [], signal }) {
      const team = await fetchTeam(client, {
        watchIds,
        knownTotal,
        desktopIds,
        extras,
        userChecks,
        signal,
      });
      knownTotal = team.total;
      // Counted before the watched people join the same array.
      const truncation = team.truncated
        ? { shown: team.colleagues.length, total: team.total, limit: MAX_TEAM_SIZE }
        : null;
      // Colleagues come once each, and watched ids exclude colleagues: no merge map needed.
      const users: RawUser[] = team.colleagues;
      const missingWatchIds: number[] = [];
      for (const [id, user] of team.watched) {
        if (user) users.push(user);
        else missingWatchIds.push(id);
      }
      return {
        users,
        missingWatchIds,
        desktop: team.desktop,
        degraded: team.degraded,
        requests: team.requests,
        extras: team.extras,
        truncation,
      };
    },
    async fetchExtras(requests, signal) {
      const before = client.requestsSent;
      const answers = await fetchExtras(client, requests, signal);
      return { answers, requests: client.requestsSent - before };
    },
  };
}
