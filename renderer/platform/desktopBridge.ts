/** The desktop shell's platform: the preload's API (window.convstudioDesktop), which the main process checks. */
import type { DesktopApi } from '../../app/shared/desktopApi';
import type { PlatformBridge } from './bridge';

/** The desktop bridge when the page runs inside the desktop shell, else undefined. */
export function findDesktopBridge(): PlatformBridge | undefined {
  const api = (window as unknown as { convstudioDesktop?: DesktopApi }).convstudioDesktop;
  if (!api) return undefined;
  return {
    kind: 'desktop',
    openDocument: () => api.open(),
    saveDocument: (name, text, handle) => api.save(text, name, handle),
    saveDocumentAs: (name, text) => api.saveAs(text, name),
    exportFile: (request) => api.exportFile(request),
    autosave: (state) => api.autosave(state),
    clearAutosave: () => api.discardRecovery(),
    takeRecovery: () => api.takeRecovery(),
    documentState: (state) => api.documentState(state),
    onCommand: (listener) => api.onCommand(listener),
    closeConfirmed: () => api.closeConfirmed(),
    appInfo: () => api.appInfo(),
    nativeEdit: (action) => api.nativeEdit(action),
    recentFiles: () => api.recentFiles(),
    openRecent: (path) => api.openRecent(path),
    shellCommand: (id) => api.shellCommand(id),
  };
}
