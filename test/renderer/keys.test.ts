/** Shortcuts as the registry writes them, matched against key presses and written out per platform. */
import { describe, expect, it } from 'vitest';
import { COMMANDS, keysOf } from '../../app/shared/commands';
import { formatAccelerator, matchesChord, parseAccelerator } from '../../renderer/commands/keys';

const press = (key: string, mods: { ctrl?: boolean; meta?: boolean; shift?: boolean; alt?: boolean } = {}) =>
  ({ key, ctrlKey: mods.ctrl ?? false, metaKey: mods.meta ?? false, shiftKey: mods.shift ?? false, altKey: mods.alt ?? false });

describe('shortcuts', () => {
  it('match CmdOrCtrl to Ctrl on Windows and Linux and to Cmd on macOS, and nothing else', () => {
    const redo = parseAccelerator('CmdOrCtrl+Shift+Z');
    expect(matchesChord(redo, press('Z', { ctrl: true, shift: true }), false)).toBe(true);
    expect(matchesChord(redo, press('z', { meta: true, shift: true }), true)).toBe(true);
    expect(matchesChord(redo, press('z', { ctrl: true, shift: true }), true)).toBe(false);
    expect(matchesChord(redo, press('z', { ctrl: true }), false)).toBe(false);
    expect(matchesChord(redo, press('z', { ctrl: true, shift: true, alt: true }), false)).toBe(false);
  });

  it('take "?" with or without Shift (it is Shift+/ on most layouts), but never with Ctrl', () => {
    const help = parseAccelerator('?');
    expect(matchesChord(help, press('?', { shift: true }), false)).toBe(true);
    expect(matchesChord(help, press('?'), false)).toBe(true);
    expect(matchesChord(help, press('?', { ctrl: true, shift: true }), false)).toBe(false);
    expect(matchesChord(parseAccelerator('F'), press('f'), false)).toBe(true);
    expect(matchesChord(parseAccelerator('F'), press('F', { shift: true }), false)).toBe(false);
  });

  it('are written as each platform writes them', () => {
    expect(formatAccelerator('CmdOrCtrl+Shift+P', false)).toBe('Ctrl+Shift+P');
    expect(formatAccelerator('CmdOrCtrl+Shift+P', true)).toBe('⌘⇧P');
    expect(formatAccelerator('Ctrl+Y', false)).toBe('Ctrl+Y');
    expect(formatAccelerator('F1', false)).toBe('F1');
    expect(formatAccelerator('Escape', false)).toBe('Esc');
    expect(formatAccelerator('CmdOrCtrl+-', false)).toBe('Ctrl+−');
  });

  it('are never given to two commands that can both act at once (Escape is ordered: a dialog first, then Present mode, then the selection)', () => {
    for (const mac of [false, true]) {
      const owners = new Map<string, string[]>();
      for (const command of COMMANDS) for (const key of keysOf(command, mac)) owners.set(key, [...(owners.get(key) ?? []), command.id]);
      const shared = [...owners.entries()].filter(([, ids]) => ids.length > 1);
      expect(shared).toEqual([['Escape', ['close-sheet', 'present-exit', 'clear-selection']]]);
    }
  });
});
