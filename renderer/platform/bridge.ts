/**
 * Everything the editor needs from the platform goes through this bridge:
 * files, autosave and recovery, the window's title, and the menus' commands.
 * The browser build uses browserBridge.ts (a file picker, downloads, and
 * localStorage for autosave); the desktop shell provides desktopBridge.ts over
 * its preload API. The editor cannot tell them apart.
 */
import type { ShellCommandId } from '../../app/shared/commands';
import type { AppCommand, AppInfo, ExportRequest, MenuCommand, NativeEdit, RecentFile, RecoveryOffer } from '../../app/shared/desktopApi';

export type { AppCommand, AppInfo, ExportRequest, MenuCommand, NativeEdit, RecentFile, RecoveryOffer };

export interface OpenedFile {
  name: string;
  text: string;
  /** The desktop shell's token for the file's path; Save hands it back. */
  handle?: string | undefined;
}

export interface SavedFile {
  name: string;
  handle?: string | undefined;
}

export interface AutosaveState {
  fileName: string;
  text: string;
  handle?: string | undefined;
}

export interface PlatformBridge {
  readonly kind: 'browser' | 'desktop';
  /** Asks the user for a document; undefined when they cancel. */
  openDocument(): Promise<OpenedFile | undefined>;
  /** Saves to the document's file (asking where when there is none); undefined when the user cancels. */
  saveDocument(name: string, text: string, handle?: string): Promise<SavedFile | undefined>;
  saveDocumentAs(name: string, text: string): Promise<SavedFile | undefined>;
  exportFile(request: ExportRequest): Promise<SavedFile | undefined>;
  /**
   * Keeps the unsaved document where a crash cannot take it; cleared when it
   * is saved or discarded. Returns what went wrong when it could not be kept
   * (browser storage full), for the editor to say.
   */
  autosave(state: AutosaveState): string | void;
  clearAutosave(): void;
  /** What a previous session left unsaved, if anything. */
  takeRecovery(): Promise<RecoveryOffer>;
  /** The title and whether closing must ask first. */
  documentState(state: { fileName: string; dirty: boolean }): void;
  /** Commands from the native menus (none in the browser). */
  onCommand(listener: (command: AppCommand) => void): () => void;
  /** After a save that the shell asked for before closing. */
  closeConfirmed(): void;
  /** Undo, paste… in the focused text field (menu commands while typing). */
  nativeEdit(action: NativeEdit): void;
  /** Versions and folders, for Help > About (the desktop shell only). */
  appInfo?(): Promise<AppInfo>;
  /** The last documents opened, for the welcome view (the desktop shell only). */
  recentFiles?(): Promise<RecentFile[]>;
  openRecent?(path: string): Promise<OpenedFile | undefined>;
  /** Close, quit, clear the recent list: done by the desktop shell itself. */
  shellCommand?(id: ShellCommandId): void;
}
