/**
 * A static file server on 127.0.0.1 for the browser build (`npm start`
 * without Electron, scripts/serve-web.mjs) and the tests' and benchmarks'
 * pages (bench/chromium.ts). Every response is cross-origin isolated (gpu.js's
 * WebAssembly threads need SharedArrayBuffer). Whatever a request holds, the
 * server answers it and stays up: paths go through host/staticRequest.ts,
 * only GET and HEAD are served, a request the HTTP parser rejects gets a
 * 400, and a file that cannot be read gets a 404 or 500.
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { Duplex } from 'node:stream';
import { ISOLATION_HEADERS, resolveStaticPath } from './staticRequest';

export interface StaticServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

function answer(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}) {
  response.writeHead(status, { ...ISOLATION_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...headers }).end(`${text}\n`);
}

/** A regular file's size, or undefined (missing, a folder, unreadable). */
function fileSize(file: string): number | undefined {
  try {
    const stat = statSync(file);
    return stat.isFile() ? stat.size : undefined;
  } catch {
    return undefined;
  }
}

function handle(root: string, request: IncomingMessage, response: ServerResponse) {
  if (request.method !== 'GET' && request.method !== 'HEAD') return answer(response, 405, 'only GET and HEAD', { Allow: 'GET, HEAD' });
  // The request target as sent: a path ("/a/b?x"); anything else ("*", an absolute URL for a proxy) is not ours.
  const target = request.url ?? '';
  if (!target.startsWith('/')) return answer(response, 400, 'not a path');
  let resolved = resolveStaticPath(target.split(/[?#]/)[0]!, root);
  if (!resolved.ok) return answer(response, resolved.status, resolved.reason);
  // A folder is its index.html (resolved again, so it is confined like any path).
  if (fileSize(resolved.file) === undefined && fileSize(join(resolved.file, 'index.html')) !== undefined) resolved = resolveStaticPath(`/${resolved.relative}/index.html`, root);
  const size = resolved.ok ? fileSize(resolved.file) : undefined;
  if (!resolved.ok || size === undefined) return answer(response, 404, 'not found');
  response.writeHead(200, { ...ISOLATION_HEADERS, 'Content-Type': resolved.contentType, 'Content-Length': String(size), 'Cache-Control': 'no-store' });
  if (request.method === 'HEAD') return response.end();
  createReadStream(resolved.file)
    .on('error', () => response.destroy())
    .pipe(response);
}

/** Serves `root` on 127.0.0.1:`port` (0: any free port); resolves once it listens. */
export async function startStaticServer(folder: string, port = 0): Promise<StaticServer> {
  const root = resolve(folder);
  const server = createServer((request, response) => {
    try {
      handle(root, request, response);
    } catch (error) {
      if (!response.headersSent) answer(response, 500, `server error: ${(error as Error).message}`);
      else response.destroy();
    }
  });
  const refuseRaw = (socket: Duplex, status: string) => {
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    else socket.destroy();
  };
  // A request line or header the parser refuses (a raw NUL, a bad method, a line over 16 KB): 400 (431), never a crash.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => refuseRaw(socket, error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request'));
  // CONNECT and Upgrade requests bypass the request handler; without these Node would drop them unanswered.
  server.on('connect', (_request, socket) => refuseRaw(socket, '405 Method Not Allowed'));
  server.on('upgrade', (_request, socket) => refuseRaw(socket, '400 Bad Request'));
  await new Promise<void>((listening, failed) => {
    server.once('error', failed);
    server.listen(port, '127.0.0.1', () => listening());
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    server,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
