import type { MenuItemConstructorOptions } from 'electron';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DocumentFiles, type FileDialogs } from '../../app/main/documentFiles';
import { documentPathsIn } from '../../app/main/launchArguments';
import { buildMenuTemplate } from '../../app/main/menu';
import { RecentFiles } from '../../app/main/recentFiles';
import { COMMANDS, COMMAND_IDS } from '../../app/shared/commands';
import type { AppCommand } from '../../app/shared/desktopApi';

function menuFor(platform: NodeJS.Platform) {
  const sent: AppCommand[] = [];
  const closed: string[] = [];
  const template = buildMenuTemplate({
    platform,
    templates: [{ file: 'lenet-5.json', name: 'LeNet-5' }],
    recent: [{ path: '/home/s/net.json', name: 'net.json' }],
    send: (command) => sent.push(command),
    openRecent: () => undefined,
    clearRecent: () => undefined,
    closeWindow: () => void closed.push('closed by the main process'),
    quit: () => undefined,
  });
  const items = new Map<string, MenuItemConstructorOptions>();
  const walk = (list: MenuItemConstructorOptions[]) => {
    for (const item of list) {
      if (item.id) items.set(item.id, item);
      if (Array.isArray(item.submenu)) walk(item.submenu);
    }
  };
  walk(template);
  const click = (id: string) => (items.get(id)?.click as (() => void) | undefined)?.();
  return { template, items, sent, closed, click };
}

describe('the application menu', () => {
  it('has File, Edit, View, Train and Help with every item the editor needs', () => {
    const { template, items } = menuFor('linux');
    expect(template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Train', '&Help']);
    for (const id of ['new', 'new-from-template', 'open', 'open-recent', 'save', 'save-as', 'export', 'close', 'quit', 'undo', 'redo', 'cut', 'copy', 'paste', 'delete', 'select-all', 'zoom-in', 'zoom-out', 'fit', 'palette', 'present', 'reset-layout', 'view:charts', 'submenu:Theme', 'train-start', 'train-pause', 'train-stop', 'help-concepts', 'help-shortcuts', 'help-about']) {
      expect(items.has(id), id).toBe(true);
    }
    expect(items.get('new-from-template:lenet-5.json')?.label).toBe('LeNet-5');
    expect(items.get('open-recent:/home/s/net.json')?.label).toBe('net.json');
  });

  it('names a registry command in every item it builds (and offers every command that has a menu)', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const { items } = menuFor(platform);
      const commandIds = new Set<string>(COMMAND_IDS);
      for (const [id, item] of items) {
        // Submenus are containers, Electron's roles are Electron's; everything else is a command, or a command with its argument.
        if (id.startsWith('submenu:') || item.role) continue;
        expect(commandIds.has(id) || commandIds.has(id.slice(0, id.indexOf(':'))), `${platform}: ${id}`).toBe(true);
        const declared = COMMANDS.find((c) => c.id === id);
        if (declared && !(platform === 'darwin' && id === 'quit')) expect(item.label, id).toBe(declared.label);
      }
      const inMenus = COMMANDS.filter((c) => c.menu && !(platform === 'darwin' && (c.id === 'quit' || c.id === 'help-about')));
      for (const command of inMenus) expect(items.has(command.id), `${platform}: ${command.id}`).toBe(true);
    }
  });

  it('uses each platform\'s accelerators', () => {
    const linux = menuFor('linux').items;
    const mac = menuFor('darwin');
    expect(linux.get('redo')?.accelerator).toBe('Ctrl+Y');
    expect(mac.items.get('redo')?.accelerator).toBe('Cmd+Shift+Z');
    expect(linux.get('quit')?.accelerator).toBe('Ctrl+Q');
    expect(mac.items.get('quit')?.accelerator).toBe('Cmd+Q');
    expect(linux.get('delete')?.accelerator).toBe('Delete');
    // macOS registers every menu accelerator: single keys would be taken from text fields.
    expect(mac.items.get('delete')?.accelerator).toBeUndefined();
    expect(mac.items.get('fit')?.accelerator).toBeUndefined();
    expect(linux.get('fit')?.accelerator).toBe('F');
    expect(mac.items.get('undo')?.accelerator).toBe('CmdOrCtrl+Z');
    // macOS puts About and Quit in the app menu.
    expect(mac.template[0]?.label).toBe('ConvStudio');
    expect(linux.get('save')?.accelerator).toBe('CmdOrCtrl+S');
  });

  it('leaves the keys the page handles itself to the page, so a key press acts once', () => {
    const { items } = menuFor('win32');
    for (const id of ['undo', 'redo', 'copy', 'paste', 'save', 'save-as', 'open', 'select-all', 'new', 'export', 'train-start', 'zoom-in', 'palette']) expect(items.get(id)?.registerAccelerator, id).toBe(false);
    // The shell's own commands keep theirs: they must work whatever has the focus.
    for (const id of ['close', 'quit']) expect(items.get(id)?.registerAccelerator, id).toBe(true);
  });

  it('sends its commands to the editor, and closes the window itself (so closing asks first)', () => {
    const { click, sent, closed } = menuFor('linux');
    click('save');
    click('train-stop');
    click('new-from-template:lenet-5.json');
    click('close');
    expect(sent).toEqual([{ command: 'save' }, { command: 'train-stop' }, { command: 'new-from-template', template: 'lenet-5.json' }]);
    expect(closed).toEqual(['closed by the main process']);
  });
});

