/**
 * `npm run bench`: LeNet-5 training speed, batch 32, MNIST-shaped input
 * (1×28×28, 10 classes), in samples per second, for ConvStudio's backends and
 * its peers, side by side in one run on one machine: each figure is the
 * median of several timed repetitions after a warm-up. Then how the cost
 * grows (batch 32, 64, 128; a small VGG on 3×32×32) beside PyTorch, one
 * MNIST epoch from the CLI on every Node backend (accuracy, peak memory), the
 * app against the CLI, and where a step's time goes. Only the ratios compare
 * across machines this noisy. Writes bench/results/latest.{md,json}.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, platform, release } from 'node:os';
import { createRequire } from 'node:module';
import type { Backend } from '../engine/backend/backend';
import { createCpuBackend } from '../engine/backend/cpu/cpuBackend';
import type { GpuClass } from '../engine/backend/gpujs/gpuApi';
import { createGpujsBackend } from '../engine/backend/gpujs/gpujsBackend';
import type { KernelThreads } from '../engine/backend/gpujs/kernelThreads';
import { createWasmBackend } from '../engine/backend/wasm/wasmBackend';
import { startNodeKernelThreads } from '../host/kernelHelpers';
import { CHROMIUM, chromiumAvailable, openSuitePage, type ChromiumPage } from './chromium';
import { appThroughput, cliThroughput } from './appVsCli';
import { convnetjsPeer } from './peers/convnetjs';
import { convstudioPeer, lenetStep } from './peers/convstudio';
import { profileBackend } from '../engine/backend/profiledBackend';
import { BATCH, PeerUnavailable, REPETITIONS, type Peer } from './peers/peer';
import { pytorchPeer } from './peers/pytorch';
import { scalingTable } from './scaling';
import { mnistEpoch } from './mnistEpoch';
import { tfjsCpuPeer } from './peers/tfjsCpu';

interface Row {
  name: string;
  ours: boolean;
  median?: number;
  min?: number;
  max?: number;
  unavailable?: string;
}

/**
 * The same LeNet-5 step inside headless Chromium (Playwright, Debian's
 * chromium): the cpu reference, wasm, webasm on one thread and on every core, and
 * webgl2 on SwiftShader, in two pages (two processes: one Chromium process
 * holds only about 125 WebAssembly memories, and a webasm LeNet-5 needs about
 * 50). The repetitions are interleaved, so a burst of other work on the
 * machine slows one repetition of each rather than all of one backend's.
 */
async function chromiumRows(): Promise<Row[]> {
  if (!chromiumAvailable) return [{ name: 'ConvStudio in Chromium', ours: true, unavailable: `no Chromium at ${CHROMIUM}` }];
  type Suite = { convstudio: { startThreads(): Promise<number>; prepareBench(n: string): void; timeSteps(n: string, s: number): number } };
  const backends = [
    { name: 'cpu', steps: 10, page: 0 },
    { name: 'wasm', steps: 20, page: 0 },
    { name: 'gpujs:webasm threaded', steps: 10, page: 0 },
    { name: 'gpujs:webasm', steps: 10, page: 1 },
    { name: 'gpujs:webgl2', steps: 3, page: 1 },
  ];
  const pages: ChromiumPage[] = [];
  try {
    process.stdout.write(`measuring ConvStudio in Chromium (${backends.map((b) => b.name).join(', ')}, interleaved)… `);
    pages.push(await openSuitePage(), await openSuitePage());
    const labels: string[] = [];
    for (const { name, page } of backends) {
      const { page: tab } = pages[page] as ChromiumPage;
      const threads = name.endsWith('threaded') ? await tab.evaluate(() => (globalThis as unknown as Suite).convstudio.startThreads()) : 1;
      labels.push(name.endsWith('threaded') ? `gpujs:webasm, ${threads} threads` : name);
      await tab.evaluate((n) => (globalThis as unknown as Suite).convstudio.prepareBench(n), name);
    }
    const rates: number[][] = backends.map(() => []);
    for (let r = 0; r < REPETITIONS; r++) {
      for (const [i, { name, steps, page }] of backends.entries()) {
        rates[i]?.push(await (pages[page] as ChromiumPage).page.evaluate(([n, s]) => (globalThis as unknown as Suite).convstudio.timeSteps(n, s), [name, steps] as const));
      }
    }
    console.log(labels.map((label, i) => `${label} ${median(rates[i] ?? []).toFixed(0)}`).join(', '));
    return labels.map((label, i) => {
      const values = rates[i] ?? [];
      return { name: `ConvStudio ${label} in Chromium`, ours: true, median: median(values), min: Math.min(...values), max: Math.max(...values) };
    });
  } finally {
    for (const chromium of pages) await chromium.close();
  }
}

