import { afterEach, describe, expect, it } from 'vitest';
import { setTimeout as realDelay } from 'node:timers/promises';
import { ManualClock } from '../../electron/core/clock.js';
import { DAY_MS, portalDate } from '../../electron/demo/portal-time.js';
import { parseCliArgs, type StatusArgs } from '../../electron/cli/args.js';
import { PortalUnreadable, statusJson, statusText, takeStatus } from '../../electron/cli/status.js';
import { startDemoPortal } from '../../electron/demo/portal.js';
import { scriptColleague } from '../../electron/cli/script-colleague.js';
import type { DemoPortal } from '../../electron/demo/types.js';

const NAMES = ['Ada Lovelace', 'Boris Ivanov', 'Chen Wei', 'Dana Scully', 'Emil Nolde'] as const;

/**
 * `status` in-process against the demo portal over real HTTP, the engine on a driven clock.
 * The team is set by hand, one person per presence, so every line of the output is known.
 */
async function team(legacy: boolean) {
  const clock = new ManualClock();
  const portal = await startDemoPortal({
    clock,
    teamSize: NAMES.length,
    evolve: false,
    seed: 7,
    legacy,
  });
  const ids = portal.control.teamIds();
  const [ada, boris, chen, dana, emil] = ids;
  const set = (
    id: number | undefined,
    name: string,
    update: Parameters<DemoPortal['control']['updatePerson']>[1],
  ) => {
    const [firstName, lastName] = name.split(' ');
    portal.control.updatePerson(id!, {
      name,
      firstName: firstName!,
      lastName: lastName!,
      position: `${firstName} position`,
      absentUntil: null,
      status: 'online',
      ...update,
    });
  };
  set(ada, NAMES[0], { presence: 'online' });
  set(boris, NAMES[1], { presence: 'idle' });
  set(chen, NAMES[2], { presence: 'mobile' });
  // Dana's leave ends four days after the clock's today, in the portal's calendar.
  const lastDayOff = portalDate(clock.now() + 4 * DAY_MS);
  set(dana, NAMES[3], { presence: 'offline', absentUntil: lastDayOff });
  set(emil, NAMES[4], { presence: 'online', status: 'dnd' });
  return { clock, portal, ids, leave: `on leave until ${shortDay(lastDayOff)}` };
}

/** "27 Nov": a day as the table writes it (the UI's en-GB day, whatever the machine's locale). */
function shortDay(isoDay: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(Date.parse(`${isoDay}T00:00:00Z`));
}

function statusArgs(portal: DemoPortal, argv: string[] = []): StatusArgs {
  return parseCliArgs(['status', ...argv], { B24_WEBHOOK_URL: portal.webhookUrl }) as StatusArgs;
}

const noDemo = { startDemo: () => Promise.reject(new Error('not used')) };

