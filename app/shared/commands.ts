/**
 * Every command of the app, declared once: id, label, where it sits in the
 * menus, and its shortcuts. Plain data (no DOM, no Node), so the desktop
 * shell builds its menus from it and the renderer builds its keyboard
 * handling, toolbar tooltips, shortcuts sheet and command palette from it;
 * what each command does and when it is enabled is bound to these ids in
 * renderer/commands/handlers.ts, and the compiler checks that every id has
 * one. Nothing keeps a second list.
 *
 * Shortcuts are written as Electron accelerators ("CmdOrCtrl+Shift+Z"); the
 * first is the one the menu shows. The page handles every shortcut itself
 * (so they work in the browser build too), and the menus only display them.
 */
import { VIEWS, type ViewId } from './views';

export type MenuName = 'file' | 'edit' | 'view' | 'train' | 'help';

export interface CommandDeclaration {
  readonly id: string;
  readonly label: string;
  /** The menu it is in; a change of `group` within a menu draws a separator. */
  readonly menu?: MenuName;
  readonly group?: string;
  /** A submenu of `menu` it is listed under (View > Theme, View > Views). */
  readonly submenu?: string;
  readonly keys?: readonly string[];
  /** macOS's shortcuts where they differ (Redo is Cmd+Shift+Z there, Ctrl+Y elsewhere). */
  readonly macKeys?: readonly string[];
  /** The shortcut also acts while a text field has the focus (save, open, the palette). */
  readonly whileTyping?: boolean;
  /** Performed by the desktop shell itself (windows, the recent-files list); absent from the browser build. */
  readonly shell?: boolean;
  /** Takes an argument (a template's file) and so is offered once per argument, not on its own. */
  readonly takesArgument?: boolean;
  /**
   * Never offered in the palette, the menus or the shortcuts sheet: sent by the shell (save, then let
   * the window close), or a key every dialog has (Escape closes it).
   */
  readonly internal?: boolean;
}

const STATIC_COMMANDS = [
  { id: 'new', label: 'New', menu: 'file', group: 'new', keys: ['CmdOrCtrl+N'] },
  { id: 'new-from-template', label: 'New from Template', menu: 'file', group: 'new', takesArgument: true },
  { id: 'welcome', label: 'Welcome…', menu: 'file', group: 'new' },
  { id: 'open', label: 'Open…', menu: 'file', group: 'open', keys: ['CmdOrCtrl+O'], whileTyping: true },
  { id: 'import-onnx', label: 'Import ONNX Model…', menu: 'file', group: 'open' },
  { id: 'open-recent', label: 'Open Recent', menu: 'file', group: 'open', shell: true, takesArgument: true },
  { id: 'clear-recent', label: 'Clear Recent Documents', shell: true },
  { id: 'save', label: 'Save', menu: 'file', group: 'save', keys: ['CmdOrCtrl+S'], whileTyping: true },
  { id: 'save-as', label: 'Save As…', menu: 'file', group: 'save', keys: ['CmdOrCtrl+Shift+S'], whileTyping: true },
  { id: 'export', label: 'Export Summary…', menu: 'file', group: 'save', keys: ['CmdOrCtrl+E'] },
  { id: 'export-onnx', label: 'Export ONNX Model…', menu: 'file', group: 'save' },
  { id: 'export-pytorch', label: 'Export PyTorch Project…', menu: 'file', group: 'save' },
  { id: 'close', label: 'Close Window', menu: 'file', group: 'close', keys: ['CmdOrCtrl+W'], shell: true },
  { id: 'quit', label: 'Quit', menu: 'file', group: 'close', keys: ['Ctrl+Q'], macKeys: ['Cmd+Q'], shell: true },
  { id: 'save-and-close', label: 'Save and Close', internal: true },

  { id: 'undo', label: 'Undo', menu: 'edit', group: 'history', keys: ['CmdOrCtrl+Z'] },
  { id: 'redo', label: 'Redo', menu: 'edit', group: 'history', keys: ['Ctrl+Y', 'CmdOrCtrl+Shift+Z'], macKeys: ['Cmd+Shift+Z'] },
  { id: 'cut', label: 'Cut', menu: 'edit', group: 'clipboard', keys: ['CmdOrCtrl+X'] },
  { id: 'copy', label: 'Copy', menu: 'edit', group: 'clipboard', keys: ['CmdOrCtrl+C'] },
  { id: 'paste', label: 'Paste', menu: 'edit', group: 'clipboard', keys: ['CmdOrCtrl+V'] },
  { id: 'duplicate', label: 'Duplicate', menu: 'edit', group: 'clipboard', keys: ['CmdOrCtrl+D'] },
  { id: 'delete', label: 'Delete', menu: 'edit', group: 'clipboard', keys: ['Delete', 'Backspace'], macKeys: ['Backspace', 'Delete'] },
  { id: 'select-all', label: 'Select All', menu: 'edit', group: 'select', keys: ['CmdOrCtrl+A'] },
  // Escape closes a dialog, else leaves Present mode, else clears the selection: the first enabled command takes a key.
  { id: 'close-sheet', label: 'Close the Dialog', keys: ['Escape'], whileTyping: true, internal: true },
  { id: 'present-exit', label: 'Leave Present Mode', keys: ['Escape'], whileTyping: true },
  { id: 'clear-selection', label: 'Clear the Selection', menu: 'edit', group: 'select', keys: ['Escape'] },
  { id: 'quick-add', label: 'Add a Node…', menu: 'edit', group: 'add', keys: ['/'] },

  { id: 'palette', label: 'Command Palette…', menu: 'view', group: 'palette', keys: ['CmdOrCtrl+Shift+P', 'F1'], whileTyping: true },
  { id: 'zoom-in', label: 'Zoom In', menu: 'view', group: 'zoom', keys: ['CmdOrCtrl+=', 'CmdOrCtrl+Plus'] },
  { id: 'zoom-out', label: 'Zoom Out', menu: 'view', group: 'zoom', keys: ['CmdOrCtrl+-'] },
  { id: 'fit', label: 'Zoom to Fit', menu: 'view', group: 'zoom', keys: ['F'] },
  { id: 'arrange', label: 'Arrange Graph', menu: 'view', group: 'zoom', keys: ['CmdOrCtrl+Shift+L'] },
  { id: 'toggle-activations', label: 'Activations on Nodes', menu: 'view', group: 'views' },
  { id: 'reset-layout', label: 'Reset Layout', menu: 'view', group: 'views' },
  { id: 'present', label: 'Present Mode', menu: 'view', group: 'present', keys: ['F5'], whileTyping: true },
  { id: 'theme-light', label: 'Light', menu: 'view', group: 'present', submenu: 'Theme' },
  { id: 'theme-dark', label: 'Dark', menu: 'view', group: 'present', submenu: 'Theme' },
  { id: 'theme-system', label: 'Follow the System', menu: 'view', group: 'present', submenu: 'Theme' },

  { id: 'train-start', label: 'Start or Resume Training', menu: 'train', keys: ['CmdOrCtrl+Enter'] },
  { id: 'train-pause', label: 'Pause Training', menu: 'train', keys: ['CmdOrCtrl+Shift+Enter'] },
  { id: 'train-stop', label: 'Stop Training', menu: 'train', keys: ['CmdOrCtrl+.'] },

  { id: 'help-concepts', label: 'The Lecture’s Concepts', menu: 'help' },
  { id: 'help-shortcuts', label: 'Keyboard Shortcuts', menu: 'help', keys: ['?'] },
  { id: 'help-about', label: 'About ConvStudio', menu: 'help', group: 'about' },
] as const satisfies readonly CommandDeclaration[];

