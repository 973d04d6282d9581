import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/core/clock.js';
import { DAY_MS, portalDate } from '../../electron/demo/portal-time.js';
import { parseCliArgs, type WatchArgs } from '../../electron/cli/args.js';
import { startWatch, type WatchSession } from '../../electron/cli/watch.js';
import { startDemoPortal } from '../../electron/demo/portal.js';
import { MAX_TEAM_SIZE } from '../../electron/core/bitrix/team.js';
import type { DemoPortal } from '../../electron/demo/types.js';
import { settleOnEngine } from '../support/settle.js';
import { scriptColleague } from '../../electron/cli/script-colleague.js';

interface Line {
  type: string;
  at: string;
  [field: string]: unknown;
}

/**
 * `watch --json` in-process against the demo portal over real HTTP, with one driven clock
 * shared by the portal's simulation and the watcher: minutes pass in milliseconds.
 */
async function run(
  argv: string[],
  options: { teamSize?: number; legacy?: boolean; evolve?: boolean; settleCapMs?: number } = {},
) {
  const clock = new ManualClock();
  const portal = await startDemoPortal({
    clock,
    teamSize: options.teamSize ?? 12,
    evolve: options.evolve ?? false,
    seed: 7,
    legacy: options.legacy ?? false,
  });
  const lines: Line[] = [];
  const args = parseCliArgs(['watch', '--json', ...argv], {
    B24_WEBHOOK_URL: portal.webhookUrl,
  }) as WatchArgs;
  const session = await startWatch(args, {
    write: (line) => lines.push(JSON.parse(line) as Line),
    startDemo: () => Promise.reject(new Error('not used')),
    clock,
    random: () => 0,
  });
  settleOnEngine(clock, session.engine, options.settleCapMs);
  await clock.advance(0);
  expect(lines.some((line) => line.type === 'ready')).toBe(true);
  return {
    clock,
    portal,
    session,
    lines,
    of: (type: string) => lines.filter((line) => line.type === type),
  };
}

