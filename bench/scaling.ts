/**
 * How cost grows with work: LeNet-5 and a small VGG (bench/networks/vgg-small.json,
 * 3×32×32) at batch 32, 64 and 128, on ConvStudio's fastest Node backend
 * (wasm, on the host's helper threads) and on PyTorch CPU (2 threads), in this run. GFLOP/s counts a
 * training step as three forward passes (forward, input gradient, weight
 * gradient), each multiply and each add one operation.
 */
import { loadDocumentValue } from '../engine';
import type { KernelThreads } from '../engine/backend/gpujs/kernelThreads';
import { createWasmBackend } from '../engine/backend/wasm/wasmBackend';
import { summarize } from '../engine/summary';
import { BENCH_NETWORKS, networkStep, type BenchNetwork } from './peers/networks';
import { PeerUnavailable, timeSteps } from './peers/peer';
import { runTorch } from './peers/pytorch';

/** Samples per timed repetition: about a second of work on wasm for each network. */
const SAMPLES_PER_REPETITION: Record<BenchNetwork, number> = { 'lenet-5': 3200, 'vgg-small': 256 };
const BATCHES = [32, 64, 128];
const REPETITIONS = 3;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

function forwardOperations(name: BenchNetwork): number {
  const loaded = loadDocumentValue(BENCH_NETWORKS[name].document);
  if (!loaded.ok) throw new Error(`the benchmark's ${name} document does not load`);
  return summarize(loaded.document, loaded.analysis).totals.flops;
}

export async function scalingTable(threads: KernelThreads): Promise<string> {
  const ourName = `ConvStudio wasm, ${threads.threads} threads`;
  const lines = [
    `## How cost grows: batch size and a larger network (samples/s, median of ${REPETITIONS}; GFLOP/s = samples/s × 3 × forward multiplies and adds)`,
    '',
    `| network | parameters | batch | ${ourName} | GFLOP/s | PyTorch CPU, 2 threads | GFLOP/s | wasm ÷ PyTorch |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const name of Object.keys(BENCH_NETWORKS) as BenchNetwork[]) {
    const operations = 3 * forwardOperations(name);
    for (const batch of BATCHES) {
      const steps = Math.max(1, Math.round(SAMPLES_PER_REPETITION[name] / batch));
      process.stdout.write(`scaling: ${name}, batch ${batch}… `);
      const backend = createWasmBackend({ threads });
      const { step, parameters } = networkStep(backend, name, batch);
      const ours = median(await timeSteps(step, 2, steps, batch));
      backend.destroy();
      let torch: number | undefined;
      let note = '';
      try {
        const run = runTorch(name, batch, 2, steps, REPETITIONS);
        torch = median(run.rates);
        // The same network on both sides, or the comparison means nothing.
        if (run.parameters !== parameters) throw new Error(`${name}: PyTorch's model has ${run.parameters} parameters, ours ${parameters}`);
      } catch (e) {
        if (!(e instanceof PeerUnavailable)) throw e;
        note = e.message;
      }
      console.log(`wasm ${ours.toFixed(0)}, PyTorch ${torch?.toFixed(0) ?? note}`);
      const gflops = (rate: number) => ((rate * operations) / 1e9).toFixed(1);
      lines.push(
        `| ${name} | ${parameters.toLocaleString('en-US')} | ${batch} | ${ours.toFixed(0)} | ${gflops(ours)} | ${torch === undefined ? `not available: ${note}` : torch.toFixed(0)} | ${torch === undefined ? '' : gflops(torch)} | ${torch ? (ours / torch).toFixed(2) : ''} |`,
      );
    }
  }
  return lines.join('\n');
}