export type ViewCommandId = `view:${ViewId}`;
export type CommandId = (typeof STATIC_COMMANDS)[number]['id'] | ViewCommandId;

/** Shows or hides each view: View > Views > Inspector, … (derived from the view list). */
const VIEW_COMMANDS = VIEWS.map((view) => ({
  id: `view:${view.id}` as ViewCommandId,
  label: view.lesson ? `Lesson: ${view.title}` : view.title,
  menu: 'view' as const,
  group: 'views',
  submenu: view.lesson ? 'Lessons' : 'Views',
}));

export const COMMANDS: readonly (CommandDeclaration & { id: CommandId })[] = [...STATIC_COMMANDS, ...VIEW_COMMANDS];

export const COMMAND_IDS: readonly CommandId[] = COMMANDS.map((c) => c.id);

type StaticCommand = (typeof STATIC_COMMANDS)[number];
/** What the page may ask the shell to do on its own (close, quit, clear the recent list). */
export type ShellCommandId = Exclude<Extract<StaticCommand, { shell: true }>, { takesArgument: true }>['id'];
export const SHELL_COMMAND_IDS = STATIC_COMMANDS.flatMap((c): ShellCommandId[] => ('shell' in c && !('takesArgument' in c) ? [c.id as ShellCommandId] : []));

export function findCommand(id: string): (CommandDeclaration & { id: CommandId }) | undefined {
  return COMMANDS.find((c) => c.id === id);
}

/** The shortcuts a command has on a platform. */
export function keysOf(command: CommandDeclaration, mac: boolean): readonly string[] {
  return (mac ? command.macKeys : undefined) ?? command.keys ?? [];
}

/** "View > Views > Inspector": a command's place in the menus, for the palette's second line. */
export function menuPath(command: CommandDeclaration): string | undefined {
  if (!command.menu) return undefined;
  const menu = command.menu[0]!.toUpperCase() + command.menu.slice(1);
  return [menu, command.submenu].filter(Boolean).join(' › ');
}
