/**
 * The Electron main process: one window, one document at a time (see the
 * README for why), the menus, the dialogs, the app:// protocol, the network
 * lock-down, and IPC. Everything with logic in it lives in the plain modules
 * beside this file and is tested without Electron; this file wires them up.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, screen, session, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ShellCommandId } from '../shared/commands';
import { COMMAND_CHANNEL, INVOKE_CHANNELS, SEND_CHANNELS, type Answer, type AppCommand, type AppInfo, type NativeEdit } from '../shared/desktopApi';
import { APP_ENTRY_URL, APP_SCHEME, resolveAppRequest } from './appProtocol';
import { AutosaveStore } from './autosave';
import { DocumentFiles, DOCUMENT_EXTENSIONS, FileError, type FileDialogs } from './documentFiles';
import { checkIpcMessage } from './ipcValidation';
import { buildMenuTemplate } from './menu';
import { RecentFiles } from './recentFiles';
import { isAllowedNavigation, isAllowedRequest } from './requestFilter';
import { documentPathsIn } from './launchArguments';
import { readWindowState, restoreWindowState, writeWindowState } from './windowState';

// Where the built renderer and the bundled resources are: beside the bundle in development,
// in the package's resources folder when installed.
const appRoot = resolve(__dirname, '..', '..');
const webRoot = join(appRoot, 'dist', 'web');
const resourcesRoot = app.isPackaged ? process.resourcesPath : join(appRoot, 'resources');
const dataFolder = process.env.CONVSTUDIO_USER_DATA ?? app.getPath('userData');
app.setPath('userData', dataFolder);

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start();
}

function start(): void {
  const recent = new RecentFiles(join(dataFolder, 'recent-files.json'));
  const autosave = new AutosaveStore(dataFolder);
  // Read once at start: the page asks for it after it loads (and may take its time to answer).
  let recovery = autosave.recover();
  const windowStatePath = join(dataFolder, 'window-state.json');
  let window: BrowserWindow | undefined;
  let documentState = { fileName: 'untitled.json', dirty: false };
  let closeConfirmed = false;
  // The page says it is listening (its first document state) before files are sent to it.
  let pageReady = false;
  // Files handed over before the page could receive them (a double-click that launched the app).
  const pendingFiles: string[] = documentPathsIn(process.argv.slice(app.isPackaged ? 1 : 2), DOCUMENT_EXTENSIONS);

  const dialogs: FileDialogs = {
    async chooseFileToOpen() {
      const result = await dialog.showOpenDialog(window!, { properties: ['openFile'], filters: [{ name: 'ConvStudio graph', extensions: DOCUMENT_EXTENSIONS }] });
      return result.canceled ? undefined : result.filePaths[0];
    },
    async chooseSavePath(suggestedName, kind) {
      const filters = { markdown: [{ name: 'Markdown', extensions: ['md'] }], onnx: [{ name: 'ONNX model', extensions: ['onnx'] }], zip: [{ name: 'Zip archive', extensions: ['zip'] }], json: [{ name: 'JSON', extensions: ['json'] }], document: [{ name: 'ConvStudio graph', extensions: DOCUMENT_EXTENSIONS }] }[kind];
      const result = await dialog.showSaveDialog(window!, { defaultPath: suggestedName, filters });
      return result.canceled ? undefined : result.filePath;
    },
  };
  const files = new DocumentFiles(dialogs, recent);

  const send = (command: AppCommand) => window?.webContents.send(COMMAND_CHANNEL, command);
  const openPath = (path: string) => {
    if (!window || !pageReady) return void pendingFiles.push(path);
    try {
      send({ command: 'open-file', file: files.read(path) });
    } catch (error) {
      void dialog.showMessageBox(window, { type: 'error', message: 'The document could not be opened.', detail: (error as Error).message });
    }
    refreshMenu();
  };
  // The shell's own commands, from its menus or asked for by the page's command palette.
  const shellActions: Record<ShellCommandId, () => void> = {
    close: () => window?.close(),
    quit: () => app.quit(),
    'clear-recent': () => {
      recent.clear();
      refreshMenu();
    },
  };
  const refreshMenu = () => {
    const templates = listTemplates(join(resourcesRoot, 'examples'));
    Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate({
      platform: process.platform,
      templates,
      recent: recent.list().map((path) => ({ path, name: path.split(/[/\\]/).pop() ?? path })),
      send,
      openRecent: openPath,
      closeWindow: shellActions.close,
      clearRecent: shellActions['clear-recent'],
      quit: shellActions.quit,
    })));
  };

  // IPC: every message is checked (channel, sender, size, types) before anything happens.
  const handle = <T>(channel: string, act: (...args: never[]) => T | Promise<T>) => {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, ...args: unknown[]): Promise<Answer<T>> => {
      const check = checkIpcMessage(channel, event.senderFrame?.url, args);
      if (!check.ok || event.sender !== window?.webContents) return { ok: false, message: `refused: ${check.ok ? 'not the app window' : check.reason}` };
      try {
        const value = await act(...(check.args as never[]));
        refreshMenu();
        return { ok: true, value };
      } catch (error) {
        if (error instanceof FileError) return { ok: false, message: error.message };
        throw error;
      }
    });
  };
  const on = (channel: string, act: (...args: never[]) => void) => {
    ipcMain.on(channel, (event: IpcMainEvent, ...args: unknown[]) => {
      const check = checkIpcMessage(channel, event.senderFrame?.url, args);
      if (check.ok && event.sender === window?.webContents) act(...(check.args as never[]));
      else console.warn(`IPC message refused: ${check.ok ? 'not the app window' : check.reason}`);
    });
  };
  handle(INVOKE_CHANNELS.open, () => files.open());
  handle(INVOKE_CHANNELS.openRecent, (path: string) => {
    if (!recent.list().includes(path)) throw new FileError(`${path} is not in the recent documents.`);
    return files.read(path);
  });
  handle(INVOKE_CHANNELS.save, (text: string, name: string, token?: string) => files.save(text, name, token));
  handle(INVOKE_CHANNELS.saveAs, (text: string, name: string) => files.saveAs(text, name));
  handle(INVOKE_CHANNELS.exportFile, (request: Parameters<DocumentFiles['exportFile']>[0]) => files.exportFile(request));
  handle(INVOKE_CHANNELS.recentFiles, () => recent.list().map((path) => ({ path, name: path.split(/[/\\]/).pop() ?? path })));
  handle(INVOKE_CHANNELS.appInfo, (): AppInfo => ({ name: app.getName(), version: app.getVersion(), electron: process.versions.electron ?? '', chrome: process.versions.chrome ?? '', node: process.versions.node, platform: `${process.platform} ${process.arch}`, dataFolder }));
  handle(INVOKE_CHANNELS.takeRecovery, () => {
    if (!recovery.entry) return { problem: recovery.problem };
    const { fileName, savedAt, text, filePath } = recovery.entry;
    return { document: { fileName, savedAt, text, handle: filePath ? files.handleFor(filePath) : undefined } };
  });
  on(SEND_CHANNELS.documentState, (state: typeof documentState) => {
    documentState = state;
    window?.setTitle(`${state.dirty ? '• ' : ''}${state.fileName} — ConvStudio`);
    if (process.platform === 'darwin') window?.setDocumentEdited(state.dirty);
    if (!pageReady) {
      pageReady = true;
      for (const path of pendingFiles.splice(0)) openPath(path);
    }
  });
  on(SEND_CHANNELS.autosave, (state: { fileName: string; text: string; handle?: string }) => {
    try {
      autosave.write({ fileName: state.fileName, text: state.text, filePath: files.pathOf(state.handle) });
    } catch (error) {
      // A full disk or a read-only data folder: autosave is a safety net, never a reason to fail.
      console.warn(`autosave failed: ${(error as Error).message}`);
    }
  });
  // The page's autosave is cleared: the document was saved, is clean, or the offer was declined.
  on(SEND_CHANNELS.discardRecovery, () => {
    autosave.clear();
    recovery = {};
  });
  on(SEND_CHANNELS.closeConfirmed, () => {
    closeConfirmed = true;
    window?.close();
  });
  on(SEND_CHANNELS.nativeEdit, (action: NativeEdit) => window?.webContents[action]());
  on(SEND_CHANNELS.shellCommand, (id: ShellCommandId) => shellActions[id]());

  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
    for (const path of documentPathsIn(argv.slice(1), DOCUMENT_EXTENSIONS, workingDirectory)) openPath(path);
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openPath(path);
  });
  // Nothing may open a second window or leave the app's page.
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event, url) => {
      if (!isAllowedNavigation(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  void app.whenReady().then(() => {
    protocol.handle(APP_SCHEME, async (request) => {
      const resolved = resolveAppRequest(request.url, webRoot);
      if (resolved.status !== 200) return new Response(resolved.reason, { status: resolved.status, headers: resolved.headers });
      const response = await net.fetch(pathToFileURL(resolved.file).toString()).catch(() => undefined);
      if (!response?.ok) return new Response('not found', { status: 404, headers: resolved.headers });
      return new Response(response.body, { status: 200, headers: resolved.headers });
    });
    session.defaultSession.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url) }));
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

    const saved = readWindowState(windowStatePath);
    const bounds = restoreWindowState(saved, screen.getAllDisplays().map((d) => d.workArea));
    window = new BrowserWindow({
      ...bounds,
      minWidth: 800,
      minHeight: 500,
      show: false,
      title: 'ConvStudio',
      // The taskbar / window icon on Linux and Windows (installed builds also carry it in the executable).
      icon: join(webRoot, 'icon.png'),
      webPreferences: {
        preload: join(__dirname, 'preload.cjs'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        navigateOnDragDrop: false,
        spellcheck: false,
        // A middle click on a link would otherwise try to open a new window.
        disableBlinkFeatures: 'Auxclick',
      },
    });
    if (bounds.maximized) window.maximize();
    refreshMenu();
    window.once('ready-to-show', () => window?.show());
    const rememberBounds = () => {
      if (!window || window.isMinimized()) return;
      try {
        writeWindowState(windowStatePath, { ...window.getNormalBounds(), maximized: window.isMaximized() });
      } catch (error) {
        // Never let remembering the window's size skip the unsaved-changes question.
        console.warn(`window state not saved: ${(error as Error).message}`);
      }
    };
    window.on('close', (event) => {
      rememberBounds();
      if (closeConfirmed || !documentState.dirty) return;
      event.preventDefault();
      const choice = dialog.showMessageBoxSync(window!, {
        type: 'warning',
        message: `Save the changes to ${documentState.fileName} before closing?`,
        detail: 'Your changes are lost if you don\'t save them.',
        buttons: ['Save', 'Don\'t Save', 'Cancel'],
        defaultId: 0,
        cancelId: 2,
      });
      if (choice === 0) send({ command: 'save-and-close' });
      if (choice === 1) {
        autosave.clear();
        // Not close() again from inside its own handler: destroy skips the question, which was just answered.
        window?.destroy();
      }
    });
    window.on('closed', () => {
      window = undefined;
    });
    void window.loadURL(APP_ENTRY_URL);
  });

  app.on('window-all-closed', () => app.quit());
}

/** The bundled examples, offered under File > New from Template. */
function listTemplates(folder: string): { file: string; name: string }[] {
  try {
    return readdirSync(folder)
      .filter((file) => file.endsWith('.json'))
      .map((file) => {
        const name = (JSON.parse(readFileSync(join(folder, file), 'utf8')) as { name?: unknown }).name;
        return { file, name: typeof name === 'string' ? name : file };
      });
  } catch {
    return [];
  }
}
