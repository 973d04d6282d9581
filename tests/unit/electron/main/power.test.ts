import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { wirePowerEvents } from '../../../../electron/main/power.js';

type PowerLike = Parameters<typeof wirePowerEvents>[0];

function setup() {
  const monitor = new EventEmitter();
  const service = { pause: vi.fn(), resume: vi.fn() };
  const dispose = wirePowerEvents(monitor as unknown as PowerLike, service);
  return { monitor, service, dispose };
}

describe('power events', () => {
  it('suspend pauses and resume resumes', () => {
    const { monitor, service } = setup();
    monitor.emit('suspend');
    expect(service.pause).toHaveBeenCalledOnce();
    monitor.emit('resume');
    expect(service.resume).toHaveBeenCalledOnce();
  });

  it('lock pauses and unlock resumes', () => {
    const { monitor, service } = setup();
    monitor.emit('lock-screen');
    monitor.emit('unlock-screen');
    expect(service.pause).toHaveBeenCalledOnce();
    expect(service.resume).toHaveBeenCalledOnce();
  });

  it('waking to a locked screen stays paused until unlocked, and resumes once', () => {
    const { monitor, service } = setup();
    monitor.emit('lock-screen');
    monitor.emit('suspend');
    monitor.emit('resume');
    expect(service.resume).not.toHaveBeenCalled();
    monitor.emit('unlock-screen');
    expect(service.pause).toHaveBeenCalledOnce();
    expect(service.resume).toHaveBeenCalledOnce();
  });

  it('ignores a resume without a suspend (no double refresh)', () => {
    const { monitor, service } = setup();
    monitor.emit('resume');
    monitor.emit('unlock-screen');
    expect(service.resume).not.toHaveBeenCalled();
  });

  it('unsubscribes everything', () => {
    const { monitor, service, dispose } = setup();
    dispose();
    monitor.emit('suspend');
    expect(service.pause).not.toHaveBeenCalled();
    expect(monitor.eventNames()).toEqual([]);
  });
});
