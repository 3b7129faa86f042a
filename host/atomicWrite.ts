/**
 * Writing files for the command line and the desktop shell alike (the one
 * Node-side implementation), so that a crash, a power cut or a full disk never costs the file on
 * disk: the new text goes to a temporary file beside the original, is flushed
 * to the disk, and only then renamed over it (rename is atomic on one file
 * system). The previous version is kept as `<name>.bak` first, so even a save
 * of the wrong graph can be undone by hand.
 */
import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface AtomicWriteOptions {
  /** Keep the file being replaced as `<path>.bak`. */
  backup?: boolean;
}

export function temporaryPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
}

export function writeFileAtomically(path: string, content: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const temporary = temporaryPathFor(path);
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const fd = openSync(temporary, 'wx', 0o644);
  try {
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    if (options.backup && existsSync(path)) copyFileSync(path, `${path}.bak`);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  flushDirectory(dirname(path));
}

/** The rename itself is only durable once the folder's entry is on disk (not possible on Windows; skipped there). */
function flushDirectory(folder: string): void {
  if (process.platform === 'win32') return;
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some file systems refuse fsync on folders; the rename has still happened.
  }
}
