import { describe, expect, it, vi } from 'vitest';
import { setupPanelCsp } from '../../../../electron/main/panel-csp.js';
import { fakeService } from '../../../support/fake-service.js';

const connection = (portalOrigin: string | null) =>
  ({
    kind: portalOrigin ? 'webhook' : 'none',
    portalHost: null,
    portalOrigin,
    identityName: null,
    weakSecretStorage: false,
    sessionOnly: false,
  }) as const;

describe('the panel CSP follows the connected portal', () => {
  it('names no portal before one is connected', () => {
    const { service } = fakeService();
    const csp = setupPanelCsp(service, { reload: vi.fn() });
    expect(csp.csp()).toContain("img-src 'self' data:;");
  });

  it('reloads the panel when the service connects to another portal, and only then', () => {
    const fake = fakeService();
    const panel = { reload: vi.fn() };
    const csp = setupPanelCsp(fake.service, panel);
    fake.state.portalOrigin = 'https://acme.bitrix24.com';
    fake.emit('connection', connection('https://acme.bitrix24.com'));
    expect(panel.reload).toHaveBeenCalledOnce();
    expect(csp.csp()).toContain('https://acme.bitrix24.com');
    // The identity arriving later says the same origin again: no reload.
    fake.emit('connection', connection('https://acme.bitrix24.com'));
    csp.sync();
    expect(panel.reload).toHaveBeenCalledOnce();
    fake.state.portalOrigin = null;
    fake.emit('connection', connection(null));
    expect(panel.reload).toHaveBeenCalledTimes(2);
    expect(csp.csp()).not.toContain('acme');
  });

  it('catches up on a connection made before it listened (sync after start)', () => {
    const fake = fakeService();
    const panel = { reload: vi.fn() };
    const csp = setupPanelCsp(fake.service, panel);
    fake.state.portalOrigin = 'https://acme.bitrix24.com';
    csp.sync();
    expect(panel.reload).toHaveBeenCalledOnce();
    expect(csp.csp()).toContain('https://acme.bitrix24.com');
  });
});
