/**
 * The panel's keyboard shortcuts, read from the physical key when the layout types no Latin
 * letter: on a Russian layout S is "ы", yet the key is where S is printed, and that is what the
 * hint advertises. A Latin letter is taken as typed, so Dvorak and AZERTY users press the letter
 * they see.
 */
export type RowAction = 'chat' | 'star' | 'mute' | 'bell';
const ROW_LETTERS: Readonly<Record<string, RowAction>> = {
  c: 'chat',
  s: 'star',
  m: 'mute',
  b: 'bell',
};

type KeyInfo = Pick<KeyboardEvent, 'key' | 'code' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey'>;

/** The Latin letter a key stands for: as typed, else the letter printed on that physical key. */
export function shortcutLetter(event: Pick<KeyboardEvent, 'key' | 'code'>): string | null {
  if (/^[a-z]$/i.test(event.key)) return event.key.toLowerCase();
  const physical = /^Key([A-Z])$/.exec(event.code);
  return physical ? (physical[1] as string).toLowerCase() : null;
}

/** What a key does to the selected row (Space does nothing: it scrolls, as everywhere). */
export function rowAction(event: KeyInfo): RowAction | null {
  if (event.altKey || event.ctrlKey || event.metaKey) return null;
  const letter = shortcutLetter(event);
  return letter === null ? null : (ROW_LETTERS[letter] ?? null);
}

/**
 * Keys that work anywhere in the panel: `?` shows the shortcuts, `/` and Ctrl+F (⌘F) go to the
 * search. `?` and `/` are text while typing in a field, so they count only outside one. On a
 * Russian layout `?` is Shift+7 and the `/` key types "."; the physical Slash key counts too.
 */
export function panelShortcut(event: KeyInfo, typing: boolean): 'help' | 'search' | null {
  if ((event.ctrlKey || event.metaKey) && !event.altKey && shortcutLetter(event) === 'f')
    return 'search';
  if (typing || event.ctrlKey || event.metaKey || event.altKey) return null;
  if (event.key === '?' || (event.code === 'Slash' && event.shiftKey)) return 'help';
  if (event.key === '/' || event.code === 'Slash') return 'search';
  return null;
}

/** Whether a key goes into a field (so `?` and `/` are text there). */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (
    target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  )
    return true;
  return (
    target instanceof HTMLInputElement &&
    !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type)
  );
}

/** The shortcuts the help lists, in its order: the keys shown, and the catalog key of what they do. */
export const SHORTCUT_HELP = [
  { keys: ['↑', '↓', 'PgUp', 'PgDn', 'Home', 'End'], what: 'shortcuts.move' },
  { keys: ['Enter'], what: 'shortcuts.open' },
  { keys: ['C'], what: 'shortcuts.chat' },
  { keys: ['S'], what: 'shortcuts.star' },
  { keys: ['M'], what: 'shortcuts.mute' },
  { keys: ['B'], what: 'shortcuts.bell' },
  { keys: ['/', 'Ctrl+F'], what: 'shortcuts.search' },
  { keys: ['Esc'], what: 'shortcuts.escape' },
  { keys: ['?'], what: 'shortcuts.help' },
] as const;
