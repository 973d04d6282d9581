/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import type { FakeControl } from './support/fake-bridge.js';
import { browserSkipReason, openPanel, type PanelPage } from './support/browser.js';
import { finishPanel as finish, usePanel } from './support/suite.js';

/** issue 20: what the panel says of a cut team, and the choice to keep a webhook for this session only. */
type FakeWindow = { __fake: FakeControl };

const cut = { shown: 20_000, total: 23_456, limit: 20_000 };

describe.skipIf(browserSkipReason !== null)('trust banners in Chromium with a fake bridge', () => {
  const env = usePanel();
  const opened: PanelPage[] = [];

  async function open(options: Parameters<typeof openPanel>[2] = {}): Promise<PanelPage> {
    const panel = await openPanel(env.browser, env.server.url, options);
    opened.push(panel);
    return panel;
  }

  it('says when the team is larger than the app reads, from the session and from events', async () => {
    const panel = await open({ truncation: cut });
    const { page } = panel;
    const banner = page.getByTestId('truncated');
    const text = async (): Promise<string | undefined> => (await banner.textContent())?.trim();
    await expect
      .poll(text)
      .toBe('Showing the first 20,000 of 23,456 people: the app reads at most 20,000');
    await page.evaluate(() =>
      (globalThis as unknown as FakeWindow).__fake.emit('truncation', null),
    );
    await expect.poll(() => banner.count()).toBe(0);
    await page.evaluate(
      (value) => (globalThis as unknown as FakeWindow).__fake.emit('truncation', value),
      { ...cut, total: 21_001 },
    );
    await expect
      .poll(text)
      .toBe('Showing the first 20,000 of 21,001 people: the app reads at most 20,000');
    await finish(panel);
  });

  it('says it in Russian, agreeing with the number', async () => {
    const panel = await open({ truncation: { ...cut, total: 21_001 }, locale: 'ru-RU' });
    const { page } = panel;
    // Intl groups Russian thousands with a no-break space.
    const text = async (): Promise<string | null> =>
      (await page.getByTestId('truncated').textContent())?.trim().replace(/\s/g, ' ') ?? null;
    await expect
      .poll(text)
      .toBe('Показаны первые 20 000 из 21 001 человека: приложение читает не больше 20 000');
    await page.evaluate(
      (value) => (globalThis as unknown as FakeWindow).__fake.emit('truncation', value),
      cut,
    );
    await expect
      .poll(text)
      .toBe('Показаны первые 20 000 из 23 456 человек: приложение читает не больше 20 000');
    await finish(panel);
  });

  async function connectWebhook(page: PanelPage['page']): Promise<unknown[]> {
    await page.getByTestId('webhook-url').fill('https://team.example.com/rest/7/abc123xyz/');
    await page.getByTestId('connect').click();
    await page.locator('.row.person').first().waitFor();
    return page.evaluate(() =>
      (globalThis as unknown as FakeWindow).__fake.calls
        .filter((call) => call.channel === 'connection:connect')
        .map((call) => call.request),
    );
  }

  it('where storage is weak, offers to keep the webhook for this session only, and says so once connected', async () => {
    const panel = await open({ connection: 'none', weakSecretStorage: true });
    const { page } = panel;
    const choice = page.getByTestId('session-only');
    expect(await choice.isChecked()).toBe(true);
    expect(await page.locator('#session-only-hint').textContent()).toContain(
      'never written to disk',
    );
    expect(await connectWebhook(page)).toEqual([
      {
        kind: 'webhook',
        webhookUrl: 'https://team.example.com/rest/7/abc123xyz/',
        sessionOnly: true,
      },
    ]);
    // Nothing was stored weakly, so no warning that it was.
    expect(await page.getByTestId('weak-secret').count()).toBe(0);
    await page.getByTestId('open-settings').click();
    await expect
      .poll(() => page.getByTestId('session-only-note').textContent())
      .toContain('asks for it again at the next start');
    await finish(panel);
  });

  it('saves it when the user unticks the choice, and then warns', async () => {
    const panel = await open({ connection: 'none', weakSecretStorage: true });
    const { page } = panel;
    await page.getByTestId('session-only').uncheck();
    expect(await connectWebhook(page)).toEqual([
      {
        kind: 'webhook',
        webhookUrl: 'https://team.example.com/rest/7/abc123xyz/',
        sessionOnly: false,
      },
    ]);
    expect(await page.getByTestId('weak-secret').isVisible()).toBe(true);
    await page.getByTestId('open-settings').click();
    await expect.poll(() => page.getByTestId('weak-stored-note').count()).toBe(1);
    await finish(panel);
  });

  it('with a keyring, offers no choice and saves the webhook as before', async () => {
    const panel = await open({ connection: 'none' });
    const { page } = panel;
    expect(await page.getByTestId('session-only').count()).toBe(0);
    expect(await connectWebhook(page)).toEqual([
      { kind: 'webhook', webhookUrl: 'https://team.example.com/rest/7/abc123xyz/' },
    ]);
    await finish(panel);
  });
});
