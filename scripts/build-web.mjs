// The browser build of the renderer: dist/web/{index.html, icon.png, main.js, main.css}, and the
// server that serves it (host/staticServer.ts as dist/host/staticServer.mjs, for scripts/serve-web.mjs).
// `--watch` rebuilds on change (npm run web).
import { build, context } from 'esbuild';
import { copyFileSync, cpSync, mkdirSync } from 'node:fs';

const options = {
  entryPoints: ['renderer/main.tsx', 'renderer/worker/trainingWorker.ts', 'renderer/worker/kernelHelper.ts'],
  outdir: 'dist/web',
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'chrome120',
  jsx: 'automatic',
  sourcemap: true,
  minify: process.argv.includes('--production'),
  // The gpujs backend tells which kind of kernel gpu.js built by its class name (a silent fallback
  // to another mode is an error); minified names would hide it.
  keepNames: true,
  define: { 'process.env.NODE_ENV': JSON.stringify(process.argv.includes('--production') ? 'production' : 'development') },
  // KaTeX's fonts (the lessons' formulas), next to main.css, so the app needs no network for them.
  loader: { '.woff2': 'file', '.woff': 'file', '.ttf': 'file' },
  assetNames: 'fonts/[name]-[hash]',
  logLevel: 'warning',
};

mkdirSync('dist/web', { recursive: true });
copyFileSync('renderer/index.html', 'dist/web/index.html');
// The favicon; the desktop window takes its icon from here too (app/main/main.ts).
copyFileSync('resources/icon/icon.png', 'dist/web/icon.png');
// The bundled data sets, fetched by the training worker (the app works offline).
cpSync('resources/datasets', 'dist/web/datasets', { recursive: true });
cpSync('resources/pictures', 'dist/web/pictures', { recursive: true }); // the lessons' photograph, fetched by the page
await build({ entryPoints: ['host/staticServer.ts'], outfile: 'dist/host/staticServer.mjs', bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning' });
if (process.argv.includes('--watch')) {
  await (await context(options)).watch();
} else {
  await build(options);
}
