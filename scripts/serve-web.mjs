// Serves dist/web on 127.0.0.1 (the browser build of ConvStudio) and prints the address, with the
// server in host/staticServer.ts (built by scripts/build-web.mjs): cross-origin isolated so gpu.js
// can use WebAssembly threads, confined to dist/web, and up whatever a request holds.
// PORT=0 picks a free port.
import { existsSync } from 'node:fs';

const server = new URL('../dist/host/staticServer.mjs', import.meta.url);
if (!existsSync(server)) {
  console.error('dist/host/staticServer.mjs is missing: run node scripts/build-web.mjs first (npm run web does both)');
  process.exit(1);
}
const { startStaticServer } = await import(server.href);
const { url } = await startStaticServer('dist/web', Number(process.env.PORT ?? 5173));
console.log(`ConvStudio (browser build) is running at ${url}`);
