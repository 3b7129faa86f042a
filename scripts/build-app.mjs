// The desktop shell: dist/app/main.cjs (Electron's main process, package.json "main")
// and dist/app/preload.cjs (sandboxed preloads must be one CommonJS file needing only electron).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const common = { bundle: true, format: 'cjs', target: 'node20', sourcemap: true, external: ['electron'], logLevel: 'warning', mainFields: ['module', 'main'] };

await Promise.all([
  build({ ...common, entryPoints: ['app/main/main.ts'], outfile: 'dist/app/main.cjs', platform: 'node', define: { __CONVSTUDIO_VERSION__: JSON.stringify(pkg.version) } }),
  build({ ...common, entryPoints: ['app/preload/preload.ts'], outfile: 'dist/app/preload.cjs', platform: 'node' }),
]);
