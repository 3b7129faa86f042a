/**
 * The preload: the only bridge between the page and the main process. It
 * exposes a narrow, typed API (no ipcRenderer, no Node) as
 * window.convstudioDesktop; the main process still checks every message.
 * It runs sandboxed, so it is bundled into one file that needs only electron.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { COMMAND_CHANNEL, INVOKE_CHANNELS, SEND_CHANNELS, type Answer, type AppCommand, type DesktopApi } from '../shared/desktopApi';

async function invoke<T>(channel: string, ...args: unknown[]): Promise<T> {
  const answer = (await ipcRenderer.invoke(channel, ...args)) as Answer<T>;
  if (!answer.ok) throw new Error(answer.message);
  return answer.value;
}

const api: DesktopApi = {
  open: () => invoke(INVOKE_CHANNELS.open),
  openRecent: (path) => invoke(INVOKE_CHANNELS.openRecent, path),
  save: (text, suggestedName, handle) => (handle === undefined ? invoke(INVOKE_CHANNELS.save, text, suggestedName) : invoke(INVOKE_CHANNELS.save, text, suggestedName, handle)),
  saveAs: (text, suggestedName) => invoke(INVOKE_CHANNELS.saveAs, text, suggestedName),
  exportFile: (request) =>
    invoke(INVOKE_CHANNELS.exportFile, 'bytes' in request ? { suggestedName: request.suggestedName, bytes: request.bytes, kind: request.kind } : { suggestedName: request.suggestedName, text: request.text, kind: request.kind }),
  recentFiles: () => invoke(INVOKE_CHANNELS.recentFiles),
  appInfo: () => invoke(INVOKE_CHANNELS.appInfo),
  documentState: (state) => ipcRenderer.send(SEND_CHANNELS.documentState, { fileName: state.fileName, dirty: state.dirty }),
  autosave: (state) => ipcRenderer.send(SEND_CHANNELS.autosave, state.handle === undefined ? { fileName: state.fileName, text: state.text } : { fileName: state.fileName, text: state.text, handle: state.handle }),
  takeRecovery: () => invoke(INVOKE_CHANNELS.takeRecovery),
  discardRecovery: () => ipcRenderer.send(SEND_CHANNELS.discardRecovery),
  closeConfirmed: () => ipcRenderer.send(SEND_CHANNELS.closeConfirmed),
  nativeEdit: (action) => ipcRenderer.send(SEND_CHANNELS.nativeEdit, action),
  shellCommand: (id) => ipcRenderer.send(SEND_CHANNELS.shellCommand, id),
  onCommand(listener) {
    // The page gets the command only, never the IPC event (which would reach ipcRenderer).
    const wrapped = (_event: IpcRendererEvent, command: AppCommand) => listener(command);
    ipcRenderer.on(COMMAND_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(COMMAND_CHANNEL, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('convstudioDesktop', api);
