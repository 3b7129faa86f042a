/**
 * The browser build's platform: a file picker to open, a download to save,
 * and the page's localStorage for autosave (so a closed tab or a crashed
 * browser still offers the work back).
 */
import type { RecoveryOffer } from '../../app/shared/desktopApi';
import type { AutosaveState, PlatformBridge } from './bridge';
import { readHandedFile } from './documentActions';

const AUTOSAVE_KEY = 'convstudio.autosave';

export const browserBridge: PlatformBridge = {
  kind: 'browser',
  openDocument() {
    return new Promise((resolve, reject) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = '.json,.convstudio,application/json';
      input.addEventListener('change', () => {
        const file = input.files?.[0];
        if (file) readHandedFile(file).then(resolve, reject);
        else resolve(undefined);
      });
      input.addEventListener('cancel', () => resolve(undefined));
      input.click();
    });
  },
  async saveDocument(name, text) {
    download(name, text, 'application/json');
    return { name };
  },
  async saveDocumentAs(name, text) {
    const chosen = window.prompt('Save as', name)?.trim();
    if (!chosen) return undefined;
    download(chosen, text, 'application/json');
    return { name: chosen };
  },
  async exportFile(request) {
    if ('bytes' in request) download(request.suggestedName, request.bytes, request.kind === 'zip' ? 'application/zip' : 'application/octet-stream');
    else download(request.suggestedName, request.text, request.kind === 'markdown' ? 'text/markdown' : 'application/json');
    return { name: request.suggestedName };
  },
  autosave(state: AutosaveState) {
    const entry = JSON.stringify({ format: 'convstudio-autosave', version: 1, savedAt: new Date().toISOString(), fileName: state.fileName, text: state.text });
    try {
      localStorage.setItem(AUTOSAVE_KEY, entry);
      return undefined;
    } catch (error) {
      // Storage full (about 5 MB a site in Chromium) or disabled (private mode). The older
      // autosave, if any, is left: older work is better than none after a crash.
      const size = entry.length < 2 ** 20 ? `${Math.ceil(entry.length / 1024)} kB` : `${(entry.length / 2 ** 20).toFixed(1)} MB`;
      const reason = (error as DOMException).name === 'QuotaExceededError' ? `this browser's storage for the page is full (the graph needs ${size})` : `this browser does not let the page store it (${(error as Error).message})`;
      return `Autosave failed: ${reason}. Your graph is still open here; save it (Ctrl+S) to keep it.`;
    }
  },
  clearAutosave() {
    localStorage.removeItem(AUTOSAVE_KEY);
  },
  async takeRecovery(): Promise<RecoveryOffer> {
    const stored = localStorage.getItem(AUTOSAVE_KEY);
    if (stored === null) return {};
    try {
      const entry = JSON.parse(stored) as { fileName?: unknown; savedAt?: unknown; text?: unknown };
      if (typeof entry.fileName === 'string' && typeof entry.savedAt === 'string' && typeof entry.text === 'string') {
        return { document: { fileName: entry.fileName, savedAt: entry.savedAt, text: entry.text } };
      }
    } catch {
      // Reported below.
    }
    localStorage.removeItem(AUTOSAVE_KEY);
    return { problem: 'An autosaved document was found but it is damaged, so it was ignored.' };
  },
  documentState() {
    // The editor sets document.title itself; a browser tab has nothing more to show.
  },
  onCommand: () => () => undefined,
  // Only reached from a menu, which the browser build has not; kept for completeness.
  nativeEdit: (action) => void document.execCommand(action),
  closeConfirmed() {},
};

function download(name: string, content: string | Uint8Array, type: string): void {
  const url = URL.createObjectURL(new Blob([content as BlobPart], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