/** Dialogs scripted by the test: the answers the user would give, in order. */
function scriptedDialogs(answers: (string | undefined)[]): FileDialogs & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async chooseFileToOpen() {
      asked.push('open');
      return answers.shift();
    },
    async chooseSavePath(suggestedName, kind) {
      asked.push(`save ${suggestedName} (${kind})`);
      return answers.shift();
    },
  };
}

describe('opening and saving through the dialogs', () => {
  const lenet = readFileSync('resources/examples/lenet-5.json', 'utf8');

  it('opens a chosen file, saves back over it with a backup, and lists it as recent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convstudio-files-'));
    const path = join(dir, 'homework.json');
    writeFileSync(path, lenet);
    const recent = new RecentFiles(join(dir, 'recent.json'));
    const dialogs = scriptedDialogs([path]);
    const files = new DocumentFiles(dialogs, recent);

    const opened = await files.open();
    expect(opened).toMatchObject({ name: 'homework.json', text: lenet });
    const saved = await files.save('{"changed": true}', 'homework.json', opened?.handle);
    expect(saved).toEqual({ name: 'homework.json', handle: opened?.handle });
    expect(dialogs.asked).toEqual(['open']); // Save with a handle asks nothing.
    expect(readFileSync(path, 'utf8')).toBe('{"changed": true}');
    expect(readFileSync(`${path}.bak`, 'utf8')).toBe(lenet);
    expect(recent.list()).toEqual([path]);
  });

  it('asks where to save a new document, and does nothing when the user cancels', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convstudio-files-'));
    const dialogs = scriptedDialogs([undefined, join(dir, 'mine.json')]);
    const files = new DocumentFiles(dialogs, new RecentFiles(join(dir, 'recent.json')));
    expect(await files.save('{}', 'untitled')).toBeUndefined();
    expect(await files.save('{}', 'untitled')).toMatchObject({ name: 'mine.json' });
    expect(dialogs.asked).toEqual(['save untitled.json (document)', 'save untitled.json (document)']);
    expect(readFileSync(join(dir, 'mine.json'), 'utf8')).toBe('{}');
  });

  it('refuses a handle it did not issue instead of writing somewhere', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convstudio-files-'));
    const files = new DocumentFiles(scriptedDialogs([]), new RecentFiles(join(dir, 'recent.json')));
    await expect(files.save('{}', 'a.json', '0b9f3c4e-2a51-4f3e-9d6b-6c1b2e8a7f10')).rejects.toThrow(/not known to the app; use Save As/);
  });

  it('names the file and the reason when it cannot be read, and forgets it from the recent list', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convstudio-files-'));
    const recent = new RecentFiles(join(dir, 'recent.json'));
    const files = new DocumentFiles(scriptedDialogs([join(dir, 'gone.json')]), recent);
    await expect(files.open()).rejects.toThrow(/cannot read .*gone\.json: no such file/);
    const binary = join(dir, 'latin1.json');
    writeFileSync(binary, Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]));
    expect(() => files.read(binary)).toThrow(/latin1\.json:1:3: the file is not UTF-8 text/);
  });

  it('says the file on disk is unchanged when a save fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convstudio-files-'));
    const files = new DocumentFiles(scriptedDialogs([join(dir, 'no-such-folder', 'a.json')]), new RecentFiles(join(dir, 'recent.json')));
    await expect(files.saveAs('{}', 'a.json')).rejects.toThrow(/a\.json was not saved \(.*ENOENT.*\); the file on disk is unchanged/);
    expect(existsSync(join(dir, 'no-such-folder'))).toBe(false);
  });

  it('opens documents given on the command line, not switches or other files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'convstudio-args-'));
    writeFileSync(join(dir, 'a.json'), '{}');
    writeFileSync(join(dir, 'b.convstudio'), '{}');
    writeFileSync(join(dir, 'notes.txt'), '');
    const args = ['--enable-logging', join(dir, 'a.json'), join(dir, 'notes.txt'), join(dir, 'missing.json'), join(dir, 'b.convstudio')];
    expect(documentPathsIn(args, ['convstudio', 'json'])).toEqual([join(dir, 'a.json'), join(dir, 'b.convstudio')]);
    // A second launch's relative paths are from its own folder.
    expect(documentPathsIn(['a.json', 'b.convstudio'], ['convstudio', 'json'], dir)).toEqual([join(dir, 'a.json'), join(dir, 'b.convstudio')]);
  });
});
