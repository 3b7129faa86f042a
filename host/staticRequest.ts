/**
 * Which file a request for a static page asset means, for every server of
 * ours: the desktop's app:// protocol (app/main/appProtocol.ts), the browser
 * build's server (`npm start` without Electron, host/staticServer.ts) and the
 * tests' and benchmarks' pages (bench/chromium.ts). It is given the URL's
 * path as sent (still percent-encoded) and never throws: a malformed escape,
 * a NUL, a path that would leave the folder in any encoding, or one too long
 * to be ours is refused with its reason.
 */
import { extname, join, normalize, sep } from 'node:path';

/** Longer paths are not ours (ours are under 100 characters); refusing them early bounds the work per request. */
export const MAX_PATH_LENGTH = 2048;

/** On every response of ours: cross-origin isolated (gpu.js's WebAssembly threads need SharedArrayBuffer), never sniffed. */
export const ISOLATION_HEADERS = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'X-Content-Type-Options': 'nosniff' } as const;

export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.gz': 'application/gzip',
  '.md': 'text/markdown; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

export type StaticResolution =
  | { ok: true; file: string; /** The path inside the folder, with the platform's separators. */ relative: string; contentType: string }
  | { ok: false; status: 403; reason: string };

const refuse = (reason: string): StaticResolution => ({ ok: false, status: 403, reason });

/** The file under `root` that `encodedPath` (a URL's pathname, as sent) names. */
export function resolveStaticPath(encodedPath: string, root: string): StaticResolution {
  if (encodedPath.length > MAX_PATH_LENGTH) return refuse(`path longer than ${MAX_PATH_LENGTH} characters`);
  let pathname: string;
  try {
    pathname = decodeURIComponent(encodedPath);
  } catch {
    return refuse('malformed path (a bad % escape)');
  }
  if (pathname.includes('\0')) return refuse('malformed path (a NUL character)');
  // The folder itself ("/", or a path that normalizes to it) is its index.html.
  const relative = normalize(pathname).replace(/^[/\\]+/, '') || 'index.html';
  const file = join(root, relative);
  const inside = root.endsWith(sep) ? root : root + sep;
  if (relative.startsWith('..') || !(file === root || file.startsWith(inside))) return refuse(`outside the folder: ${pathname.slice(0, 128)}`);
  return { ok: true, file, relative, contentType: CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' };
}
