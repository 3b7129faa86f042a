// `npm run bench`: bundles bench/training.ts with esbuild and runs it.
import { build } from 'esbuild';

await build({
  entryPoints: ['bench/training.ts'],
  outfile: 'dist/bench/training.mjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // Peers (tfjs, convnetjs) load from node_modules at run time, as their authors ship them.
  packages: 'external',
  logLevel: 'warning',
});
await import(new URL('../dist/bench/training.mjs', import.meta.url).href);
