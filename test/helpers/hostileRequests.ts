/**
 * Hostile requests for our static servers: more than 1,000 request paths
 * (bad % escapes, NULs, `..` in every encoding and separator aiming at a
 * file beside the served folder, very long paths, seeded random junk) and
 * unknown methods, and a raw HTTP/1.1 client that sends each exactly as
 * written (Node's own client refuses most of them before they leave).
 */
import { connect } from 'node:net';
import { createRandom } from '../../engine/network/random';

/** The file beside the served folder that no request may reach. */
export const SECRET_NAME = 'secret.txt';

function traversals(): string[] {
  const dots = ['..', '%2e%2e', '%2E%2E', '.%2e', '%2e.', '%252e%252e', '%c0%ae%c0%ae', '%e0%80%ae%e0%80%ae', '....', '..;', '.. '];
  const separators = ['/', '%2f', '%2F', '%5c', '\\', '%252f', '//', '/./'];
  const paths: string[] = [];
  for (const dot of dots) {
    for (const sep of separators) {
      for (let depth = 1; depth <= 4; depth++) paths.push(`/${`${dot}${sep}`.repeat(depth)}${SECRET_NAME}`);
    }
  }
  // From inside a subfolder, and with a query or fragment after.
  for (const dot of dots.slice(0, 5)) paths.push(`/sub/${dot}/${dot}/${SECRET_NAME}`, `/${dot}/${SECRET_NAME}?x=1`, `/${dot}/${SECRET_NAME}#top`);
  return paths;
}

function badEscapes(): string[] {
  const escapes = ['%', '%E0%A4%A', '%zz', '%%', '%u002e', '%E0%A4', '%C0', '%ff%fe', '%D8%00', '%ED%A0%80', '%2', '%%32%65'];
  return escapes.flatMap((e) => [`/${e}`, `/index.html${e}`, `/${e}/index.html`, `/sub/${e}a.js`, `/..${e}/${SECRET_NAME}`]);
}

function nuls(): string[] {
  return ['/%00', `/${SECRET_NAME}%00.html`, '/index.html%00', `/..%00/${SECRET_NAME}`, '/\0', `/index.html\0`, `/%2e%2e%00/${SECRET_NAME}`, '/sub%00/a.js'];
}

function longPaths(): string[] {
  return [2049, 4096, 10_000, 20_000, 70_000].flatMap((n) => [`/${'a'.repeat(n)}`, `/${'../'.repeat(Math.ceil(n / 3))}${SECRET_NAME}`, `/${'%2e%2e%2f'.repeat(Math.ceil(n / 9))}${SECRET_NAME}`]);
}

/** Seeded junk: printable bytes, % escapes and separators, so the same corpus runs everywhere. */
function junk(count: number, seed: number): string[] {
  const next = createRandom(seed).next;
  const pieces = ['..', '/', '\\', '%', '%2e', '%2f', '%5c', '%00', '%ff', '.', 'x', '~', ';', '%3F', '%23', '%25', SECRET_NAME, 'é', '%C3%A9', ' '];
  return Array.from({ length: count }, () => {
    let path = '/';
    const n = 1 + Math.floor(next() * 12);
    for (let i = 0; i < n; i++) {
      // Any printable byte but ? and # (they would end the path, and the request would be for the folder's page).
      const byte = String.fromCharCode(33 + Math.floor(next() * 94));
      path += next() < 0.7 ? pieces[Math.floor(next() * pieces.length)] : byte === '?' || byte === '#' ? '%' : byte;
    }
    // Never the served folder's own files: each aims at a name that is not there, or at the secret.
    return `${path}${next() < 0.5 ? `/../${SECRET_NAME}` : 'missing'}`;
  });
}

export function hostilePaths(): string[] {
  return [...traversals(), ...badEscapes(), ...nuls(), ...longPaths(), ...junk(600, 20261203)];
}

export const HOSTILE_METHODS = ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'CONNECT', 'PROPFIND', 'FOO', 'get', 'G\0ET', ''];

export interface RawResponse {
  status: number;
  body: string;
}

/** Sends `METHOD path HTTP/1.1` as raw bytes (utf-8) and reads the response to its end; status 0 when the server closed without one. */
export function rawRequest(port: number, method: string, path: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(10_000, () => socket.destroy(new Error(`no answer to ${method} ${path.slice(0, 80)}`)));
    // write, not end: a half-closed socket would cancel a streamed answer; Connection: close ends it.
    socket.on('connect', () => socket.write(`${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || error.code === 'EPIPE' ? undefined : reject(error)));
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
      resolve({ status: status ? Number(status) : 0, body: text.slice(text.indexOf('\r\n\r\n') + 4) });
    });
  });
}

/** Every request of the corpus (each path with GET, then each method on a few paths), `parallel` at a time. */
export async function sendHostileCorpus(port: number, parallel = 32): Promise<{ method: string; path: string; response: RawResponse }[]> {
  const requests = [
    ...hostilePaths().map((path) => ({ method: 'GET', path })),
    ...HOSTILE_METHODS.flatMap((method) => ['/', '/index.html', `/../${SECRET_NAME}`, '/%E0%A4%A'].map((path) => ({ method, path }))),
  ];
  const results: { method: string; path: string; response: RawResponse }[] = [];
  for (let i = 0; i < requests.length; i += parallel) {
    const batch = requests.slice(i, i + parallel);
    results.push(...(await Promise.all(batch.map(async (r) => ({ ...r, response: await rawRequest(port, r.method, r.path) })))));
  }
  return results;
}
