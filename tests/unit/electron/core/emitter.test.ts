import { describe, expect, it } from 'vitest';
import { Emitter } from '../../../../electron/core/emitter.js';

interface Events {
  tick: number;
  word: string;
}

describe('Emitter', () => {
  it('calls the listeners of one event, in the order they subscribed', () => {
    const emitter = new Emitter<Events>();
    const heard: string[] = [];
    emitter.on('tick', (n) => heard.push(`a${n}`));
    emitter.on('tick', (n) => heard.push(`b${n}`));
    emitter.on('word', (w) => heard.push(w));
    emitter.emit('tick', 1);
    expect(heard).toEqual(['a1', 'b1']);
    emitter.emit('word', 'hi');
    expect(heard).toEqual(['a1', 'b1', 'hi']);
  });

  it('emitting an event nobody listens to does nothing', () => {
    const emitter = new Emitter<Events>();
    expect(() => emitter.emit('tick', 1)).not.toThrow();
  });

  it('unsubscribes with the function `on` returns', () => {
    const emitter = new Emitter<Events>();
    const heard: number[] = [];
    const off = emitter.on('tick', (n) => heard.push(n));
    emitter.emit('tick', 1);
    off();
    emitter.emit('tick', 2);
    expect(heard).toEqual([1]);
    expect(emitter.listenerCount).toBe(0);
  });

  it('a failing listener is reported and does not stop the others', () => {
    const errors: unknown[] = [];
    const emitter = new Emitter<Events>((error) => errors.push(error));
    const heard: number[] = [];
    const broken = new Error('closed window');
    emitter.on('tick', () => {
      throw broken;
    });
    emitter.on('tick', (n) => heard.push(n));
    emitter.emit('tick', 7);
    expect(heard).toEqual([7]);
    expect(errors).toEqual([broken]);
  });

  it('a listener removed during an emit still hears that emit, and none after', () => {
    const emitter = new Emitter<Events>();
    const heard: string[] = [];
    let offLater = (): void => undefined;
    emitter.on('tick', (n) => {
      heard.push(`early${n}`);
      offLater();
    });
    offLater = emitter.on('tick', (n) => heard.push(`late${n}`));
    emitter.emit('tick', 1);
    emitter.emit('tick', 2);
    expect(heard).toEqual(['early1', 'late1', 'early2']);
  });

  it('counts every listener, and clear removes them all', () => {
    const emitter = new Emitter<Events>();
    emitter.on('tick', () => undefined);
    emitter.on('tick', () => undefined);
    emitter.on('word', () => undefined);
    expect(emitter.listenerCount).toBe(3);
    emitter.clear();
    expect(emitter.listenerCount).toBe(0);
    const heard: number[] = [];
    emitter.on('tick', (n) => heard.push(n));
    emitter.emit('tick', 3);
    expect(heard).toEqual([3]);
  });
});
