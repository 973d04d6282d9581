import { describe, expect, it } from 'vitest';
import { forwardEvents, pushTo, type PushSink } from '../../../../electron/main/push.js';
import { EVENT_CHANNELS, ipcEventName } from '../../../../electron/shared/contract.js';
import { fakeService } from '../../../support/fake-service.js';
import { health } from './support/fixtures.js';

/** A panel's end of the wire: what it received, under the wire names. */
function panel() {
  const received: [string, unknown][] = [];
  const sink: PushSink = (wireChannel, payload) => received.push([wireChannel, payload]);
  return { sink, received };
}

describe('forwardEvents', () => {
  it('forwards each event channel under its namespaced wire name', () => {
    const fake = fakeService();
    const { sink, received } = panel();
    forwardEvents(fake.service, () => sink);
    const state = health('ok');
    fake.emit('health', state);
    fake.emit('open-settings', null);
    fake.emit('focus-colleague', { id: 7 });
    expect(received).toEqual([
      [ipcEventName('health'), state],
      [ipcEventName('open-settings'), null],
      [ipcEventName('focus-colleague'), { id: 7 }],
    ]);
  });

  it('subscribes to every event channel of the contract, and unsubscribes from all', () => {
    const fake = fakeService();
    const before = fake.events.listenerCount;
    const stop = forwardEvents(fake.service, () => panel().sink);
    expect(fake.events.listenerCount - before).toBe(EVENT_CHANNELS.length);
    stop();
    expect(fake.events.listenerCount).toBe(before);
  });

  it('sends nothing while there is no panel, and reaches the panel there is at each event', () => {
    const fake = fakeService();
    const first = panel();
    const rebuilt = panel();
    let current: PushSink | null = null;
    forwardEvents(fake.service, () => current);
    fake.emit('focus-colleague', { id: 1 });
    current = first.sink;
    fake.emit('focus-colleague', { id: 2 });
    current = null; // the window was destroyed to save memory
    fake.emit('focus-colleague', { id: 3 });
    current = rebuilt.sink;
    fake.emit('focus-colleague', { id: 4 });
    expect(first.received).toEqual([[ipcEventName('focus-colleague'), { id: 2 }]]);
    expect(rebuilt.received).toEqual([[ipcEventName('focus-colleague'), { id: 4 }]]);
  });

  it('after stopping, events go nowhere', () => {
    const fake = fakeService();
    const { sink, received } = panel();
    forwardEvents(fake.service, () => sink)();
    fake.emit('open-settings', null);
    expect(received).toEqual([]);
  });
});

describe('pushTo', () => {
  it('pushes one event to a sink, or to none', () => {
    const { sink, received } = panel();
    pushTo(sink, 'open-settings', null);
    expect(received).toEqual([[ipcEventName('open-settings'), null]]);
    expect(() => pushTo(null, 'open-settings', null)).not.toThrow();
  });
});
