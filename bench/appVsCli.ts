/**
 * Training in the app against the command line, same backend, same data
 * (MNIST, the first 3,200 training images, batch 32, Adam), in one run: the
 * CLI's `train --json` and the editor's Train button in headless Chromium
 * (on a named backend, or on `auto`, the app's own choice, which it names).
 */
import { execFileSync } from 'node:child_process';
import { CHROMIUM, chromiumAvailable, openPage } from './chromium';

const STEPS = 100;

export interface Throughput {
  name: string;
  samplesPerSec?: number;
  /** The backend that ran (for `auto`, the one the app chose). */
  backend?: string;
  unavailable?: string;
}

export function cliThroughput(backend: string): Throughput {
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'pipe' });
  const out = execFileSync(process.execPath, ['bin/convstudio.mjs', 'train', 'resources/examples/lenet-5.json', '--dataset', 'mnist', '--steps', String(STEPS), '--backend', backend, '--json'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const done = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { samplesPerSec?: number };
  return { name: `ConvStudio CLI train (${backend}, MNIST, ${STEPS} steps)`, backend, ...(done.samplesPerSec ? { samplesPerSec: done.samplesPerSec } : { unavailable: 'no done event' }) };
}

let webBuilt = false;

export async function appThroughput(backend: string): Promise<Throughput> {
  const name = `ConvStudio app, Train button (${backend} in a Web Worker, Chromium, MNIST, ${STEPS} steps)`;
  if (!chromiumAvailable) return { name, unavailable: `no Chromium at ${CHROMIUM}` };
  if (!webBuilt) execFileSync(process.execPath, ['scripts/build-web.mjs', '--production'], { stdio: 'pipe' });
  webBuilt = true;
  const chromium = await openPage('dist/web');
  try {
    const { page } = chromium;
    await page.waitForSelector('.react-flow__node');
    // A fresh profile is greeted by the welcome sheet; the Train view shares the right dock with the Inspector.
    await page.getByRole('dialog', { name: 'Welcome to ConvStudio' }).getByTestId('sheet-close').click();
    await page.getByRole('tab', { name: 'Train', exact: true }).click();
    await page.getByTestId('train-backend').selectOption(backend);
    await page.getByTestId('train-epochs').fill('1');
    await page.getByTestId('train-trainLimit').fill(String(STEPS * 32));
    await page.getByTestId('train-start').click();
    await page.waitForFunction(() => /^done/.test(document.querySelector('[data-testid="train-status"]')?.textContent ?? ''), null, { timeout: 300_000 });
    const text = (await page.getByTestId('train-progress').textContent()) ?? '';
    const rate = Number(text.match(/(\d+) samples\/s/)?.[1]);
    const ran = (await page.getByTestId('train-backend-reason').textContent())?.match(/^why (\S+):/)?.[1] ?? backend;
    return { name: name.replace(`(${backend} in`, `(${backend === ran ? ran : `${backend}: ${ran}`} in`), backend: ran, ...(rate ? { samplesPerSec: rate } : { unavailable: `could not read "${text}"` }) };
  } finally {
    await chromium.close();
  }
}
