/** Runs the real `convstudio` bin in a child process, as a user would. */
import { spawnSync } from 'node:child_process';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function convstudio(...args: string[]): CliRun {
  return convstudioWithEnv({}, ...args);
}

export function convstudioWithEnv(env: Record<string, string>, ...args: string[]): CliRun {
  const run = spawnSync(process.execPath, ['bin/convstudio.mjs', ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Node's `--import` of this makes a process print its peak resident memory to stderr as it exits. */
export const PEAK_RSS = `data:text/javascript,process.on('exit',()=>process.stderr.write('peak RSS kB '+process.resourceUsage().maxRSS+'\\n'))`;

/** The peak resident memory, in MB, that a process started with PEAK_RSS printed (NaN when it printed none). */
export const peakRssMB = (stderr: string): number => Number(/peak RSS kB (\d+)/.exec(stderr)?.[1]) / 1024;
