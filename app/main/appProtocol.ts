/**
 * The app's pages are served from app://convstudio/ (a custom protocol, not
 * file://), which gives the page a real origin, lets every response carry the
 * Content-Security-Policy and the cross-origin-isolation headers that
 * SharedArrayBuffer (GPU.js's WebAssembly threads, once the worker uses them;
 * it runs the CPU backend today) needs, and confines what can be loaded to one folder.
 */
import { ISOLATION_HEADERS, resolveStaticPath } from '../../host/staticRequest';

export const APP_SCHEME = 'app';
export const APP_HOST = 'convstudio';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * The page's policy (renderer/index.html carries the same in a meta tag, so
 * the browser build runs under it too; a test keeps the two equal).
 * 'wasm-unsafe-eval' lets WebAssembly compile; no eval, no inline script, no
 * remote anything.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * The training worker compiles GPU.js kernels from generated source, which
 * needs eval; it has no DOM, and only it gets this.
 */
export const WORKER_CSP = PAGE_CSP.replace("script-src 'self' 'wasm-unsafe-eval'", "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'");

export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

export type AppResponse =
  | { status: 200; file: string; headers: Record<string, string> }
  | { status: 403 | 404; reason: string; headers: Record<string, string> };

/** Maps a request to a file under root (host/staticRequest.ts); anything that would leave root, or another host, is refused. */
export function resolveAppRequest(url: string, root: string): AppResponse {
  const base = { ...ISOLATION_HEADERS, 'Cross-Origin-Resource-Policy': 'same-origin' };
  if (!isAppUrl(url)) return { status: 403, reason: `not an app URL: ${url.slice(0, 128)}`, headers: base };
  const resolved = resolveStaticPath(new URL(url).pathname, root);
  if (!resolved.ok) return { status: resolved.status, reason: resolved.reason, headers: base };
  const isWorker = resolved.relative.split(/[/\\]/)[0] === 'worker';
  return {
    status: 200,
    file: resolved.file,
    headers: { ...base, 'Content-Type': resolved.contentType, 'Content-Security-Policy': isWorker ? WORKER_CSP : PAGE_CSP, 'Cache-Control': 'no-store' },
  };
}