/** Milliseconds per training step spent in each primitive on `backend` (synchronous backends only), over 20 steps after 5 warm-up steps. */
function timePerPrimitive(backend: Backend): Map<string, { calls: number; ms: number }> {
  const profiled = profileBackend(backend);
  const step = lenetStep(profiled.backend);
  for (let i = 0; i < 5; i++) step();
  profiled.reset();
  for (let i = 0; i < 20; i++) step();
  const times = new Map(profiled.times().map((t) => [t.name, { calls: t.calls / 20, ms: t.ms / 20 }]));
  backend.destroy?.();
  return times;
}

/** Where a training step's time goes, primitive by primitive, on the CPU reference, wasm and gpujs:webasm (whose kernels run synchronously), on one thread and on all. */
function primitiveBreakdown(GPU: GpuClass, threads: KernelThreads): string {
  const columns = [
    { name: 'cpu', times: timePerPrimitive(createCpuBackend()) },
    { name: 'wasm', times: timePerPrimitive(createWasmBackend()) },
    { name: 'gpujs:webasm', times: timePerPrimitive(createGpujsBackend(GPU, 'webasm')) },
    { name: `gpujs:webasm, ${threads.threads} threads`, times: timePerPrimitive(createGpujsBackend(GPU, 'webasm', { threads })) },
  ];
  const totals = columns.map(({ times }) => [...times.values()].reduce((a, t) => a + t.ms, 0));
  const cpuTimes = columns[0]?.times ?? new Map<string, { calls: number; ms: number }>();
  const names = [...cpuTimes.keys()].filter((name) => columns.some(({ times }, i) => (times.get(name)?.ms ?? 0) / (totals[i] ?? 1) > 0.001));
  const cell = (t: { ms: number } | undefined, all: number) => (t ? `${t.ms.toFixed(2)} (${((100 * t.ms) / all).toFixed(1)}%)` : '');
  return [
    `## Where the time goes (LeNet-5, batch ${BATCH}: ms per step in each primitive, mean of 20 steps)`,
    '',
    `| primitive | calls per step | ${columns.map((c) => c.name).join(' | ')} |`,
    `|---|---:|${columns.map(() => '---:').join('|')}|`,
    ...names.map((name) => `| ${name} | ${cpuTimes.get(name)?.calls ?? 0} | ${columns.map(({ times }, i) => cell(times.get(name), totals[i] ?? 1)).join(' | ')} |`),
    `| all | | ${totals.map((t) => t.toFixed(2)).join(' | ')} |`,
  ].join('\n');
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function main() {
  const cpuList = cpus();
  const machine = `${cpuList[0]?.model ?? 'unknown CPU'}, ${cpuList.length} cores, ${platform()} ${release()}, Node ${process.version}`;
  console.log(`machine: ${machine}`);
  console.log(`LeNet-5 (44,426 parameters), batch ${BATCH}, Adam 0.001: median samples/s of ${REPETITIONS} timed repetitions after a warm-up\n`);

  const GPU = (createRequire(import.meta.url)('gpu.js') as { GPU: GpuClass }).GPU;
  // One helper per further core (at least one, so the threaded rows always run).
  const threads = await startNodeKernelThreads(Math.max(1, availableParallelism() - 1));
  const ours: Peer[] = [
    convstudioPeer('cpu (reference)', () => createCpuBackend()),
    convstudioPeer('wasm', () => createWasmBackend(), 40),
    convstudioPeer(`wasm, ${threads.threads} threads`, () => createWasmBackend({ threads }), 40),
    convstudioPeer('gpujs:webasm', () => createGpujsBackend(GPU, 'webasm'), 5),
    convstudioPeer(`gpujs:webasm, ${threads.threads} threads`, () => createGpujsBackend(GPU, 'webasm', { threads }), 5),
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
  const sections = [`# LeNet-5 training benchmark\n\nMachine: ${machine}\n\nBatch ${BATCH}, Adam 0.001, MNIST-shaped random data; best ConvStudio backend: ${best?.name ?? 'none'}.\n\n${table}`];
  console.log(`\n${table}`);
  mkdirSync('bench/results', { recursive: true });
  const save = (section: string) => {
    sections.push(section);
    console.log(`\n${section}`);
    writeFileSync('bench/results/latest.md', `${sections.join('\n\n')}\n`);
  };
  writeFileSync('bench/results/latest.md', `${sections.join('\n\n')}\n`);

  // The app against the command line, same backend and data, in this run; then the app's own choice.
  process.stdout.write('\nmeasuring the CLI and the app on MNIST (cpu, then the app on auto)… ');
  const [cli, app, appAuto] = [cliThroughput('cpu'), await appThroughput('cpu'), await appThroughput('auto')];
  const ratio = cli.samplesPerSec && app.samplesPerSec ? app.samplesPerSec / cli.samplesPerSec : undefined;
  save(
    [
      '## Training in the app against the command line (MNIST)',
      '',
      ...[cli, app, appAuto].map((t) => `- ${t.name}: ${t.samplesPerSec ? `${t.samplesPerSec.toFixed(0)} samples/s` : `not available: ${t.unavailable}`}`),
      ...(ratio ? [`- on cpu the app reaches ${(ratio * 100).toFixed(0)}% of the CLI's speed`] : []),
    ].join('\n'),
  );

  const rate = (name: string) => rows.find((r) => r.name === name)?.median;
  const bestNode = rows.filter((r) => r.ours && r.median !== undefined && !r.name.endsWith('in Chromium')).sort((a, b) => (b.median ?? 0) - (a.median ?? 0))[0];
  const pytorch = rows.find((r) => r.name.startsWith('PyTorch'))?.median;
  const cpuInChromium = rate('ConvStudio cpu in Chromium');
  const ratioLine = (what: string, ours: number | undefined, theirs: number | undefined, target: number) =>
    ours && theirs ? `- ${what}: ${(ours / theirs).toFixed(2)}× (target ${target}×: ${ours / theirs >= target ? 'met' : 'not met'})` : `- ${what}: not measured here`;
  const targets = [
    '## Targets (issue 19)',
    '',
    ratioLine(`fastest Node backend (${bestNode?.name ?? 'none'}, ${bestNode?.median?.toFixed(0)}) ÷ PyTorch CPU on 2 threads (${pytorch?.toFixed(0)})`, bestNode?.median, pytorch, 0.6),
    ratioLine(`the app's own choice in Chromium (${appAuto.backend ?? 'auto'}, Train button, ${appAuto.samplesPerSec?.toFixed(0)}) ÷ cpu in Chromium (suite page, ${cpuInChromium?.toFixed(0)})`, appAuto.samplesPerSec, cpuInChromium, 1.5),
    ratioLine(`the same ÷ cpu in the app (Train button, ${app.samplesPerSec?.toFixed(0)})`, appAuto.samplesPerSec, app.samplesPerSec, 1.5),
  ].join('\n');
  save(targets);

  save(await scalingTable(threads));

  // One MNIST epoch from the CLI on every Node backend: accuracy and peak memory of the whole process.
  const epochs = ['cpu', 'wasm', 'gpujs:webasm', 'gpujs:cpu'].map((backend) => {
    process.stdout.write(`one MNIST epoch on ${backend}… `);
    const result = mnistEpoch(backend);
    console.log(result.unavailable ?? `${((result.testAccuracy ?? 0) * 100).toFixed(2)}%, ${result.peakRssMB?.toFixed(0)} MB`);
    return result;
  });
  save(
    [
      '## One MNIST epoch of LeNet-5 from the CLI (`train --epochs 1`, batch 32, Adam), under /usr/bin/time -v',
      '',
      '| backend | test accuracy | samples/s | peak RSS (MB) |',
      '|---|---:|---:|---:|',
      ...epochs.map((e) => (e.unavailable ? `| ${e.backend} | not available: ${e.unavailable} | | |` : `| ${e.backend} | ${((e.testAccuracy ?? 0) * 100).toFixed(2)}% | ${e.samplesPerSec?.toFixed(0)} | ${e.peakRssMB?.toFixed(0)} |`)),
    ].join('\n'),
  );

  save(primitiveBreakdown(GPU, threads));
  threads.destroy();
  writeFileSync('bench/results/latest.json', `${JSON.stringify({ machine, batch: BATCH, date: new Date().toISOString(), rows, app: [cli, app, appAuto], epochs }, null, 2)}\n`);
  console.log('\nwrote bench/results/latest.md and latest.json');
}

await main();
