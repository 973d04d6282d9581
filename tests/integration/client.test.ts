import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/core/clock.js';
import { B24Client, type RequestEvent } from '../../electron/core/bitrix/client.js';
import type { OAuthCredential } from '../../electron/core/bitrix/credential.js';
import { B24Error, type B24ErrorKind } from '../../electron/core/bitrix/errors.js';
import { nextRetryDelay } from '../../electron/core/bitrix/backoff.js';
import { fetchDepartments, fetchIdentity, fetchTeam } from '../../electron/core/bitrix/team.js';
import { parseWebhookUrl, type WebhookCredential } from '../../electron/core/bitrix/webhook-url.js';
import {
  DEMO_FAULT_KINDS,
  type DemoFaultKind,
  type DemoPortal,
  type DemoPortalOptions,
} from '../../electron/demo/types.js';

/**
 * The REST client against the demo portal over real loopback HTTP: request counts per refresh,
 * every fault the portal can inject, revoked webhooks, OAuth expiry, and no secret leaking.
 */
const portalModule = fileURLToPath(new URL('../../electron/demo/portal.ts', import.meta.url));
const hasDemo = existsSync(portalModule);

const portals: DemoPortal[] = [];
afterEach(async () => {
  await Promise.all(portals.splice(0).map((portal) => portal.close()));
});

async function start(options: DemoPortalOptions = {}): Promise<DemoPortal> {
  const { startDemoPortal } = (await import('../../electron/demo/portal.js')) as {
    startDemoPortal: (options: DemoPortalOptions) => Promise<DemoPortal>;
  };
  const portal = await startDemoPortal({ clock: new ManualClock(), evolve: false, ...options });
  portals.push(portal);
  return portal;
}

function webhookOf(portal: DemoPortal): WebhookCredential {
  const parsed = parseWebhookUrl(portal.webhookUrl);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

function oauthOf(portal: DemoPortal): OAuthCredential {
  const { clientEndpoint, accessToken, refreshToken, clientId, clientSecret, tokenUrl } =
    portal.oauth;
  return {
    kind: 'oauth',
    clientEndpoint,
    accessToken,
    refreshToken,
    clientId,
    clientSecret,
    tokenUrl,
  };
}

/** A client that never waits on its own bucket: these tests count requests, not pace them. */
function clientFor(
  portal: DemoPortal,
  extra: Partial<ConstructorParameters<typeof B24Client>[0]> = {},
): B24Client {
  return new B24Client({
    credential: webhookOf(portal),
    rateLimit: { drainPerSecond: 50, capacity: 50 },
    ...extra,
  });
}

async function failure(promise: Promise<unknown>): Promise<B24Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof B24Error) return error;
    throw error;
  }
  throw new Error('expected a B24Error');
}

