import { describe, expect, it } from 'vitest';
import {
  panelShortcut,
  rowAction,
  shortcutLetter,
} from '../../../../../renderer/src/lib/shortcuts.js';

const key = (
  key: string,
  code: string,
  mods: Partial<Record<'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey', boolean>> = {},
) => ({
  key,
  code,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe('keyboard shortcuts', () => {
  it('reads C, S, M and B from the physical key on a Russian layout', () => {
    expect(rowAction(key('с', 'KeyC'))).toBe('chat');
    expect(rowAction(key('ы', 'KeyS'))).toBe('star');
    expect(rowAction(key('Ы', 'KeyS', { shiftKey: true }))).toBe('star');
    expect(rowAction(key('ь', 'KeyM'))).toBe('mute');
    expect(rowAction(key('и', 'KeyB'))).toBe('bell');
  });

  it('takes a typed Latin letter as typed (Dvorak, AZERTY), and nothing with a modifier', () => {
    // Dvorak: the key printed "J" on QWERTY types "c".
    expect(shortcutLetter(key('c', 'KeyJ'))).toBe('c');
    expect(rowAction(key('c', 'KeyJ'))).toBe('chat');
    expect(rowAction(key('s', 'KeyS', { ctrlKey: true }))).toBeNull();
    expect(rowAction(key('x', 'KeyX'))).toBeNull();
  });

  it('never stars with Space', () => {
    expect(rowAction(key(' ', 'Space'))).toBeNull();
  });

  it('opens the help with ? and jumps to the search with / or Ctrl+F, on either layout', () => {
    expect(panelShortcut(key('?', 'Slash', { shiftKey: true }), false)).toBe('help');
    // Russian layout: ? is Shift+7, and the Slash key types "." (Shift: ",").
    expect(panelShortcut(key('?', 'Digit7', { shiftKey: true }), false)).toBe('help');
    expect(panelShortcut(key(',', 'Slash', { shiftKey: true }), false)).toBe('help');
    expect(panelShortcut(key('/', 'Slash'), false)).toBe('search');
    expect(panelShortcut(key('.', 'Slash'), false)).toBe('search');
    expect(panelShortcut(key('f', 'KeyF', { ctrlKey: true }), false)).toBe('search');
    expect(panelShortcut(key('а', 'KeyF', { ctrlKey: true }), true)).toBe('search');
    expect(panelShortcut(key('f', 'KeyF', { metaKey: true }), false)).toBe('search');
  });

  it('leaves ? and / to a field being typed in', () => {
    expect(panelShortcut(key('?', 'Slash', { shiftKey: true }), true)).toBeNull();
    expect(panelShortcut(key('/', 'Slash'), true)).toBeNull();
    expect(panelShortcut(key('f', 'KeyF'), false)).toBeNull();
  });
});
