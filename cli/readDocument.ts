/** Reading a document file from disk for the CLI, with failures as messages, never throws. */
import { readFileSync, statSync } from 'node:fs';

/** Graph documents with stored weights stay far below this; anything larger is not one. */
const MAX_FILE_BYTES = 512 * 1024 * 1024;

export type ReadResult = { ok: true; text: string } | { ok: false; message: string };

export function readDocumentFile(path: string): ReadResult {
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return { ok: false, message: `${path} is a folder, not a graph document` };
    if (stat.size > MAX_FILE_BYTES) return { ok: false, message: `${path} is ${Math.round(stat.size / 2 ** 20)} MiB, too large for a graph document` };
    const bytes = readFileSync(path);
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { ok: true, text };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reasons: Record<string, string> = {
      ENOENT: 'no such file',
      EACCES: 'permission denied',
      EISDIR: 'it is a folder',
      ERR_ENCODING_INVALID_ENCODED_DATA: 'it is not UTF-8 text',
    };
    return { ok: false, message: `cannot read ${path}: ${(code && reasons[code]) ?? (e as Error).message}` };
  }
}
