import { toColleague } from '../../electron/core/presence/model.js';
import { SnapshotTracker } from '../../electron/core/snapshot/tracker.js';
import { DEFAULT_SETTINGS } from '../../electron/shared/settings/schema.js';
import { parseJson, rawUsersFromJson } from './pipeline.js';
import { DemoPayloads } from './payloads.js';
import { bytes, fmt, type BenchRow, type BenchSection } from './report.js';
import { max, median } from './stats.js';

/**
 * Patch size vs full snapshot, in JSON bytes (what crosses IPC / the WebSocket each poll), at
 * 5,000 people with 1 % changing presence between polls, polls from the demo portal's handlers
 * forward in time: the JSON of the Patch exactly as the engine emits it. The naive approach sends
 * the full snapshot every poll. Besides the presence changes the patch carries whatever else
 * changed meanwhile, mostly refreshed last-activity dates of people at work (the patch's compact
 * `activity` pairs), counted separately in the data.
 */
const POLLS = 40;
const TARGET_SHARE = 0.03;

export async function benchPatchSize(): Promise<BenchSection> {
  const payloads = new DemoPayloads({ size: 5000, changedShare: 0.01, seed: 11 });
  const tracker = new SnapshotTracker();
  const options = { onlineLimitSec: DEFAULT_SETTINGS.onlineLimitSec };
  const shares: number[] = [];
  const patchBytes: number[] = [];
  const snapshotBytes: number[] = [];
  const people: number[] = [];
  const presenceChanges: number[] = [];
  const presenceOnlyBytes: number[] = [];
  const activityChanges: number[] = [];
  for (let i = 0; i <= POLLS; i++) {
    const poll = await payloads.next();
    const colleagues = rawUsersFromJson(parseJson(poll.bodies)).map((raw) =>
      toColleague(raw, poll.at, options),
    );
    const { snapshot, patch } = tracker.update(colleagues, poll.at);
    if (i === 0) continue;
    const full = Buffer.byteLength(JSON.stringify(snapshot));
    const diff = patch ? Buffer.byteLength(JSON.stringify(patch)) : 0;
    snapshotBytes.push(full);
    patchBytes.push(diff);
    shares.push(diff / full);
    const activity = patch?.activity?.length ?? 0;
    activityChanges.push(activity);
    people.push(
      patch ? patch.changed.length + activity + patch.added.length + patch.removed.length : 0,
    );
    const presence = patch
      ? patch.changed.filter((change) => change.fields.presence !== undefined)
      : [];
    presenceChanges.push(presence.length);
    const presenceOnly = patch && {
      seq: patch.seq,
      at: patch.at,
      added: patch.added,
      changed: presence,
      removed: patch.removed,
    };
    presenceOnlyBytes.push(presenceOnly ? Buffer.byteLength(JSON.stringify(presenceOnly)) : 0);
  }
  const share = median(shares);
  const row: BenchRow = {
    id: 'patch-size',
    what: 'patch vs full snapshot (JSON bytes)',
    size: `${fmt(payloads.size)}, ${fmt(payloads.changedPerPoll)} changed`,
    measured: `${bytes(median(patchBytes))} (max ${fmt(max(shares) * 100, 2)} %)`,
    naive: `${bytes(median(snapshotBytes))} (full)`,
    ratio: `${fmt(share * 100, 2)} %`,
    target: `≤ ${TARGET_SHARE * 100} %`,
    pass: max(shares) <= TARGET_SHARE,
    data: {
      medianPatchBytes: median(patchBytes),
      medianSnapshotBytes: median(snapshotBytes),
      medianShare: share,
      maxShare: max(shares),
      medianPeopleInPatch: median(people),
      medianPresenceChanges: median(presenceChanges),
      medianActivityOnlyChanges: median(activityChanges),
      medianPresenceOnlyPatchBytes: median(presenceOnlyBytes),
      polls: shares.length,
    },
  };
  return { name: 'patch-size', rows: [row] };
}
