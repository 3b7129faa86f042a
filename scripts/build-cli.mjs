// Bundles the command line into one file, dist/cli/convstudio.mjs, that the
// package's `convstudio` bin runs. Runs on `npm install` (prepare) and `npm test`.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: ['cli/entry.ts'],
  outfile: 'dist/cli/convstudio.mjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // jsonc-parser's "main" is a UMD build esbuild cannot bundle as ESM; its "module" build works.
  mainFields: ['module', 'main'],
  sourcemap: true,
  define: { __CONVSTUDIO_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
});
