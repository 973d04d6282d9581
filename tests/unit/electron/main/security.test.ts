import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { buildCsp, safeOrigin } from '../../../../electron/shared/csp.js';
import {
  createExternalOpener,
  isAllowedExternalUrl,
} from '../../../../electron/main/security/external-urls.js';
import { guardNavigation } from '../../../../electron/main/security/navigation.js';
import { denyAllPermissions } from '../../../../electron/main/security/permissions.js';
import { setupSecurity } from '../../../../electron/main/security/setup.js';

const directives = (csp: string): Map<string, string> =>
  new Map(
    csp.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values.join(' ')];
    }),
  );

describe('CSP builder', () => {
  it('allows scripts and styles only from the app and images from the portal', () => {
    const csp = directives(buildCsp('https://team.bitrix24.com'));
    expect(csp.get('default-src')).toBe("'none'");
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('style-src')).toBe("'self'");
    expect(csp.get('img-src')).toBe("'self' data: https://team.bitrix24.com");
    expect(csp.get('connect-src')).toBe("'none'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(buildCsp('https://team.bitrix24.com')).not.toMatch(/unsafe-(inline|eval)/);
  });

  it('names no portal when not connected', () => {
    expect(directives(buildCsp(null)).get('img-src')).toBe("'self' data:");
  });

  it('cannot be injected into through the origin', () => {
    const csp = buildCsp("https://team.bitrix24.com; script-src 'unsafe-inline'");
    expect(csp).not.toContain('unsafe-inline');
    expect(directives(csp).get('script-src')).toBe("'self'");
    expect(safeOrigin('https://team.bitrix24.com/path?x=1')).toBe('https://team.bitrix24.com');
    expect(safeOrigin('javascript:alert(1)')).toBeNull();
    expect(safeOrigin('https://*.example.com')).toBeNull();
  });
});

describe('openExternal allowlist', () => {
  const portal = 'https://team.bitrix24.com';

  it('allows https pages on the connected portal', () => {
    expect(isAllowedExternalUrl('https://team.bitrix24.com/online/?IM_DIALOG=42', portal)).toBe(
      true,
    );
    expect(isAllowedExternalUrl('https://TEAM.bitrix24.com:443/online/', portal)).toBe(true);
  });

  it.each([
    ['plain http', 'http://team.bitrix24.com/online/?IM_DIALOG=42'],
    ['another host', 'https://evil.example/online/'],
    ['a sibling subdomain', 'https://other.bitrix24.com/online/'],
    ['a suffix attack', 'https://team.bitrix24.com.evil.example/'],
    ['userinfo that looks like the portal', 'https://team.bitrix24.com@evil.example/'],
    ['userinfo on the portal itself', 'https://user:pass@team.bitrix24.com/'],
    ['an IDN lookalike (Cyrillic а)', 'https://teаm.bitrix24.com/online/'],
    ['a punycode lookalike', 'https://xn--tem-8cd.bitrix24.com/'],
    ['another port', 'https://team.bitrix24.com:8443/online/'],
    ['javascript:', 'javascript:alert(document.cookie)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['file:', 'file:///etc/passwd'],
    ['a backslash trick', 'https://evil.example\\@team.bitrix24.com/'],
    ['a control character', 'https://team.bitrix24.com/\u0000'],
    ['garbage', 'not a url'],
  ])('refuses %s', (_name, url) => {
    expect(isAllowedExternalUrl(url, portal)).toBe(false);
  });

  it('refuses everything when not connected or the portal is not https', () => {
    expect(isAllowedExternalUrl('https://team.bitrix24.com/', null)).toBe(false);
    expect(isAllowedExternalUrl('http://127.0.0.1:4000/online/', 'http://127.0.0.1:4000')).toBe(
      false,
    );
  });

  it('opens allowed URLs through the shell and nothing else', async () => {
    const openExternal = vi.fn(async () => {});
    const opener = createExternalOpener({ openExternal }, () => portal);
    expect(await opener.open('https://evil.example/')).toBe(false);
    expect(openExternal).not.toHaveBeenCalled();
    expect(await opener.open('https://team.bitrix24.com/online/?IM_DIALOG=5')).toBe(true);
    expect(openExternal).toHaveBeenCalledWith('https://team.bitrix24.com/online/?IM_DIALOG=5');
  });

  it('answers false when the system cannot open it', async () => {
    const opener = createExternalOpener(
      { openExternal: async () => Promise.reject(new Error('no handler')) },
      () => portal,
    );
    expect(await opener.open('https://team.bitrix24.com/online/')).toBe(false);
  });
});

describe('navigation guard', () => {
  type Contents = Parameters<typeof guardNavigation>[0];
  type OpenHandler = Parameters<Contents['setWindowOpenHandler']>[0];

  function guarded() {
    const emitter = new EventEmitter();
    let openHandler: OpenHandler | null = null;
    const contents = Object.assign(emitter, {
      setWindowOpenHandler: (handler: OpenHandler) => {
        openHandler = handler;
      },
    });
    guardNavigation(contents as unknown as Contents);
    const fire = (name: string): boolean => {
      const event = {
        defaultPrevented: false,
        preventDefault() {
          this.defaultPrevented = true;
        },
      };
      emitter.emit(name, event, 'https://evil.example/');
      return event.defaultPrevented;
    };
    return { fire, open: (url: string) => openHandler?.({ url } as Parameters<OpenHandler>[0]) };
  }

  it('blocks navigation, redirects and webviews', () => {
    const { fire } = guarded();
    expect(fire('will-navigate')).toBe(true);
    expect(fire('will-redirect')).toBe(true);
    expect(fire('will-attach-webview')).toBe(true);
  });

  it('denies every new window, even to the portal', () => {
    const { open } = guarded();
    expect(open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(open('https://team.bitrix24.com/online/')).toEqual({ action: 'deny' });
  });
});

describe('permission guard', () => {
  type SessionLike = Parameters<typeof denyAllPermissions>[0];
  it('denies requests, checks and devices', () => {
    const handlers: Record<string, (...args: never[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: (handler: (...args: never[]) => unknown) =>
        (handlers.request = handler),
      setPermissionCheckHandler: (handler: (...args: never[]) => unknown) =>
        (handlers.check = handler),
      setDevicePermissionHandler: (handler: (...args: never[]) => unknown) =>
        (handlers.device = handler),
    } as unknown as SessionLike;
    denyAllPermissions(session);
    for (const permission of ['notifications', 'media', 'geolocation', 'openExternal']) {
      const callback = vi.fn();
      (
        handlers.request as unknown as (
          c: unknown,
          p: string,
          cb: (granted: boolean) => void,
        ) => void
      )({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect((handlers.check as unknown as () => boolean)()).toBe(false);
    expect((handlers.device as unknown as () => boolean)()).toBe(false);
  });
});

describe('setupSecurity', () => {
  it('guards every new web contents and denies every permission', () => {
    const app = new EventEmitter();
    const session = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
    };
    setupSecurity(app as never, session as never);
    expect(session.setPermissionRequestHandler).toHaveBeenCalledOnce();
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    app.emit('web-contents-created', {}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledOnce();
    const navigation = { preventDefault: vi.fn() };
    contents.emit('will-navigate', navigation);
    expect(navigation.preventDefault).toHaveBeenCalledOnce();
  });
});
