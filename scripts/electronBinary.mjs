// Where the Electron binary is, or why there is none. npm installs the electron
// package without its binary where the download cannot run (no internet, or npm's
// allowScripts leaving its install script off), as on every machine of this project.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export function findElectronBinary() {
  let path;
  try {
    path = createRequire(import.meta.url)('electron');
  } catch (error) {
    return { ok: false, reason: `the electron package has no binary (${error.message.split('\n')[0]})` };
  }
  if (typeof path !== 'string' || !existsSync(path)) return { ok: false, reason: `the Electron binary ${path} does not exist` };
  return { ok: true, path };
}
