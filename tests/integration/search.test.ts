import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/core/clock.js';
import { B24Client } from '../../electron/core/bitrix/client.js';
import { searchUsers } from '../../electron/core/bitrix/search.js';
import { parseWebhookUrl } from '../../electron/core/bitrix/webhook-url.js';
import { startDemoPortal } from '../../electron/demo/portal.js';
import type { DemoPortal } from '../../electron/demo/types.js';

describe('searchUsers against the demo portal', () => {
  let portal: DemoPortal | null = null;
  afterEach(async () => {
    await portal?.close();
    portal = null;
  });

  async function connect(): Promise<{ client: B24Client; portal: DemoPortal }> {
    portal = await startDemoPortal({
      clock: new ManualClock(),
      teamSize: 10,
      evolve: false,
      seed: 2,
    });
    const parsed = parseWebhookUrl(portal.webhookUrl);
    if (!parsed.ok) throw new Error(parsed.error);
    return {
      client: new B24Client({ credential: parsed.value, clock: new ManualClock() }),
      portal,
    };
  }

  it('finds someone outside the team by name, as user objects', async () => {
    const { client, portal } = await connect();
    const id = portal.control.addOutsider({
      firstName: 'Ольга',
      lastName: 'Заречная',
      position: 'Аудитор',
    });
    const found = await searchUsers(client, '  зареч ');
    expect(found.map((user) => [user.id, user.name])).toEqual([[id, 'Ольга Заречная']]);
    expect(await searchUsers(client, 'nobody-has-this')).toEqual([]);
  });

  it('refuses a phrase under 3 letters without a request', async () => {
    const { client, portal } = await connect();
    await expect(searchUsers(client, 'Ол')).rejects.toMatchObject({
      kind: 'bad-request',
      code: 'FIND_SHORT',
    });
    expect(portal.control.requestLog).toHaveLength(0);
  });
});
