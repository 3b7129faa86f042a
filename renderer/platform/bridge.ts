/**
 * All file access goes through this bridge. The browser build uses the
 * implementation below (a file picker and a download); the desktop shell
 * will provide one over its preload API with the same shape.
 */
export interface OpenedFile {
  name: string;
  text: string;
}

export interface PlatformBridge {
  /** Asks the user for a document; undefined when they cancel. */
  openDocument(): Promise<OpenedFile | undefined>;
  /** Saves text under a name; returns the name it was saved as. */
  saveDocument(name: string, text: string): Promise<string>;
}

export const browserBridge: PlatformBridge = {
  openDocument() {
    return new Promise((resolve) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = '.json,application/json';
      input.addEventListener('change', async () => {
        const file = input.files?.[0];
        resolve(file ? { name: file.name, text: await file.text() } : undefined);
      });
      input.addEventListener('cancel', () => resolve(undefined));
      input.click();
    });
  },
  async saveDocument(name, text) {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    return name;
  },
};
