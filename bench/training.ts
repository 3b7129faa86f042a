/**
 * `npm run bench`: LeNet-5 training speed, batch 32, MNIST-shaped input
 * (1×28×28, 10 classes), in samples per second: the median of several timed
 * repetitions after a warm-up, with the machine it ran on. Peers (other
 * backends, PyTorch, ConvNetJS, TensorFlow.js) join this table as they land,
 * run side by side in the same process, because only ratios compare across
 * machines this noisy.
 */
import { readFileSync } from 'node:fs';
import { cpus, platform, release } from 'node:os';
import { loadDocumentText } from '../engine';
import { createCpuBackend } from '../engine/backend/cpu/cpuBackend';
import type { Backend } from '../engine/backend/backend';
import { Network } from '../engine/network/network';
import { createRandom } from '../engine/network/random';
import { lossAndGradients } from '../engine/training/lossAndGradients';
import { Optimizer, resolveOptimizer } from '../engine/training/optimizer';

const BATCH = 32;
const WARMUP_STEPS = 5;
const STEPS_PER_REPETITION = 20;
const REPETITIONS = 5;

function lenet() {
  const loaded = loadDocumentText(readFileSync('resources/examples/lenet-5.json', 'utf8'));
  if (!loaded.ok) throw new Error('lenet-5.json does not load');
  return loaded;
}

/** Samples per second of each repetition. */
function measure(backend: Backend): number[] {
  const { document, analysis } = lenet();
  const network = Network.create(document, analysis, backend, 1);
  const optimizer = new Optimizer(backend, network.parameters, resolveOptimizer({ type: 'adam', learningRate: 0.001 }));
  const random = createRandom(2);
  const input = new Float32Array(BATCH * 784).map(() => random.next());
  const labels = Int32Array.from({ length: BATCH }, () => random.int(10));
  const step = () => {
    const x = backend.tensor([BATCH, 1, 28, 28], input);
    const pass = lossAndGradients(network, x, labels, random);
    optimizer.step();
    network.release(pass.outputs);
    if (pass.inputGrad) backend.dispose(pass.inputGrad);
    backend.dispose(x);
  };
  for (let i = 0; i < WARMUP_STEPS; i++) step();
  const rates: number[] = [];
  for (let r = 0; r < REPETITIONS; r++) {
    const start = performance.now();
    for (let i = 0; i < STEPS_PER_REPETITION; i++) step();
    rates.push((STEPS_PER_REPETITION * BATCH) / ((performance.now() - start) / 1000));
  }
  return rates;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

const cpuList = cpus();
console.log(`machine: ${cpuList[0]?.model ?? 'unknown CPU'}, ${cpuList.length} cores, ${platform()} ${release()}, Node ${process.version}`);
console.log(`LeNet-5 (44,426 parameters), batch ${BATCH}, Adam; median of ${REPETITIONS} × ${STEPS_PER_REPETITION} steps after ${WARMUP_STEPS} warm-up steps\n`);
const peers: [string, () => Backend][] = [['ConvStudio cpu (float32)', () => createCpuBackend()]];
const rows = peers.map(([name, make]) => {
  const rates = measure(make());
  return { name, median: median(rates), min: Math.min(...rates), max: Math.max(...rates) };
});
const width = Math.max(...rows.map((r) => r.name.length));
console.log(`${'peer'.padEnd(width)}  samples/s (median)  range`);
for (const r of rows) console.log(`${r.name.padEnd(width)}  ${r.median.toFixed(0).padStart(19)}  ${r.min.toFixed(0)}–${r.max.toFixed(0)}`);