describe.skipIf(!hasDemo)('B24Client against the demo portal', () => {
  it('knows who the webhook belongs to', async () => {
    const portal = await start();
    const client = clientFor(portal);
    const identity = await fetchIdentity(client);
    expect(identity.userId).toBe(portal.control.ownerId);
    expect(identity.name.length).toBeGreaterThan(0);
    expect(identity.portalHost).toBe(new URL(portal.origin).host);
    expect(portal.control.requestLog).toHaveLength(1);
  });

  it.each([
    [40, 1, 1],
    [120, 2, 1],
    [2_500, 2, 1],
  ])(
    'a team of %i: %i requests on the first refresh, %i after',
    async (teamSize, first, steady) => {
      const portal = await start({ teamSize });
      const client = clientFor(portal);
      const initial = await fetchTeam(client, {});
      expect(initial.colleagues.map((u) => u.id)).toEqual(portal.control.teamIds());
      expect(initial.total).toBe(teamSize);
      expect(initial.degraded).toBe(0);
      expect(initial.requests).toBe(first);
      expect(portal.control.requestLog).toHaveLength(first);
      expect(
        portal.control.requestLog.every(
          (entry) => entry.status === 200 && entry.commands.length <= 50,
        ),
      ).toBe(true);

      portal.control.clearRequestLog();
      const again = await fetchTeam(client, { knownTotal: initial.total });
      expect(again.requests).toBe(steady);
      expect(portal.control.requestLog.map((entry) => entry.status)).toEqual(
        Array(steady).fill(200),
      );
      expect(new Set(again.colleagues.map((u) => u.id))).toEqual(new Set(portal.control.teamIds()));
    },
  );

  it('gets watched outsiders in the same request; unknown ids come back null', async () => {
    const portal = await start({ teamSize: 30 });
    const outsider = portal.control.addOutsider({ presence: 'online' });
    const colleague = portal.control.teamIds()[3] as number;
    const client = clientFor(portal);
    const result = await fetchTeam(client, {
      watchIds: [outsider, colleague, 999_999],
      knownTotal: 30,
    });
    expect(result.requests).toBe(1);
    expect(result.watched.get(outsider)?.id).toBe(outsider);
    expect(result.watched.get(999_999)).toBeNull();
    expect(result.watched.has(colleague)).toBe(false);
  });

  it('follows people joining and leaving between refreshes', async () => {
    const portal = await start({ teamSize: 60 });
    const client = clientFor(portal);
    const first = await fetchTeam(client, {});
    const leaving = portal.control.teamIds()[5] as number;
    portal.control.removePerson(leaving);
    const joined = portal.control.addPerson({ presence: 'online' });
    const second = await fetchTeam(client, { knownTotal: first.total });
    const ids = second.colleagues.map((u) => u.id);
    expect(ids).toContain(joined);
    expect(ids).not.toContain(leaving);
    expect(new Set(ids)).toEqual(new Set(portal.control.teamIds()));
  });

  it('names departments', async () => {
    const portal = await start({ teamSize: 40 });
    const client = clientFor(portal);
    const team = await fetchTeam(client, {});
    const ids = [...new Set(team.colleagues.flatMap((u) => u.departments ?? []))];
    const departments = await fetchDepartments(client, ids);
    expect(departments.map((d) => d.id).sort()).toEqual([...ids].sort());
    expect(departments.every((d) => d.name.length > 0 && !/^Department \d+$/.test(d.name))).toBe(
      true,
    );
  });

  it.each<[DemoFaultKind, B24ErrorKind]>([
    ['rate-limit', 'rate-limited'],
    ['overload', 'overloaded'],
    ['operation-limit', 'operation-time-limited'],
    ['server-error', 'server-error'],
    ['html', 'server-error'],
    ['malformed-json', 'malformed-response'],
    ['empty-body', 'malformed-response'],
    ['wrong-shape', 'malformed-response'],
    ['reset', 'network'],
    ['hang', 'timeout'],
    ['redirect', 'portal-moved'],
  ])('fault %s → %s, and the next refresh works again', async (fault, kind) => {
    const portal = await start({ teamSize: 20 });
    const client = clientFor(portal, { timeoutMs: 300 });
    portal.control.injectFault({ kind: fault });
    const error = await failure(fetchTeam(client, {}));
    expect(error.kind).toBe(kind);
    if (kind === 'operation-time-limited') expect(error.resetAt).toBeGreaterThan(0);
    if (kind === 'portal-moved') expect(error.message).toContain('moved-portal.bitrix24.invalid');
    const recovered = await fetchTeam(client, {});
    expect(recovered.colleagues).toHaveLength(20);
  });

  it('a fault on one command inside a batch fails the refresh with that command’s error', async () => {
    const portal = await start({ teamSize: 120 });
    const client = clientFor(portal);
    portal.control.injectFault({
      kind: 'operation-limit',
      method: 'im.department.colleagues.list',
    });
    const error = await failure(fetchTeam(client, { knownTotal: 120 }));
    expect(error).toMatchObject({
      kind: 'operation-time-limited',
      method: 'im.department.colleagues.list',
      httpStatus: null,
    });
  });

  it('a revoked webhook is auth-invalid; restored, it works again', async () => {
    const portal = await start();
    const client = clientFor(portal);
    portal.control.revokeWebhook();
    const error = await failure(fetchIdentity(client));
    expect(error.kind).toBe('auth-invalid');
    expect(nextRetryDelay(error, 1, 0)).toBeNull();
    portal.control.restoreWebhook();
    await expect(fetchIdentity(client)).resolves.toMatchObject({ userId: portal.control.ownerId });
  });

  it('OAuth: an expired token is refreshed once and the new tokens are handed over', async () => {
    const portal = await start({ teamSize: 120 });
    const tokens: { accessToken: string; refreshToken: string }[] = [];
    const events: RequestEvent[] = [];
    const client = clientFor(portal, {
      credential: oauthOf(portal),
      onTokens: (t) => tokens.push(t),
      onRequest: (e) => events.push(e),
    });
    const before = await fetchTeam(client, {});
    portal.control.expireAccessToken();
    const after = await fetchTeam(client, {
      knownTotal: before.total,
      watchIds: [portal.control.addOutsider()],
    });
    expect(after.colleagues).toHaveLength(120);
    expect(tokens).toEqual([
      { accessToken: portal.oauth.accessToken, refreshToken: portal.oauth.refreshToken },
    ]);
    expect(events.filter((e) => e.method === 'oauth.token').map((e) => e.status)).toEqual([200]);
    // page 0, the rest in one batch; then the expired batch, ONE refresh, the same batch again
    expect(portal.control.requestLog.map((e) => `${e.method}:${e.status}:${e.auth}`)).toEqual([
      'im.department.colleagues.list:200:oauth',
      'batch:200:oauth',
      'batch:401:oauth',
      'oauth.token:200:none',
      'batch:200:oauth',
    ]);
  });

  it('stays under the portal’s bucket: its own limiter paces a burst so no 503 comes back', async () => {
    // One driven clock for both sides: the portal allows bursts of 6 at 2/s; the client keeps to 4.
    const clock = new ManualClock();
    const portal = await start({ clock, rateLimit: { drainPerSecond: 2, capacity: 6 } });
    const client = new B24Client({
      credential: webhookOf(portal),
      clock,
      rateLimit: { drainPerSecond: 2, capacity: 4 },
    });
    clock.settle = () => new Promise((resolve) => setTimeout(resolve, 20)); // let loopback I/O land
    const calls = Promise.all(Array.from({ length: 8 }, () => client.call('profile')));
    for (let step = 0; step < 20; step++) await clock.advance(250);
    await calls;
    const log = portal.control.requestLog;
    expect(log.map((entry) => entry.status)).toEqual(Array(8).fill(200));
    // Four at once, then one every 500 ms: the eighth no earlier than 2 s after the first.
    expect(log[7]!.at - log[0]!.at).toBeGreaterThanOrEqual(2_000);
  });

  it('without pacing the portal answers 503, mapped to rate-limited', async () => {
    const portal = await start({ rateLimit: { drainPerSecond: 2, capacity: 3 } });
    const client = clientFor(portal);
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => client.call('profile')),
    );
    const kinds = results.map((r) =>
      r.status === 'rejected' ? (r.reason as B24Error).kind : 'ok',
    );
    // The driven clock stands still, so the portal's bucket cannot drain: exactly 3 get through.
    expect(kinds.filter((k) => k === 'ok')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'rate-limited')).toHaveLength(3);
  });

  it('no secret appears in errors or request events, whatever the portal does', async () => {
    const portal = await start({ teamSize: 60 });
    const code = /\/rest\/\d+\/([^/]+)\//.exec(portal.webhookUrl)?.[1] as string;
    const emitted: string[] = [];
    const record = (value: unknown) => emitted.push(JSON.stringify(value));
    const webhookClient = clientFor(portal, { timeoutMs: 200, onRequest: record });
    const oauthClient = clientFor(portal, {
      credential: oauthOf(portal),
      timeoutMs: 200,
      onRequest: record,
      onTokens: () => undefined,
    });
    // Every fault but the colleagues list's own short page, which is not an error.
    const faults = DEMO_FAULT_KINDS.filter((kind) => kind !== 'short-page');
    for (const client of [webhookClient, oauthClient]) {
      for (const fault of faults) {
        portal.control.injectFault({ kind: fault });
        try {
          await fetchTeam(client, { watchIds: [999_999] });
        } catch (error) {
          const e = error as Error;
          record({ ...e, message: e.message, stack: e.stack, string: String(e) });
        }
      }
    }
    portal.control.revokeWebhook();
    portal.control.expireAccessToken();
    for (const run of [() => fetchIdentity(webhookClient), () => fetchIdentity(oauthClient)]) {
      try {
        await run();
      } catch (error) {
        const e = error as Error;
        record({ ...e, message: e.message, stack: e.stack });
      }
    }
    const all = emitted.join('\n');
    expect(emitted.length).toBeGreaterThan(20);
    const secrets = [
      code,
      portal.oauth.accessToken,
      portal.oauth.refreshToken,
      portal.oauth.clientSecret,
      oauthOf(portal).accessToken,
    ];
    for (const secret of secrets) expect(all).not.toContain(secret);
  });
});
