/**
 * The contract between the desktop shell and the renderer: the IPC channel
 * names, what travels on them, and the API the preload exposes to the page as
 * `window.convstudioDesktop`. Types only and constants, so the main process,
 * the preload and the renderer all compile against the same definition.
 */
import type { CommandId, ShellCommandId } from './commands';

/** Renderer -> main, answered (ipcRenderer.invoke / ipcMain.handle). */
export const INVOKE_CHANNELS = {
  open: 'document:open',
  openRecent: 'document:open-recent',
  save: 'document:save',
  saveAs: 'document:save-as',
  exportFile: 'document:export',
  recentFiles: 'recent:list',
  appInfo: 'app:info',
  takeRecovery: 'recovery:take',
} as const;

/** Renderer -> main, one way (ipcRenderer.send / ipcMain.on). */
export const SEND_CHANNELS = {
  documentState: 'document:state',
  autosave: 'document:autosave',
  discardRecovery: 'recovery:discard',
  closeConfirmed: 'window:close-confirmed',
  nativeEdit: 'edit:native',
  /** A command the shell performs (close, quit, clear the recent list), asked for from the page's palette. */
  shellCommand: 'shell:command',
} as const;

/** Edit actions the main process performs on the focused text field (the page may not paste by itself). */
export const NATIVE_EDITS = ['undo', 'redo', 'cut', 'copy', 'paste', 'delete', 'selectAll'] as const;
export type NativeEdit = (typeof NATIVE_EDITS)[number];

/** Main -> renderer. */
export const COMMAND_CHANNEL = 'app:command';

export interface OpenedFile {
  /** The file's name without its folder, for the title bar. */
  name: string;
  text: string;
  /**
   * An opaque token the main process maps to the file's path. The page never
   * sees or chooses paths: "Save" hands the token back, and a token the main
   * process did not issue is refused.
   */
  handle?: string;
}

export interface SaveResult {
  name: string;
  handle: string;
}

/** What an answered call carries back; the preload turns a failure into a thrown Error with this message. */
export type Answer<T> = { ok: true; value: T } | { ok: false; message: string };

/** The exports that are bytes: an ONNX model, a zipped PyTorch project. */
/**
 * The largest document the app opens: what it can also save back through the
 * shell (every IPC message is held to this). LeNet-5 with weights is 0.3 MB;
 * the CLI reads up to 512 MiB for the rare larger one.
 */
export const MAX_APP_DOCUMENT_BYTES = 64 * 1024 * 1024;

/** The refusal for a file over MAX_APP_DOCUMENT_BYTES, the same from the page and the shell. */
export function documentTooLargeMessage(name: string, bytes: number): string {
  return `${name} is ${(bytes / 2 ** 20).toFixed(0)} MiB, more than the ${MAX_APP_DOCUMENT_BYTES / 2 ** 20} MiB the app opens; check it with \`convstudio validate\`, which reads up to 512 MiB.`;
}

export const BINARY_EXPORT_KINDS = ['onnx', 'zip'] as const;
export type BinaryExportKind = (typeof BINARY_EXPORT_KINDS)[number];

/** A file the page made for the user to keep elsewhere: text (a summary) or bytes (a model, a project). */
export type ExportRequest = { suggestedName: string; kind: 'markdown' | 'json'; text: string } | { suggestedName: string; kind: BinaryExportKind; bytes: Uint8Array };

export interface RecentFile {
  path: string;
  name: string;
}

export interface AppInfo {
  name: string;
  version: string;
  electron: string;
  chrome: string;
  node: string;
  platform: string;
  dataFolder: string;
}

export interface RecoveredDocument {
  fileName: string;
  handle?: string;
  savedAt: string;
  text: string;
}

export interface RecoveryOffer {
  document?: RecoveredDocument;
  /** Set when an autosave was found but could not be used. */
  problem?: string;
}

/** What the menus ask the editor to do: any command of the registry (app/shared/commands.ts). */
export type MenuCommand = CommandId;

export type AppCommand =
  | { command: Exclude<CommandId, 'new-from-template'> }
  | { command: 'new-from-template'; template: string }
  /** A file handed to the app by the OS (double-click, command line, a second launch). */
  | { command: 'open-file'; file: OpenedFile };

export interface DesktopApi {
  open(): Promise<OpenedFile | undefined>;
  openRecent(path: string): Promise<OpenedFile | undefined>;
  /** Saves to the file the document came from, or asks where (as Save As) when it has none. Undefined when cancelled. */
  save(text: string, suggestedName: string, handle?: string): Promise<SaveResult | undefined>;
  saveAs(text: string, suggestedName: string): Promise<SaveResult | undefined>;
  exportFile(request: ExportRequest): Promise<SaveResult | undefined>;
  recentFiles(): Promise<RecentFile[]>;
  appInfo(): Promise<AppInfo>;
  /** Tells the shell the title and whether closing must ask first. */
  documentState(state: { fileName: string; dirty: boolean }): void;
  /** The editor's current text, kept in the app's data folder until saved or discarded. */
  autosave(state: { fileName: string; text: string; handle?: string }): void;
  takeRecovery(): Promise<RecoveryOffer>;
  discardRecovery(): void;
  closeConfirmed(): void;
  /** Undo, paste… in the focused text field, done by the browser engine itself. */
  nativeEdit(action: NativeEdit): void;
  /** Asks the shell to perform one of its own commands (close, quit, clear recent). */
  shellCommand(id: ShellCommandId): void;
  onCommand(listener: (command: AppCommand) => void): () => void;
}
