/**
 * Opening, saving and exporting documents for the window. The dialogs are
 * passed in (Electron's in the app, scripted ones in tests), so everything
 * here runs and is tested without Electron. The page only ever holds opaque
 * handles; paths stay in the main process.
 */
import { randomUUID } from 'node:crypto';
import { basename, extname } from 'node:path';
import { readDocumentFile } from '../../host/readDocument';
import { documentTooLargeMessage, MAX_APP_DOCUMENT_BYTES, type ExportRequest, type OpenedFile, type SaveResult } from '../shared/desktopApi';
import { writeFileAtomically } from '../../host/atomicWrite';
import type { RecentFiles } from './recentFiles';

export const DOCUMENT_EXTENSIONS = ['convstudio', 'json'];

export interface FileDialogs {
  /** A path to open, or undefined when the user cancels. */
  chooseFileToOpen(): Promise<string | undefined>;
  chooseSavePath(suggestedName: string, kind: 'document' | ExportRequest['kind']): Promise<string | undefined>;
}

/** A failure to show the user as it is (it names the file and the reason). */
export class FileError extends Error {}

export class DocumentFiles {
  private readonly pathsByHandle = new Map<string, string>();

  constructor(private readonly dialogs: FileDialogs, private readonly recent: RecentFiles) {}

  async open(): Promise<OpenedFile | undefined> {
    const path = await this.dialogs.chooseFileToOpen();
    return path === undefined ? undefined : this.read(path);
  }

  /** Reads a document the user chose (a dialog, Open Recent, the OS or the command line). */
  read(path: string): OpenedFile {
    const read = readDocumentFile(path, MAX_APP_DOCUMENT_BYTES, (bytes) => documentTooLargeMessage(basename(path), bytes));
    if (!read.ok) {
      if (read.line === undefined) this.recent.remove(path);
      throw new FileError(read.line === undefined ? read.message : `${basename(path)}:${read.line}:${read.column}: ${read.message}`);
    }
    this.recent.add(path);
    return { name: basename(path), text: read.text, handle: this.handleFor(path) };
  }

  /** Saves over the file behind the handle; without one (a new document), asks where, as Save As. */
  async save(text: string, suggestedName: string, handle?: string): Promise<SaveResult | undefined> {
    const path = handle === undefined ? undefined : this.pathsByHandle.get(handle);
    if (handle !== undefined && path === undefined) throw new FileError('This document\'s file is not known to the app; use Save As to choose where to save it.');
    return path === undefined ? this.saveAs(text, suggestedName) : this.writeDocument(path, text);
  }

  async saveAs(text: string, suggestedName: string): Promise<SaveResult | undefined> {
    const chosen = await this.dialogs.chooseSavePath(withDocumentExtension(suggestedName), 'document');
    return chosen === undefined ? undefined : this.writeDocument(chosen, text);
  }

  async exportFile(request: ExportRequest): Promise<SaveResult | undefined> {
    const path = await this.dialogs.chooseSavePath(request.suggestedName, request.kind);
    if (path === undefined) return undefined;
    this.write(path, 'bytes' in request ? request.bytes : request.text);
    return { name: basename(path), handle: this.handleFor(path) };
  }

  pathOf(handle: string | undefined): string | undefined {
    return handle === undefined ? undefined : this.pathsByHandle.get(handle);
  }

  handleFor(path: string): string {
    for (const [handle, known] of this.pathsByHandle) if (known === path) return handle;
    const handle = randomUUID();
    this.pathsByHandle.set(handle, path);
    return handle;
  }

  private writeDocument(path: string, text: string): SaveResult {
    this.write(path, text);
    this.recent.add(path);
    return { name: basename(path), handle: this.handleFor(path) };
  }

  private write(path: string, text: string | Uint8Array): void {
    try {
      writeFileAtomically(path, text, { backup: true });
    } catch (error) {
      throw new FileError(`${basename(path)} was not saved (${(error as Error).message}); the file on disk is unchanged.`);
    }
  }
}

function withDocumentExtension(name: string): string {
  return DOCUMENT_EXTENSIONS.includes(extname(name).slice(1).toLowerCase()) ? name : `${name}.json`;
}
