import { describe, expect, it } from 'vitest';
import { FaultBook, PER_COMMAND_FAULTS } from '../../../../electron/demo/faults.js';
import { DEMO_FAULT_KINDS } from '../../../../electron/demo/types.js';
import type { DemoFaultKind } from '../../../../electron/demo/types.js';

describe('FaultBook', () => {
  it('a fault breaks one request by default, then is spent', () => {
    const book = new FaultBook();
    book.inject({ kind: 'rate-limit' });
    expect(book.takeForRequest('im.user.list.get', [])).toBe('rate-limit');
    expect(book.takeForRequest('im.user.list.get', [])).toBeNull();
  });

  it('counts down, and Infinity lasts until cleared', () => {
    const book = new FaultBook();
    book.inject({ kind: 'html', count: 2 });
    expect([1, 2, 3].map(() => book.takeForRequest('profile', []))).toEqual(['html', 'html', null]);
    book.inject({ kind: 'reset', count: Number.POSITIVE_INFINITY });
    for (let i = 0; i < 100; i++) expect(book.takeForRequest('profile', [])).toBe('reset');
    book.clear();
    expect(book.takeForRequest('profile', [])).toBeNull();
  });

  it('faults come out in the order they were injected', () => {
    const book = new FaultBook();
    book.inject({ kind: 'overload' });
    book.inject({ kind: 'html' });
    expect(book.takeForRequest('profile', [])).toBe('overload');
    expect(book.takeForRequest('profile', [])).toBe('html');
  });

  it('a fault for a method hits that method, alone or inside a batch, case-insensitively', () => {
    const book = new FaultBook();
    book.inject({ kind: 'malformed-json', method: 'IM.User.List.Get', count: 2 });
    expect(book.takeForRequest('profile', [])).toBeNull();
    expect(book.takeForRequest('batch', ['profile'])).toBeNull();
    expect(book.takeForRequest('batch', ['profile', 'im.user.list.get'])).toBe('malformed-json');
    expect(book.takeForRequest('im.user.list.get', [])).toBe('malformed-json');
  });

  it('per-command faults hit a command inside a batch, not the batch request', () => {
    const book = new FaultBook();
    book.inject({ kind: 'operation-limit', method: 'im.user.list.get' });
    expect(book.takeForRequest('batch', ['im.user.list.get'])).toBeNull();
    expect(book.takeForCommand('profile')).toBeNull();
    expect(book.takeForCommand('im.user.list.get')).toBe('operation-limit');
    expect(book.takeForCommand('im.user.list.get')).toBeNull();
  });

  it('a per-command fault also breaks the same method called on its own', () => {
    const book = new FaultBook();
    book.inject({ kind: 'server-error' });
    expect(book.takeForRequest('im.user.list.get', [])).toBe('server-error');
  });

  it('transport faults never hit a command inside a batch', () => {
    const book = new FaultBook();
    book.inject({ kind: 'hang' });
    expect(book.takeForCommand('im.user.list.get')).toBeNull();
    expect(book.takeForRequest('batch', ['im.user.list.get'])).toBe('hang');
  });

  it('a short page concerns only the colleagues list, which takes it itself', () => {
    const book = new FaultBook();
    book.inject({ kind: 'short-page' });
    expect(book.takeForRequest('im.department.colleagues.list', [])).toBeNull();
    expect(book.takeForCommand('im.department.colleagues.list')).toBeNull();
    expect(book.takeShortPage()).toBe(true);
    expect(book.takeShortPage()).toBe(false);
    book.inject({ kind: 'short-page', method: 'profile' });
    expect(book.takeShortPage()).toBe(false);
  });

  it('refuses unknown kinds and counts below one', () => {
    const book = new FaultBook();
    expect(() => book.inject({ kind: 'meteor' as DemoFaultKind })).toThrow(
      'Unknown fault kind "meteor"',
    );
    expect(() => book.inject({ kind: 'html', count: 0 })).toThrow('at least 1');
    expect(() => book.inject({ kind: 'html', count: Number.NaN })).toThrow('at least 1');
    expect(book.takeForRequest('profile', [])).toBeNull();
  });

  it('names every per-command kind among the kinds', () => {
    for (const kind of PER_COMMAND_FAULTS) expect(DEMO_FAULT_KINDS).toContain(kind);
  });
});
