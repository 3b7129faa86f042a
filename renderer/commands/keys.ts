/**
 * Shortcuts as the command registry writes them (Electron accelerators such
 * as "CmdOrCtrl+Shift+Z") matched against key presses and written out for
 * people: "Ctrl+Shift+Z" on Windows and Linux, "⌘⇧Z" on macOS. The same
 * declaration feeds the menus, the keyboard and the shortcuts sheet.
 */

export interface KeyChord {
  /** Cmd on macOS, Ctrl elsewhere ("CmdOrCtrl"), or exactly Ctrl / Cmd. */
  primary: 'cmdOrCtrl' | 'ctrl' | 'cmd' | undefined;
  shift: boolean;
  alt: boolean;
  /** The key as KeyboardEvent.key gives it, lower case for letters ("z", "enter", "f1", "?"). */
  key: string;
}

export const isMac = (): boolean => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function parseAccelerator(accelerator: string): KeyChord {
  const parts = accelerator.split('+');
  // "CmdOrCtrl+=" splits into ["CmdOrCtrl", "="]; a literal plus would be written "Plus".
  const key = (parts.pop() ?? '').toLowerCase();
  const mods = new Set(parts.map((p) => p.toLowerCase()));
  const primary = mods.has('cmdorctrl') || mods.has('commandorcontrol') ? 'cmdOrCtrl' : mods.has('ctrl') || mods.has('control') ? 'ctrl' : mods.has('cmd') || mods.has('command') ? 'cmd' : undefined;
  return { primary, shift: mods.has('shift'), alt: mods.has('alt') || mods.has('option'), key: key === 'plus' ? '+' : key };
}

/**
 * A printable key that is not a letter ("?", "/", "=", "+") ignores Shift: which of them need Shift
 * depends on the keyboard layout ("/" is Shift+7 on a German one, "?" Shift+/ on a US one).
 */
const layoutDependent = (key: string) => key.length === 1 && !/[a-z0-9]/.test(key);

export function matchesChord(chord: KeyChord, event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>, mac: boolean): boolean {
  if (event.key.toLowerCase() !== chord.key) return false;
  const wantCtrl = chord.primary === 'ctrl' || (chord.primary === 'cmdOrCtrl' && !mac);
  const wantMeta = chord.primary === 'cmd' || (chord.primary === 'cmdOrCtrl' && mac);
  if (event.ctrlKey !== wantCtrl || event.metaKey !== wantMeta || event.altKey !== chord.alt) return false;
  return layoutDependent(chord.key) || event.shiftKey === chord.shift;
}

const MAC_SYMBOLS: Record<string, string> = { cmd: '⌘', ctrl: '⌃', shift: '⇧', alt: '⌥' };
const KEY_NAMES: Record<string, string> = { escape: 'Esc', delete: 'Delete', backspace: 'Backspace', enter: 'Enter', '=': '=', '-': '−', '.': '.', '/': '/', '?': '?' };

/** How a shortcut is written on this platform: "Ctrl+Shift+P", "⌘⇧P", "F1", "?". */
export function formatAccelerator(accelerator: string, mac: boolean): string {
  const chord = parseAccelerator(accelerator);
  const primary = chord.primary === 'cmdOrCtrl' ? (mac ? 'cmd' : 'ctrl') : chord.primary;
  const mods = [primary === 'ctrl' && mac ? 'ctrl' : undefined, primary === 'cmd' ? 'cmd' : undefined, primary === 'ctrl' && !mac ? 'ctrl' : undefined, chord.alt ? 'alt' : undefined, chord.shift ? 'shift' : undefined]
    .filter((m): m is string => m !== undefined);
  const key = KEY_NAMES[chord.key] ?? (chord.key.length === 1 ? chord.key.toUpperCase() : chord.key.replace(/^f(\d+)$/, 'F$1'));
  if (mac) return mods.map((m) => MAC_SYMBOLS[m]).join('') + key;
  return [...mods.map((m) => m[0]!.toUpperCase() + m.slice(1)), key].join('+');
}
