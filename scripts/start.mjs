// `npm start`: builds the editor and the desktop shell, then launches the desktop
// app. Without an Electron binary it says why and serves the browser build instead,
// so the editor still runs. CONVSTUDIO_BROWSER=1 asks for the browser build directly.
import { spawn } from 'node:child_process';
import { findElectronBinary } from './electronBinary.mjs';

const run = (args) => new Promise((resolve, reject) => {
  const child = spawn(process.execPath, args, { stdio: 'inherit' });
  child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`node ${args.join(' ')} exited with ${code}`))));
});

await run(['scripts/build-web.mjs', '--production']);
await run(['scripts/build-app.mjs']);

const electron = process.env.CONVSTUDIO_BROWSER === '1' ? { ok: false, reason: 'CONVSTUDIO_BROWSER=1 asks for the browser build' } : findElectronBinary();
if (electron.ok) {
  const child = spawn(electron.path, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(
    `\nThe desktop app cannot start here: ${electron.reason}. Electron's installer downloads ` +
    'its binary from the internet, which this machine cannot reach (or npm\'s allowScripts kept the ' +
    'install script off). To get the desktop app, run `npm install` again on a machine with internet ' +
    'access after `npm install-scripts approve electron`, or set ELECTRON_OVERRIDE_DIST_PATH to an ' +
    'Electron you already have. Meanwhile the same editor runs in your browser, served from this ' +
    'machine only:\n',
  );
  await import('./serve-web.mjs');
}
