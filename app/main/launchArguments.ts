/**
 * Which command-line arguments are documents to open: `convstudio net.json`,
 * or what the OS passes on a double-click. Chromium's own switches and the
 * app's folder (Electron passes `.` in development) are not.
 */
import { existsSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';

/** `workingDirectory`: where relative paths are from (a second launch's own folder, not this process's). */
export function documentPathsIn(args: readonly string[], extensions: readonly string[], workingDirectory = process.cwd()): string[] {
  return args
    .filter((arg) => !arg.startsWith('-') && extensions.includes(extname(arg).slice(1).toLowerCase()))
    .map((arg) => resolve(workingDirectory, arg))
    .filter((path) => existsSync(path) && statSync(path).isFile());
}
