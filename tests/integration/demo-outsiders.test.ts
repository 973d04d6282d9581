import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/core/clock.js';
import { startDemoPortal } from '../../electron/demo/portal.js';
import { DEMO_OUTSIDERS, Team } from '../../electron/demo/team.js';
import { fullName } from '../../electron/demo/names.js';
import type { DemoPortal } from '../../electron/demo/types.js';

/** Issue 22, item 18: the demo names everyone apart, and has people outside the team to find. */
describe('the demo portal’s people', () => {
  let portal: DemoPortal | null = null;
  afterEach(async () => {
    await portal?.close();
    portal = null;
  });

  it('gives the owner, the team and the outsiders different names (any seed, the default team size)', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const names = [...new Team(seed, 40).all()].map(
        (person) => person.nameOverride ?? fullName(person.firstName, person.lastName),
      );
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it('has people outside the team, whom "Also watch" finds by name (im.search.user.list) but the team list does not hold', async () => {
    portal = await startDemoPortal({
      clock: new ManualClock(),
      teamSize: 40,
      evolve: false,
      seed: 7,
    });
    const team = new Set(portal.control.teamIds());
    const outsiders = [...new Team(7, 40).all()].filter((person) => person.kind === 'outsider');
    expect(outsiders).toHaveLength(DEMO_OUTSIDERS);
    for (const outsider of outsiders) {
      expect(team.has(outsider.id)).toBe(false);
      const find = outsider.lastName.slice(0, 4);
      if ([...find].length < 3) continue; // one-letter CJK surnames: too short to search by
      const answer = (await (
        await fetch(`${portal.webhookUrl}im.search.user.list?FIND=${encodeURIComponent(find)}`)
      ).json()) as { result: { id: number }[] };
      expect(answer.result.map((user) => user.id)).toContain(outsider.id);
    }
  });
});
