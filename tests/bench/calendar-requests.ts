import { ManualClock } from '../../electron/core/clock.js';
import { B24Client } from '../../electron/core/bitrix/client.js';
import { parseWebhookUrl } from '../../electron/core/bitrix/webhook-url.js';
import { ACCESSIBILITY_METHOD, USER_GET_METHOD } from '../../electron/core/bitrix/calendar.js';
import { PresenceEngine, type RefreshSummary } from '../../electron/core/engine/engine.js';
import { createBitrixSource } from '../../electron/core/engine/presence-source.js';
import { DEFAULT_SETTINGS } from '../../electron/shared/settings/schema.js';
import { colleaguesHandler, fakePortal, type Params } from '../support/fake-portal.js';
import { fmt, type BenchRow } from './report.js';

/**
 * Requests per refresh with calendars on (issue 19): the real engine, client and batch against
 * an in-process portal that answers calendar.accessibility.get (one meeting each) and user.get,
 * on a driven clock at the default 30 s interval (real jitter), over 60 minutes after the first
 * refresh (which knows nobody beforehand and so takes one more batch). Naive: the calendar as one
 * more request per refresh. Targets: 1 up to 2,400 people, at most 1.1 on average at 2,500.
 */
const SIZES = [40, 500, 2400, 2500] as const;
const MINUTES = 60;

async function measure(
  size: number,
): Promise<{ mean: number; max: number; calendarCommands: number; refreshes: number }> {
  const clock = new ManualClock();
  const people = Array.from({ length: size }, (_, index) => ({
    id: 1 + index,
    name: `P${index}`,
    last_activity_date: new Date(clock.now()).toISOString(),
  }));
  const portal = fakePortal({
    'im.department.colleagues.list': colleaguesHandler(() => people),
    [ACCESSIBILITY_METHOD]: (params: Params) => {
      const at = Math.floor(clock.now() / 1000);
      const entry = {
        ID: '1',
        DATE_FROM_TS_UTC: String(at + 600),
        DATE_TO_TS_UTC: String(at + 2400),
        ACCESSIBILITY: 'busy',
        DT_SKIP_TIME: 'N',
      };
      return { result: Object.fromEntries((params.users as string[]).map((id) => [id, [entry]])) };
    },
    [USER_GET_METHOD]: (params: Params) => ({
      result: ((params.FILTER as Params).ID as string[]).map((id) => ({
        ID: id,
        TIME_ZONE: 'Europe/Berlin',
      })),
    }),
  });
  const parsed = parseWebhookUrl('https://bench.bitrix24.com/rest/1/abcdef123456/');
  if (!parsed.ok) throw new Error(parsed.error);
  const client = new B24Client({
    credential: parsed.value,
    fetch: portal.fetch,
    clock,
    rateLimit: { drainPerSecond: 1000, capacity: 10_000 },
  });
  let seed = 7;
  const engine = new PresenceEngine({
    source: createBitrixSource(client),
    clock,
    getSettings: () => DEFAULT_SETTINGS,
    alertLedger: { load: () => ({}), save: () => undefined },
    locale: () => 'en',
    random: () => (seed = (seed * 16807) % 2147483647) / 2147483647,
  });
  const refreshes: RefreshSummary[] = [];
  engine.on('refreshed', (report) => refreshes.push(report));
  engine.start();
  await clock.advance(0);
  const end = clock.now() + MINUTES * 60_000;
  while (clock.now() < end) await clock.advance(DEFAULT_SETTINGS.pollIntervalSec * 1000);
  await engine.stop();
  if (engine.snapshot?.colleagues.some((c) => c.calendar === null))
    throw new Error(`someone's calendar is unknown at ${size}`);
  const steady = refreshes.slice(1);
  const requests = steady.map((r) => r.requests);
  return {
    mean: requests.reduce((a, b) => a + b, 0) / requests.length,
    max: Math.max(...requests),
    calendarCommands: steady.reduce((sum, r) => sum + r.calendarCommands, 0),
    refreshes: steady.length,
  };
}

export async function calendarRequestRows(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const size of SIZES) {
    const r = await measure(size);
    const target = size <= 2400 ? 1 : 1.1;
    rows.push({
      id: `calendar-requests-${size}`,
      what: 'requests per refresh, calendars and zones on (mean over 60 min)',
      size: `${fmt(size)} colleagues`,
      measured: `${fmt(r.mean, 3)} (max ${r.max})`,
      naive: fmt(r.mean + 1, 3),
      ratio: '—',
      target: size <= 2400 ? '1' : '≤ 1.1',
      pass: size <= 2400 ? r.max === 1 : r.mean <= target,
      data: { size, ...r },
    });
  }
  return rows;
}
