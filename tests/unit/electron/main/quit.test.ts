import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { setupQuit } from '../../../../electron/main/quit.js';

function fakeApp() {
  const app = Object.assign(new EventEmitter(), { quit: vi.fn() });
  const quitEvent = () => {
    const event = { preventDefault: vi.fn() };
    app.emit('before-quit', event);
    return event;
  };
  return { app, quitEvent };
}

describe('quitting', () => {
  it('does not quit when the last window closes', () => {
    const { app } = fakeApp();
    setupQuit(app as never);
    app.emit('window-all-closed');
    expect(app.quit).not.toHaveBeenCalled();
  });

  it('runs the synchronous steps at once, waits for the rest, then quits', async () => {
    const { app, quitEvent } = fakeApp();
    const quit = setupQuit(app as never);
    const order: string[] = [];
    let finishStop: () => void = () => {};
    quit.onQuit(() => void order.push('tray'));
    quit.onQuit(
      () => new Promise<void>((resolve) => (finishStop = () => (order.push('service'), resolve()))),
    );
    expect(quit.quitting()).toBe(false);
    const event = quitEvent();
    expect(event.preventDefault).toHaveBeenCalledOnce();
    expect(quit.quitting()).toBe(true);
    expect(order).toEqual(['tray']);
    await Promise.resolve();
    expect(app.quit).not.toHaveBeenCalled();
    finishStop();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledOnce());
    expect(order).toEqual(['tray', 'service']);
    // The app.quit() that follows emits before-quit again: it passes.
    expect(quitEvent().preventDefault).not.toHaveBeenCalled();
  });

  it('quits even when a step fails', async () => {
    const { app, quitEvent } = fakeApp();
    const quit = setupQuit(app as never);
    quit.onQuit(() => {
      throw new Error('tray gone');
    });
    quit.onQuit(() => Promise.reject(new Error('stop failed')));
    quitEvent();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledOnce());
  });
});