describe('status against the demo portal', () => {
  let portal: DemoPortal | null = null;
  afterEach(async () => {
    await portal?.close();
    portal = null;
  });

  it("prints a summary line, then the team sorted by presence then name, in the panel's words (current portal)", async () => {
    const ctx = await team(false);
    portal = ctx.portal;
    const status = await takeStatus(statusArgs(ctx.portal), { ...noDemo, clock: ctx.clock });
    // A current portal reports neither mobile activity nor chosen statuses: Chen and Emil are plainly online.
    // Columns are as wide as their widest cell and two spaces apart: the leave is the widest here.
    const row = (name: string, presence: string, position: string) =>
      `${name.padEnd(14)}${presence.padEnd(ctx.leave.length + 2)}${position}`;
    expect(statusText(status)).toEqual([
      '3 online, 1 away, 0 offline, 1 on leave',
      row('Ada Lovelace', 'online', 'Ada position'),
      row('Chen Wei', 'online', 'Chen position'),
      row('Emil Nolde', 'online', 'Emil position'),
      row('Boris Ivanov', 'away 6 min', 'Boris position'),
      row('Dana Scully', ctx.leave, 'Dana position'),
    ]);
    // The engine's own picture, which the demo's oracle vouches for.
    for (const c of status.colleagues)
      expect(c.presence).toBe(
        ctx.portal.control.expected(c.id, ctx.clock.now(), { onlineLimitS: 900 })?.presence,
      );
    expect(status.reports).toEqual({
      idle: false,
      mobile: false,
      status: false,
      calendar: true,
      timeZones: true,
    });
  });

  it('counts mobile and busy people only where the portal reports them (old on-premise portal)', async () => {
    const ctx = await team(true);
    portal = ctx.portal;
    const status = await takeStatus(statusArgs(ctx.portal), { ...noDemo, clock: ctx.clock });
    expect(status.reports).toMatchObject({ mobile: true, status: true });
    const lines = statusText(status);
    expect(lines[0]).toBe('2 online, 1 away, 1 on mobile, 0 offline, 1 on leave');
    expect(lines.slice(1).map((line) => line.replace(/\s{2,}/g, ' | '))).toEqual([
      'Ada Lovelace | online | Ada position',
      'Chen Wei | on mobile | Chen position',
      'Emil Nolde | online · do not disturb | Emil position',
      expect.stringMatching(/^Boris Ivanov \| away \d+ min \| Boris position$/),
      `Dana Scully | ${ctx.leave} | Dana position`,
    ]);
  });

  it("--json is one object: at, reports, counts and the engine's colleagues", async () => {
    const ctx = await team(false);
    portal = ctx.portal;
    const status = await takeStatus(statusArgs(ctx.portal, ['--json']), {
      ...noDemo,
      clock: ctx.clock,
    });
    const json = statusJson(status);
    expect(json).not.toContain('\n');
    const parsed = JSON.parse(json) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['at', 'reports', 'counts', 'colleagues']);
    expect(parsed).toEqual({
      at: new Date(ctx.clock.now()).toISOString(),
      reports: { idle: false, mobile: false, status: false, calendar: true, timeZones: true },
      counts: { total: 5, online: 3, idle: 1, mobile: 0, offline: 0, onLeave: 1 },
      // A current portal reports no chosen status: null, not the "online" it sends for everyone.
      colleagues: status.colleagues.map((c) => ({
        ...scriptColleague(c, status.at),
        status: null,
      })),
    });
    expect(status.colleagues.find((c) => c.name === 'Dana Scully')).toMatchObject({
      presence: 'offline',
      status: 'online',
    });
    expect((parsed.colleagues as { name: string }[]).map((c) => c.name).sort()).toEqual([...NAMES]);
  });

  it('--json keeps the chosen status where the portal reports it (old on-premise portal)', async () => {
    const ctx = await team(true);
    portal = ctx.portal;
    const status = await takeStatus(statusArgs(ctx.portal, ['--json']), {
      ...noDemo,
      clock: ctx.clock,
    });
    const parsed = JSON.parse(statusJson(status)) as {
      colleagues: { name: string; status: string | null }[];
    };
    expect(parsed.colleagues).toEqual(status.colleagues.map((c) => scriptColleague(c, status.at)));
    expect(parsed.colleagues.find((c) => c.name === 'Emil Nolde')?.status).toBe('dnd');
    expect(parsed.colleagues.find((c) => c.name === 'Dana Scully')?.status).toBe('online');
  });

  it('fails with one line, without the secret, when the portal rejects the webhook', async () => {
    const ctx = await team(false);
    portal = ctx.portal;
    const code = new URL(ctx.portal.webhookUrl).pathname.split('/')[3]!;
    ctx.portal.control.revokeWebhook();
    const error = await takeStatus(statusArgs(ctx.portal), { ...noDemo, clock: ctx.clock }).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(PortalUnreadable);
    const message = (error as Error).message;
    expect(message).toMatch(/^cannot read 127\.0\.0\.1:\d+ \(auth-failed\): /);
    expect(message).not.toContain('\n');
    expect(message).not.toContain(code);
    // One refresh, no retries.
    expect(ctx.portal.control.requestLog).toHaveLength(1);
  });

  it('gives up at --timeout when the portal never answers, and not before', async () => {
    const ctx = await team(false);
    portal = ctx.portal;
    ctx.portal.control.injectFault({ kind: 'hang', count: Infinity });
    // The engine's own clock: the portal's stays put, so only the limit can end the wait.
    const clock = new ManualClock();
    let outcome: unknown = null;
    const pending = takeStatus(statusArgs(ctx.portal, ['--timeout', '20']), {
      ...noDemo,
      clock,
    }).then(
      () => (outcome = 'resolved'),
      (error: unknown) => (outcome = error),
    );
    while (clock.pendingTimers === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    await clock.advance(19_999);
    expect(outcome).toBeNull();
    await clock.advance(1);
    // A cap, not a sleep: the limit has fired, closing the run is loopback work only.
    await Promise.race([pending, realDelay(2000)]);
    expect(outcome).toBeInstanceOf(PortalUnreadable);
    expect((outcome as Error).message).toMatch(/^no answer from 127\.0\.0\.1:\d+ within 20 s$/);
    expect(clock.pendingTimers).toBe(0);
  });
});
