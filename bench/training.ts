/**
 * `npm run bench`: LeNet-5 training speed, batch 32, MNIST-shaped input
 * (1×28×28, 10 classes), in samples per second, for ConvStudio's backends and
 * its peers, side by side in one run on one machine: each figure is the
 * median of several timed repetitions after a warm-up. Only the ratios
 * compare across machines this noisy. Writes bench/results/latest.{md,json}.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, platform, release } from 'node:os';
import { createRequire } from 'node:module';
import { createCpuBackend } from '../engine/backend/cpu/cpuBackend';
import type { GpuClass } from '../engine/backend/gpujs/gpuApi';
import { createGpujsBackend } from '../engine/backend/gpujs/gpujsBackend';
import { CHROMIUM, chromiumAvailable, openSuitePage } from './chromium';
import { appThroughput, cliThroughput } from './appVsCli';
import { convnetjsPeer } from './peers/convnetjs';
import { convstudioPeer, lenetStep } from './peers/convstudio';
import { profileBackend } from '../engine/backend/profiledBackend';
import { BATCH, PeerUnavailable, REPETITIONS, type Peer } from './peers/peer';
import { pytorchPeer } from './peers/pytorch';
import { tfjsCpuPeer } from './peers/tfjsCpu';

interface Row {
  name: string;
  ours: boolean;
  median?: number;
  min?: number;
  max?: number;
  unavailable?: string;
}

/** The same LeNet-5 step inside headless Chromium (Playwright, Debian's chromium): webgl2 on SwiftShader, webasm, cpu. */
async function chromiumRows(): Promise<Row[]> {
  if (!chromiumAvailable) return [{ name: 'ConvStudio in Chromium', ours: true, unavailable: `no Chromium at ${CHROMIUM}` }];
  const chromium = await openSuitePage();
  try {
    const rows: Row[] = [];
    for (const [name, steps] of [['cpu', 10], ['gpujs:webasm', 5], ['gpujs:webgl2', 3]] as const) {
      process.stdout.write(`measuring ConvStudio ${name} in Chromium… `);
      const rates = await chromium.page.evaluate(
        ([n, s, r]) => (globalThis as unknown as { convstudio: { bench(n: string, s: number, r: number): number[] } }).convstudio.bench(n, s, r),
        [name, steps, REPETITIONS] as const,
      );
      rows.push({ name: `ConvStudio ${name} in Chromium`, ours: true, median: median(rates), min: Math.min(...rates), max: Math.max(...rates) });
      console.log(`${median(rates).toFixed(0)} samples/s`);
    }
    return rows;
  } finally {
    await chromium.close();
  }
}

/** Where a training step's time goes on the CPU reference: share of time per primitive over 20 steps. */
function primitiveBreakdown(): string {
  const profiled = profileBackend(createCpuBackend());
  const step = lenetStep(profiled.backend);
  for (let i = 0; i < 5; i++) step();
  profiled.reset();
  for (let i = 0; i < 20; i++) step();
  const times = profiled.times();
  const total = times.reduce((a, t) => a + t.ms, 0);
  return [
    '## Where the time goes (cpu reference, 20 steps of LeNet-5, batch 32)',
    '',
    '| primitive | calls | ms | share |',
    '|---|---:|---:|---:|',
    ...times.filter((t) => t.ms / total > 0.001).map((t) => `| ${t.name} | ${t.calls} | ${t.ms.toFixed(1)} | ${((100 * t.ms) / total).toFixed(1)}% |`),
  ].join('\n');
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function main() {
  const cpuList = cpus();
  const machine = `${cpuList[0]?.model ?? 'unknown CPU'}, ${cpuList.length} cores, ${platform()} ${release()}, Node ${process.version}`;
  console.log(`machine: ${machine}`);
  console.log(`LeNet-5 (44,426 parameters), batch ${BATCH}, Adam 0.001: median samples/s of ${REPETITIONS} timed repetitions after a warm-up\n`);

  const GPU = (createRequire(import.meta.url)('gpu.js') as { GPU: GpuClass }).GPU;
  const ours: Peer[] = [
    convstudioPeer('cpu (reference)', () => createCpuBackend()),
    convstudioPeer('gpujs:webasm', () => createGpujsBackend(GPU, 'webasm'), 5),
    convstudioPeer('gpujs:cpu', () => createGpujsBackend(GPU, 'cpu'), 5),
  ];
  const others: Peer[] = [pytorchPeer, convnetjsPeer, tfjsCpuPeer];
  const rows: Row[] = [];
  for (const [peer, isOurs] of [...ours.map((p) => [p, true] as const), ...others.map((p) => [p, false] as const)]) {
    process.stdout.write(`measuring ${peer.name}… `);
    try {
      const rates = await peer.measure();
      rows.push({ name: peer.name, ours: isOurs, median: median(rates), min: Math.min(...rates), max: Math.max(...rates) });
      console.log(`${median(rates).toFixed(0)} samples/s`);
    } catch (e) {
      if (!(e instanceof PeerUnavailable)) throw e;
      rows.push({ name: peer.name, ours: isOurs, unavailable: e.message });
      console.log(`not available: ${e.message}`);
    }
  }

  rows.push(...(await chromiumRows()));
  const best = rows.filter((r) => r.ours && r.median !== undefined).sort((a, b) => (b.median ?? 0) - (a.median ?? 0))[0];
  const table = [
    '| trainer | samples/s (median) | range | ConvStudio best ÷ this |',
    '|---|---:|---:|---:|',
    ...rows.map((r) =>
      r.median === undefined
        ? `| ${r.name} | not available: ${r.unavailable} | | |`
        : `| ${r.name} | ${r.median.toFixed(0)} | ${r.min?.toFixed(0)}–${r.max?.toFixed(0)} | ${best?.median ? (best.median / r.median).toFixed(2) : ''} |`,
    ),
  ].join('\n');
  const markdown = `# LeNet-5 training benchmark\n\nMachine: ${machine}\n\nBatch ${BATCH}, Adam 0.001, MNIST-shaped random data; best ConvStudio backend: ${best?.name ?? 'none'}.\n\n${table}\n`;
  console.log(`\n${table}`);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/latest.md', markdown);
  writeFileSync('bench/results/latest.json', `${JSON.stringify({ machine, batch: BATCH, date: new Date().toISOString(), rows }, null, 2)}\n`);
  // The app against the command line, same backend and data, in this run.
  process.stdout.write('\nmeasuring the CLI and the app on MNIST… ');
  const [cli, app] = [cliThroughput(), await appThroughput()];
  const ratio = cli.samplesPerSec && app.samplesPerSec ? app.samplesPerSec / cli.samplesPerSec : undefined;
  const appVsCli = [
    '## Training in the app against the command line (cpu backend, MNIST)',
    '',
    ...[cli, app].map((t) => `- ${t.name}: ${t.samplesPerSec ? `${t.samplesPerSec.toFixed(0)} samples/s` : `not available: ${t.unavailable}`}`),
    ...(ratio ? [`- the app reaches ${(ratio * 100).toFixed(0)}% of the CLI's speed`] : []),
  ].join('\n');
  console.log(`\n${appVsCli}`);
  const breakdown = primitiveBreakdown();
  console.log(`\n${breakdown}`);
  writeFileSync('bench/results/latest.md', `${markdown}\n${appVsCli}\n\n${breakdown}\n`);
  console.log('\nwrote bench/results/latest.md and latest.json');
}

await main();
