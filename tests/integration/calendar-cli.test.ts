import { createServer, type Server } from 'node:http';
import { timedEntry } from '../support/calendar-answers.js';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/core/clock.js';
import { parseCliArgs, type StatusArgs, type WatchArgs } from '../../electron/cli/args.js';
import { startWatch, type WatchSession } from '../../electron/cli/watch.js';
import { statusJson, takeStatus } from '../../electron/cli/status.js';
import { ACCESSIBILITY_METHOD, USER_GET_METHOD } from '../../electron/core/bitrix/calendar.js';
import { settleOnEngine } from '../support/settle.js';
import { colleaguesHandler, fakePortal, type Params } from '../support/fake-portal.js';

/**
 * `status --json` and `watch --json` with calendars, over real loopback HTTP from a fake portal
 * (tests/support/fake-portal.ts) that answers calendar.accessibility.get and user.get. Entries
 * are written as a portal writes them (site format, the entry's zone).
 */
const MINUTE = 60_000;

async function serve(clock: ManualClock) {
  const people = [100, 101, 102].map((id) => ({
    id,
    name: `P${id}`,
    last_activity_date: new Date(clock.now() - 86_400_000).toISOString(),
  }));
  const t = clock.now();
  const meeting = timedEntry({
    id: 1,
    from: t + 2 * MINUTE,
    until: t + 4 * MINUTE,
    zone: 'Asia/Tokyo',
    format: 'DMY24',
  });
  const portal = fakePortal({
    'im.department.colleagues.list': colleaguesHandler(() => people),
    [ACCESSIBILITY_METHOD]: (params: Params) => ({
      result: Object.fromEntries(
        (params.users as string[]).map((id) => [id, id === '100' ? [meeting] : []]),
      ),
    }),
    [USER_GET_METHOD]: (params: Params) => ({
      result: ((params.FILTER as Params).ID as string[]).map((id) => ({
        ID: id,
        TIME_ZONE: id === '100' ? 'Asia/Tokyo' : '',
      })),
    }),
  });
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = `http://127.0.0.1${request.url ?? '/'}`;
      void portal
        .fetch(url, {
          method: request.method ?? 'GET',
          headers: request.headers as Record<string, string>,
          ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
        })
        .then(async (answer) => {
          response.writeHead(answer.status, { 'content-type': 'application/json' });
          response.end(await answer.text());
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    webhookUrl: `http://127.0.0.1:${port}/rest/1/abcdef123456/`,
    meeting: { kind: 'meeting', from: t + 2 * MINUTE, until: t + 4 * MINUTE },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('calendars in status --json and watch --json', () => {
  let session: WatchSession | null = null;
  let close: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await session?.stop();
    await close?.();
    session = null;
    close = null;
  });

  it('status --json: calendarNow, calendarNext and timeZone per colleague, calendar and timeZones in reports', async () => {
    const clock = new ManualClock();
    const portal = await serve(clock);
    close = portal.close;
    const args = parseCliArgs(['status', '--json'], {
      B24_WEBHOOK_URL: portal.webhookUrl,
    }) as StatusArgs;
    const parsed = JSON.parse(statusJson(await takeStatus(args, { clock }))) as {
      reports: object;
      colleagues: Record<string, unknown>[];
    };
    expect(parsed.reports).toMatchObject({ calendar: true, timeZones: true });
    const anna = parsed.colleagues.find((c) => c.id === 100)!;
    expect(anna).toMatchObject({
      calendarNow: null,
      calendarNext: portal.meeting,
      timeZone: 'Asia/Tokyo',
    });
    expect(anna).not.toHaveProperty('calendar');
    expect(parsed.colleagues.find((c) => c.id === 101)).toMatchObject({
      calendarNow: null,
      calendarNext: null,
      timeZone: null,
    });
  });

  it('watch --json: the meeting starting and ending come as changes, though only the time moved', async () => {
    const clock = new ManualClock();
    const portal = await serve(clock);
    close = portal.close;
    const lines: Record<string, unknown>[] = [];
    const args = parseCliArgs(['watch', '--json', '--interval', '30'], {
      B24_WEBHOOK_URL: portal.webhookUrl,
    }) as WatchArgs;
    session = await startWatch(args, {
      write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>),
      clock,
      random: () => 0,
    });
    settleOnEngine(clock, session.engine);
    await clock.advance(0);
    const ready = lines.find((line) => line.type === 'ready') as {
      reports: object;
      colleagues: Record<string, unknown>[];
    };
    expect(ready.reports).toMatchObject({ calendar: true, timeZones: true });
    expect(ready.colleagues.find((c) => c.id === 100)).toMatchObject({
      calendarNow: null,
      calendarNext: portal.meeting,
      timeZone: 'Asia/Tokyo',
    });
    for (let poll = 0; poll < 12; poll++) await clock.advance(30_000);
    const changes = lines
      .filter((line) => line.type === 'change' && line.userId === 100)
      .map((line) => line.fields);
    expect(changes).toEqual([
      { calendarNow: portal.meeting, calendarNext: null },
      { calendarNow: null },
    ]);
  });
});
