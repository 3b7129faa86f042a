/**
 * The application menu as plain data: File, Edit, View, Train, Help, with
 * each platform's accelerators (CmdOrCtrl is Cmd on macOS, Ctrl elsewhere;
 * Redo is Cmd+Shift+Z on macOS and Ctrl+Y on Windows and Linux). Building it
 * needs no Electron, so a test checks it. Commands go to the editor, which
 * owns the document; the shell never edits it.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { AppCommand, MenuCommand, RecentFile } from '../shared/desktopApi';

export interface MenuContext {
  platform: NodeJS.Platform;
  templates: readonly { file: string; name: string }[];
  recent: readonly RecentFile[];
  send(command: AppCommand): void;
  openRecent(path: string): void;
  clearRecent(): void;
  /** Closes the window from the main process, so the unsaved-changes question is asked. */
  closeWindow(): void;
  quit(): void;
}

export function buildMenuTemplate(context: MenuContext): MenuItemConstructorOptions[] {
  const mac = context.platform === 'darwin';
  // Shortcuts the page handles itself (so they also work in the browser build) are shown in the
  // menu but not registered as accelerators, or a key press would act twice. macOS always
  // registers menu accelerators, so there a single key without a modifier (F, ?, Backspace) gets
  // none: it would be taken from every text field.
  const command = (label: string, name: MenuCommand, accelerator?: string, pageHandlesKey = false): MenuItemConstructorOptions => {
    const singleKey = accelerator !== undefined && !accelerator.includes('+');
    const shown = accelerator && !(mac && pageHandlesKey && singleKey) ? accelerator : undefined;
    return { label, id: name, click: () => context.send({ command: name }), ...(shown ? { accelerator: shown, registerAccelerator: !pageHandlesKey } : {}) };
  };
  const separator: MenuItemConstructorOptions = { type: 'separator' };

  const file: MenuItemConstructorOptions = {
    label: mac ? 'File' : '&File',
    submenu: [
      command('New', 'new', 'CmdOrCtrl+N'),
      {
        label: 'New from Template',
        id: 'new-from-template',
        submenu: context.templates.map((t) => ({ label: t.name, id: `template:${t.file}`, click: () => context.send({ command: 'new-from-template', template: t.file }) })),
      },
      command('Open…', 'open', 'CmdOrCtrl+O', true),
      {
        label: 'Open Recent',
        id: 'open-recent',
        submenu: [
          ...context.recent.map((r) => ({ label: r.name, sublabel: r.path, id: `recent:${r.path}`, click: () => context.openRecent(r.path) })),
          ...(context.recent.length > 0 ? [separator] : []),
          { label: 'Clear Recent', id: 'clear-recent', enabled: context.recent.length > 0, click: context.clearRecent },
        ],
      },
      separator,
      command('Save', 'save', 'CmdOrCtrl+S', true),
      command('Save As…', 'save-as', 'CmdOrCtrl+Shift+S', true),
      command('Export Summary…', 'export', 'CmdOrCtrl+E'),
      separator,
      { label: mac ? 'Close Window' : 'Close', id: 'close', accelerator: 'CmdOrCtrl+W', click: context.closeWindow },
      ...(mac ? [] : [separator, { label: 'Quit', id: 'quit', accelerator: 'Ctrl+Q', click: context.quit }]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: mac ? 'Edit' : '&Edit',
    submenu: [
      command('Undo', 'undo', 'CmdOrCtrl+Z', true),
      command('Redo', 'redo', mac ? 'Cmd+Shift+Z' : 'Ctrl+Y', true),
      separator,
      command('Cut', 'cut', 'CmdOrCtrl+X', true),
      command('Copy', 'copy', 'CmdOrCtrl+C', true),
      command('Paste', 'paste', 'CmdOrCtrl+V', true),
      command('Delete', 'delete', mac ? 'Backspace' : 'Delete', true),
      command('Select All', 'select-all', 'CmdOrCtrl+A', true),
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: mac ? 'View' : '&View',
    submenu: [
      command('Zoom In', 'zoom-in', 'CmdOrCtrl+='),
      command('Zoom Out', 'zoom-out', 'CmdOrCtrl+-'),
      command('Zoom to Fit', 'fit', 'F', true),
      command('Arrange Graph', 'arrange', 'CmdOrCtrl+Shift+L', true),
      separator,
      command('Show or Hide Side Panel', 'toggle-sidebar', 'CmdOrCtrl+\\'),
      {
        label: 'Theme',
        id: 'theme',
        submenu: [command('Light', 'theme-light'), command('Dark', 'theme-dark'), command('Follow the System', 'theme-system')],
      },
      separator,
      { role: 'toggleDevTools', id: 'devtools' },
      { role: 'togglefullscreen', id: 'fullscreen' },
    ],
  };

  const train: MenuItemConstructorOptions = {
    label: mac ? 'Train' : '&Train',
    submenu: [command('Start or Resume', 'train-start', 'CmdOrCtrl+Enter'), command('Pause', 'train-pause', 'CmdOrCtrl+Shift+P'), command('Stop', 'train-stop', 'CmdOrCtrl+.')],
  };

  const help: MenuItemConstructorOptions = {
    label: mac ? 'Help' : '&Help',
    role: 'help',
    submenu: [command('The Lecture’s Concepts', 'help-concepts'), command('Keyboard Shortcuts', 'help-shortcuts', '?', true), ...(mac ? [] : [separator, command('About ConvStudio', 'help-about')])],
  };

  const appMenu: MenuItemConstructorOptions[] = mac
    ? [{
        label: 'ConvStudio',
        submenu: [command('About ConvStudio', 'help-about'), separator, { role: 'services' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { label: 'Quit ConvStudio', id: 'quit', accelerator: 'Cmd+Q', click: context.quit }],
      }]
    : [];
  return [...appMenu, file, edit, view, train, help];
}
