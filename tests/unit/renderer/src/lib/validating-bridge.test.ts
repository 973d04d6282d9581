import { describe, expect, it, vi } from 'vitest';
import type { PresenceBridge } from '../../../../../electron/shared/contract.js';
import { DEFAULT_SETTINGS } from '../../../../../electron/shared/settings/schema.js';
import { validatingBridge } from '../../../../../renderer/src/lib/validating-bridge.js';

const HEALTH = { state: 'ok', since: 1, until: null, lastSuccessAt: 1, code: null, message: null };

function rawBridge(answer: unknown) {
  const listeners = new Map<string, (payload: unknown) => void>();
  const raw = {
    invoke: () => Promise.resolve(answer),
    on: (channel: string, listener: (payload: unknown) => void) => {
      listeners.set(channel, listener);
      return () => listeners.delete(channel);
    },
  } as unknown as PresenceBridge;
  return { raw, push: (channel: string, payload: unknown) => listeners.get(channel)?.(payload) };
}

describe('validatingBridge', () => {
  it('passes valid events and drops invalid ones with a report', async () => {
    const { raw, push } = rawBridge(null);
    const reports: string[] = [];
    const seen: unknown[] = [];
    validatingBridge(raw, (message) => reports.push(message)).on('health', (health) =>
      seen.push(health),
    );
    push('health', HEALTH);
    expect(seen).toEqual([HEALTH]); // exactly the schema's shape: passed on at once
    push('health', { ...HEALTH, state: 'exploded' });
    await vi.waitFor(() => expect(reports).toHaveLength(1)); // zod, loaded on first need, refuses it
    expect(seen).toEqual([HEALTH]);
    expect(reports[0]).toContain("'health'");
  });

  it('strips unknown keys through zod and keeps the events in order meanwhile', async () => {
    const { raw, push } = rawBridge(null);
    const seen: unknown[] = [];
    const bridge = validatingBridge(raw, () => {});
    bridge.on('health', (health) => seen.push(health));
    bridge.on('reports', (reports) => seen.push(reports));
    push('health', { ...HEALTH, extra: 'not in the contract' });
    push('reports', {
      idle: false,
      mobile: false,
      status: false,
      calendar: true,
      timeZones: false,
    });
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    expect(seen).toEqual([
      HEALTH,
      { idle: false, mobile: false, status: false, calendar: true, timeZones: false },
    ]);
  });

  it('checks answers against the channel response schema', async () => {
    const reports: string[] = [];
    const good = await validatingBridge(
      rawBridge({ ok: true, value: DEFAULT_SETTINGS }).raw,
      () => {},
    ).invoke('watch:set', { ids: [1] });
    expect(good).toEqual({ ok: true, value: DEFAULT_SETTINGS });
    const bad = await validatingBridge(
      rawBridge({ ok: true, value: { pollIntervalSec: 'fast' } }).raw,
      (m) => reports.push(m),
    ).invoke('watch:set', { ids: [1] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-response' } });
    const refused = await validatingBridge(
      rawBridge({
        ok: false,
        error: { code: 'invalid-settings', message: 'No', field: 'pollIntervalSec' },
      }).raw,
    ).invoke('settings:update', {});
    expect(refused).toEqual({
      ok: false,
      error: { code: 'invalid-settings', message: 'No', field: 'pollIntervalSec' },
    });
    const thrown = await validatingBridge({
      invoke: () => Promise.reject(new Error('gone')),
      on: () => () => {},
    } as unknown as PresenceBridge).invoke('poll:refresh', null);
    expect(thrown).toMatchObject({ ok: false, error: { code: 'bridge-failed', message: 'gone' } });
  });
});
