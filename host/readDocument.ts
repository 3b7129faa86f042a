/** Reading a document file from disk for the CLI, with failures as messages; never throws. */
import { readFileSync, statSync } from 'node:fs';

/** Graph documents with stored weights stay far below this; anything larger is not one. */
export const MAX_DOCUMENT_FILE_BYTES = 512 * 1024 * 1024;

export type ReadResult =
  | { ok: true; text: string }
  | { ok: false; message: string; /** where in the file, when the problem is in its content */ line?: number; column?: number };

/** `tooLarge` words the refusal of a file over `maxBytes` (the app opens less than the CLI). */
export function readDocumentFile(path: string, maxBytes = MAX_DOCUMENT_FILE_BYTES, tooLarge = (bytes: number) => `cannot read ${path}: ${Math.round(bytes / 2 ** 20)} MiB is too large for a graph document`): ReadResult {
  let bytes: Buffer;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return { ok: false, message: `cannot read ${path}: it is a folder, not a graph document` };
    if (stat.size > maxBytes) return { ok: false, message: tooLarge(stat.size) };
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reasons: Record<string, string> = { ENOENT: 'no such file', EACCES: 'permission denied', EISDIR: 'it is a folder' };
    return { ok: false, message: `cannot read ${path}: ${(code && reasons[code]) ?? (e as Error).message}` };
  }
  const text = new TextDecoder('utf-8').decode(bytes); // invalid bytes become U+FFFD
  const bad = firstInvalidUtf8(bytes, text);
  if (bad) {
    return { ok: false, message: `the file is not UTF-8 text: byte 0x${bad.byte.toString(16).toUpperCase()} is not valid UTF-8; save the file as UTF-8`, line: bad.line, column: bad.column };
  }
  return { ok: true, text };
}

/** Where the first byte that is not valid UTF-8 is, by line and column of the decoded text. */
function firstInvalidUtf8(bytes: Uint8Array, decoded: string): { byte: number; line: number; column: number } | undefined {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return undefined;
  } catch {
    const index = decoded.indexOf('\uFFFD');
    const before = decoded.slice(0, Math.max(index, 0));
    const byteOffset = new TextEncoder().encode(before).length;
    const lines = before.split('\n');
    return { byte: bytes[byteOffset] ?? 0, line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
  }
}
