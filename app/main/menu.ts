/**
 * The application menu, built from the command registry's declarations
 * (app/shared/commands.ts): File, Edit, View, Train, Help, each command with
 * its label and shortcut, a separator where its group changes. Building it
 * needs no Electron, so a test checks that every item names a registry
 * command. Commands go to the editor, which owns the document; the shell
 * performs only its own (close, quit, the recent list) and never edits it.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { COMMANDS, keysOf, type CommandDeclaration, type CommandId, type MenuName } from '../shared/commands';
import type { AppCommand, RecentFile } from '../shared/desktopApi';

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

const MENUS: readonly MenuName[] = ['file', 'edit', 'view', 'train', 'help'];
const separator: MenuItemConstructorOptions = { type: 'separator' };

export function buildMenuTemplate(context: MenuContext): MenuItemConstructorOptions[] {
  const mac = context.platform === 'darwin';

  // The page handles every shortcut itself (so they work in the browser build too); the menu only
  // shows them, or a key press would act twice. macOS registers menu accelerators regardless, so
  // there a key without a modifier (F, ?, Backspace) is not shown: it would be taken from text fields.
  const accelerator = (command: CommandDeclaration, registered: boolean): Partial<MenuItemConstructorOptions> => {
    const shown = keysOf(command, mac)[0];
    if (!shown || (mac && !registered && !shown.includes('+'))) return {};
    return { accelerator: shown, registerAccelerator: registered };
  };

  const shellActions: Partial<Record<CommandId, () => void>> = { close: context.closeWindow, quit: context.quit, 'clear-recent': context.clearRecent };

  const item = (command: CommandDeclaration & { id: CommandId }): MenuItemConstructorOptions => {
    if (command.id === 'new-from-template') {
      return {
        label: command.label,
        id: command.id,
        submenu: context.templates.map((t) => ({ label: t.name, id: `${command.id}:${t.file}`, click: () => context.send({ command: 'new-from-template', template: t.file }) })),
      };
    }
    if (command.id === 'open-recent') {
      return {
        label: command.label,
        id: command.id,
        submenu: [
          ...context.recent.map((r) => ({ label: r.name, sublabel: r.path, id: `open-recent:${r.path}`, click: () => context.openRecent(r.path) })),
          ...(context.recent.length > 0 ? [separator] : []),
          { label: COMMANDS.find((c) => c.id === 'clear-recent')?.label ?? 'Clear Recent', id: 'clear-recent', enabled: context.recent.length > 0, click: context.clearRecent },
        ],
      };
    }
    // The shell's own commands keep their accelerators registered: the page may not have the focus.
    const own = shellActions[command.id];
    const click = own ?? (() => context.send({ command: command.id as Exclude<CommandId, 'new-from-template'> }));
    return { label: command.label, id: command.id, click, ...accelerator(command, own !== undefined) };
  };

  /** A menu's commands in declaration order, submenus gathered where their first command is. */
  const menuItems = (menu: MenuName): MenuItemConstructorOptions[] => {
    const items: MenuItemConstructorOptions[] = [];
    const submenus = new Map<string, MenuItemConstructorOptions[]>();
    let group: string | undefined;
    for (const command of COMMANDS) {
      if (command.menu !== menu || command.internal) continue;
      // macOS has Quit and About in the application menu.
      if (mac && (command.id === 'quit' || command.id === 'help-about')) continue;
      if (items.length > 0 && command.group !== group) items.push(separator);
      group = command.group;
      if (!command.submenu) {
        items.push(item(command));
        continue;
      }
      const entries = submenus.get(command.submenu);
      if (entries) entries.push(item(command));
      else {
        const created = [item(command)];
        submenus.set(command.submenu, created);
        items.push({ label: command.submenu, id: `submenu:${command.submenu}`, submenu: created });
      }
    }
    return items;
  };

  const title = (menu: MenuName) => {
    const name = menu[0]!.toUpperCase() + menu.slice(1);
    return mac ? name : `&${name}`;
  };
  const menus: MenuItemConstructorOptions[] = MENUS.map((menu) => ({
    label: title(menu),
    ...(menu === 'help' ? { role: 'help' as const } : {}),
    submenu: [
      ...menuItems(menu),
      // Electron's own items (no command of the app): the developer tools and full screen.
      ...(menu === 'view' ? [separator, { role: 'toggleDevTools' as const, id: 'devtools' }, { role: 'togglefullscreen' as const, id: 'fullscreen' }] : []),
    ],
  }));

  const about = COMMANDS.find((c) => c.id === 'help-about');
  const quit = COMMANDS.find((c) => c.id === 'quit');
  const appMenu: MenuItemConstructorOptions[] = mac && about && quit
    ? [{
        label: 'ConvStudio',
        submenu: [item(about), separator, { role: 'services' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { ...item(quit), label: 'Quit ConvStudio' }],
      }]
    : [];
  return [...appMenu, ...menus];
}
