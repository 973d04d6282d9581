import type { Health } from '../../../../../electron/shared/domain.js';
import type { PresenceSummary } from '../../../../../electron/core/ports.js';

export const NOW = Date.UTC(2026, 10, 23, 9, 0, 0);

export function health(state: Health['state'], extra: Partial<Health> = {}): Health {
  return {
    state,
    since: NOW - 60_000,
    until: null,
    lastSuccessAt: NOW - 20_000,
    code: null,
    message: null,
    ...extra,
  };
}

export function summary(overrides: Partial<PresenceSummary> = {}): PresenceSummary {
  return {
    total: 40,
    online: 10,
    idle: 3,
    mobile: 2,
    offline: 25,
    onLeave: 1,
    health: health('ok'),
    updatedAt: NOW - 20_000,
    alertsPausedUntil: null,
    connection: 'webhook',
    free: null,
    recent: [],
    ...overrides,
  };
}