describe('watch --json against the demo portal', () => {
  let session: WatchSession | null = null;
  let portal: DemoPortal | null = null;

  afterEach(async () => {
    await session?.stop();
    await portal?.close();
    session = null;
    portal = null;
  });

  it('announces the team once, then reports each presence change and alerts on arrivals', async () => {
    const ctx = await run(['--interval', '30']);
    ({ session, portal } = ctx);
    const { clock, lines, of } = ctx;
    expect(of('ready')).toEqual([
      {
        type: 'ready',
        at: new Date(clock.now()).toISOString(),
        seq: 1,
        count: 12,
        reports: { idle: false, mobile: false, status: false, calendar: true, timeZones: true },
        colleagues: ctx.session.engine.snapshot?.colleagues.map((c) =>
          scriptColleague(c, clock.now()),
        ),
      },
    ]);
    expect(of('alert')).toEqual([]);

    const [first, second] = ctx.portal.control.teamIds();
    ctx.portal.control.updatePerson(first!, { presence: 'offline' });
    ctx.portal.control.updatePerson(second!, { presence: 'offline' });
    await clock.advance(30_000);
    ctx.portal.control.updatePerson(first!, { presence: 'online' });
    await clock.advance(30_000);

    const toOnline = of('change').filter((line) => line.userId === first && line.to === 'online');
    expect(toOnline).toHaveLength(1);
    expect(toOnline[0]).toMatchObject({
      from: 'offline',
      name: expect.any(String),
      fields: { presence: 'online', presenceSince: null },
    });
    const alerts = of('alert');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      userIds: [first],
      title: `${toOnline[0]!.name as string} is online`,
    });
    // Every line is an object with a type and an ISO time.
    for (const line of lines) expect(Date.parse(line.at)).not.toBeNaN();
  });

  it.each([
    ['a current portal', false, ['idle', undefined, 'offline']],
    ['an old on-premise portal', true, ['idle', 'mobile', 'offline']],
  ] as const)(
    'reports presence as %s allows, in the documented vocabulary',
    async (_kind, legacy, expected) => {
      const ctx = await run([], { legacy });
      ({ session, portal } = ctx);
      const ids = ctx.portal.control.teamIds().slice(0, 3);
      for (const id of ids) ctx.portal.control.updatePerson(id, { presence: 'online' });
      await ctx.clock.advance(30_000);
      ctx.portal.control.updatePerson(ids[0]!, { presence: 'idle' });
      ctx.portal.control.updatePerson(ids[1]!, { presence: 'mobile' }); // on a current portal: just activity
      ctx.portal.control.updatePerson(ids[2]!, { presence: 'offline' });
      await ctx.clock.advance(30_000);
      const lastMove = (id: number) =>
        ctx
          .of('change')
          .filter((line) => line.userId === id && line.to !== undefined)
          .at(-1)?.to;
      expect(ids.map(lastMove)).toEqual(expected);
      // Whatever the portal kind, the app shows what the demo's own oracle says a messenger shows.
      const snapshot = ctx.session.engine.snapshot!;
      for (const id of ids) {
        expect(snapshot.colleagues.find((c) => c.id === id)?.presence).toBe(
          ctx.portal.control.expected(id, ctx.clock.now(), { onlineLimitS: 900 })?.presence,
        );
      }
      expect(ctx.session.engine.reports.mobile).toBe(legacy);
    },
  );

  it("lets a script keep the panel's state from ready, added, change and removed alone", async () => {
    const ctx = await run([], { evolve: true, teamSize: 30 });
    ({ session, portal } = ctx);
    const control = ctx.portal.control;
    control.addPerson({ presence: 'online' });
    control.removePerson(control.teamIds()[0]!);
    for (let poll = 0; poll < 40; poll++) await ctx.clock.advance(30_000);
    const state = new Map<number, Record<string, unknown>>();
    for (const line of ctx.lines) {
      if (line.type === 'ready')
        for (const c of line.colleagues as Record<string, unknown>[]) state.set(c.id as number, c);
      if (line.type === 'added') {
        const c = line.colleague as Record<string, unknown>;
        state.set(c.id as number, c);
      }
      if (line.type === 'change')
        state.set(line.userId as number, {
          ...state.get(line.userId as number),
          ...(line.fields as object),
        });
      if (line.type === 'removed') state.delete(line.userId as number);
    }
    expect(ctx.of('added')).toHaveLength(1);
    expect(ctx.of('removed')).toHaveLength(1);
    expect(ctx.of('change').length).toBeGreaterThan(5);
    // Activity-only changes (the patch's compact `activity`) still come as one `change` each,
    // `fields: { lastActivity }`, no from/to, in id order with the other changes of their poll.
    const activityOnly = ctx
      .of('change')
      .filter((line) => Object.keys(line.fields as object).join() === 'lastActivity');
    expect(activityOnly.length).toBeGreaterThan(0);
    for (const line of activityOnly) {
      expect(typeof (line.fields as { lastActivity: unknown }).lastActivity).toBe('number');
      expect(line.from).toBeUndefined();
    }
    const bySeq = new Map<number, number[]>();
    for (const line of ctx.of('change'))
      bySeq.set(line.seq as number, [
        ...(bySeq.get(line.seq as number) ?? []),
        line.userId as number,
      ]);
    for (const ids of bySeq.values()) {
      expect(ids).toEqual([...new Set(ids)].sort((a, b) => a - b));
    }
    expect([...state.values()].sort((a, b) => (a.id as number) - (b.id as number))).toEqual(
      ctx.session.engine.snapshot?.colleagues.map((c) => scriptColleague(c, ctx.clock.now())),
    );
  });

  it('prints one digest after a sleep instead of alerts, in the documented shape', async () => {
    const ctx = await run([]);
    ({ session, portal } = ctx);
    const [first, second] = ctx.portal.control.teamIds();
    ctx.portal.control.updatePerson(first!, { presence: 'offline' });
    ctx.portal.control.updatePerson(second!, { presence: 'online' });
    await ctx.clock.advance(30_000);
    const before = ctx.clock.now();
    ctx.session.engine.pause();
    ctx.portal.control.updatePerson(first!, { presence: 'online' });
    ctx.portal.control.updatePerson(second!, { presence: 'offline' });
    await ctx.clock.advance(3_600_000);
    ctx.session.engine.resume();
    await ctx.clock.advance(0);
    const digests = ctx.of('digest');
    expect(digests).toHaveLength(1);
    // (Someone who was merely away when the portal started may have gone offline meanwhile too.)
    expect(digests[0]).toEqual({
      type: 'digest',
      at: expect.any(String),
      since: expect.any(String),
      until: expect.any(String),
      arrived: [first],
      left: expect.arrayContaining([second]),
      backFromLeave: [],
    });
    expect(Date.parse(digests[0]!.since as string)).toBeLessThanOrEqual(before);
    // The sleep's arrivals are not alerted one by one: one notification says it all.
    expect(ctx.of('alert').map((line) => line.title)).toEqual(['While you were away']);
  });

  it('with --alerts starred, alerts only for starred people', async () => {
    const probe = await startDemoPortal({ teamSize: 12, evolve: false, seed: 7 });
    const [starred, other] = probe.control.teamIds();
    await probe.close();
    const ctx = await run(['--alerts', 'starred', '--star', String(starred)]);
    ({ session, portal } = ctx);
    ctx.portal.control.updatePerson(starred!, { presence: 'offline' });
    ctx.portal.control.updatePerson(other!, { presence: 'offline' });
    await ctx.clock.advance(30_000);
    ctx.portal.control.updatePerson(starred!, { presence: 'online' });
    ctx.portal.control.updatePerson(other!, { presence: 'online' });
    await ctx.clock.advance(30_000);
    expect(ctx.of('alert').map((line) => line.userIds)).toEqual([[starred]]);
  });

  it('says when the portal rate-limits, backs off, and alerts the arrival it saw late, once', async () => {
    const ctx = await run([]);
    ({ session, portal } = ctx);
    const id = ctx.portal.control.teamIds()[0]!;
    ctx.portal.control.updatePerson(id, { presence: 'offline' });
    await ctx.clock.advance(30_000);
    ctx.portal.control.injectFault({ kind: 'rate-limit', count: 2 });
    await ctx.clock.advance(30_000);
    expect(ctx.of('health').at(-1)).toMatchObject({
      state: 'rate-limited',
      until: expect.any(String),
    });
    expect(ctx.of('error').at(-1)).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED' });
    ctx.portal.control.updatePerson(id, { presence: 'online' });
    await ctx.clock.advance(60_000);
    expect(ctx.of('health').at(-1)).toMatchObject({ state: 'ok' });
    expect(
      ctx.of('change').filter((line) => line.userId === id && line.to === 'online'),
    ).toHaveLength(1);
    // A few seconds of rate limiting is no outage: the arrival is real and alerted once.
    expect(ctx.of('alert').map((line) => line.userIds)).toEqual([[id]]);
  });

  it('is not silent while it retries: a health line per retry with its next try, the error once', async () => {
    const ctx = await run([]);
    ({ session, portal } = ctx);
    const before = ctx.of('health').length;
    // Three refreshes in a row fail (the first when due, the others when their retry is due).
    for (let i = 0; i < 3; i++) {
      ctx.portal.control.injectFault({ kind: 'server-error', count: 1 });
      const last = ctx.of('health').at(-1);
      await ctx.clock.advance(i === 0 ? 30_000 : Date.parse(String(last?.until)) - ctx.clock.now());
    }
    for (let i = 0; i < 12 && ctx.of('health').at(-1)?.state !== 'ok'; i++)
      await ctx.clock.advance(30_000);
    const during = ctx.of('health').slice(before);
    const retrying = during.filter((line) => line.state !== 'ok');
    // A line per failed refresh, each with the time of its next try; one error event.
    expect(retrying).toHaveLength(3);
    for (const line of retrying)
      expect(Date.parse(String(line.until))).toBeGreaterThan(Date.parse(line.at));
    expect(new Set(retrying.map((line) => line.until)).size).toBe(retrying.length);
    expect(ctx.of('error')).toHaveLength(1);
    expect(during.at(-1)).toMatchObject({ state: 'ok' });
  });

  it('stops polling when the webhook is revoked, and never prints the secret', async () => {
    const ctx = await run([]);
    ({ session, portal } = ctx);
    const code = new URL(ctx.portal.webhookUrl).pathname.split('/')[3]!;
    ctx.portal.control.revokeWebhook();
    ctx.portal.control.clearRequestLog();
    await ctx.clock.advance(30_000);
    expect(ctx.of('health').at(-1)).toMatchObject({ state: 'auth-failed' });
    await ctx.clock.advance(3600_000);
    expect(ctx.portal.control.requestLog).toHaveLength(1);
    expect(JSON.stringify(ctx.lines)).not.toContain(code);
  });

  it('says when the team is larger than the app reads, and when it no longer is', async () => {
    const overLimit = 51;
    const ctx = await run(['--interval', '30'], {
      teamSize: MAX_TEAM_SIZE + overLimit,
      settleCapMs: 60_000,
    });
    ({ session, portal } = ctx);
    const { clock, lines, of } = ctx;
    expect(of('ready')[0]).toMatchObject({ count: MAX_TEAM_SIZE });
    // Right after `ready`, so a script never takes the cut team for the whole one.
    const readyAt = lines.findIndex((line) => line.type === 'ready');
    expect(lines[readyAt + 1]).toEqual({
      type: 'truncation',
      at: new Date(clock.now()).toISOString(),
      truncation: { shown: MAX_TEAM_SIZE, total: MAX_TEAM_SIZE + overLimit, limit: MAX_TEAM_SIZE },
    });
    for (const id of ctx.portal.control.teamIds().slice(-overLimit))
      ctx.portal.control.removePerson(id);
    await clock.advance(30_000);
    expect(of('truncation').map((line) => line.truncation)).toEqual([expect.any(Object), null]);
    // 20,000 people over real HTTP take seconds on a busy machine.
  }, 90_000);

  it('in text mode opens with a summary line, then says "away" for no activity', async () => {
    const clock = new ManualClock();
    portal = await startDemoPortal({ clock, teamSize: 4, evolve: false, seed: 7 });
    const [ada, boris, chen, dana] = portal.control.teamIds();
    portal.control.updatePerson(ada!, { presence: 'online', name: 'Ada Lovelace' });
    portal.control.updatePerson(boris!, {
      presence: 'mobile',
      name: 'Boris Ivanov',
      absentUntil: null,
    }); // online on a current portal
    portal.control.updatePerson(chen!, { presence: 'idle', name: 'Chen Wei', absentUntil: null });
    portal.control.updatePerson(dana!, {
      presence: 'offline',
      name: 'Dana Scully',
      absentUntil: portalDate(clock.now() + 4 * DAY_MS),
    });
    const lines: string[] = [];
    const args = parseCliArgs(['watch'], { B24_WEBHOOK_URL: portal.webhookUrl }) as WatchArgs;
    session = await startWatch(args, {
      write: (line) => lines.push(line),
      startDemo: () => Promise.reject(new Error('not used')),
      clock,
      random: () => 0,
    });
    settleOnEngine(clock, session.engine);
    await clock.advance(0);
    // Each line is "<local time>  <text>".
    const texts = () => lines.map((line) => line.slice(line.indexOf('  ') + 2));
    expect(texts().slice(0, 2)).toEqual([
      '2 online, 1 away, 0 offline, 1 on leave',
      'Watching 4 colleagues on 127.0.0.1:' + new URL(portal.webhookUrl).port + '. Ctrl+C stops.',
    ]);
    portal.control.updatePerson(ada!, { presence: 'idle' });
    await clock.advance(30_000);
    expect(texts()).toContain('Ada Lovelace: online → away');
  });
});
