import { describe, expect, it, vi } from 'vitest';
import {
  claimSingleInstance,
  hasHiddenFlag,
  shouldStartHidden,
} from '../../../../electron/main/launch.js';

type AppLike = Parameters<typeof claimSingleInstance>[0];

describe('launch options', () => {
  it('starts hidden with --hidden, the setting, or a macOS login launch', () => {
    expect(hasHiddenFlag(['/opt/app', '--hidden'])).toBe(true);
    expect(
      shouldStartHidden({ argv: ['/opt/app'], startMinimized: false, openedAtLogin: false }),
    ).toBe(false);
    expect(
      shouldStartHidden({ argv: ['/opt/app'], startMinimized: true, openedAtLogin: false }),
    ).toBe(true);
    expect(
      shouldStartHidden({ argv: ['/opt/app'], startMinimized: false, openedAtLogin: true }),
    ).toBe(true);
  });
});

describe('single instance', () => {
  function fakeApp(gotLock: boolean) {
    const listeners = new Map<string, (...args: unknown[]) => void>();
    const app = {
      requestSingleInstanceLock: () => gotLock,
      on: (event: string, listener: (...args: unknown[]) => void) => listeners.set(event, listener),
      quit: vi.fn(),
    };
    return { app, listeners };
  }

  it('quits a second instance', () => {
    const { app } = fakeApp(false);
    expect(claimSingleInstance(app as unknown as AppLike, vi.fn())).toBe(false);
    expect(app.quit).toHaveBeenCalledOnce();
  });

  it('focuses the first instance on a second launch, unless that launch was hidden', () => {
    const { app, listeners } = fakeApp(true);
    const onSecond = vi.fn();
    expect(claimSingleInstance(app as unknown as AppLike, onSecond)).toBe(true);
    listeners.get('second-instance')?.({}, ['/opt/app']);
    listeners.get('second-instance')?.({}, ['/opt/app', '--hidden']);
    expect(onSecond.mock.calls).toEqual([[false], [true]]);
    expect(app.quit).not.toHaveBeenCalled();
  });
});
