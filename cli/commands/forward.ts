/** `forward` and `gradients`: one batch through the network, printed as JSON. */
import { createCpuBackend } from '../../engine/backend/cpu/cpuBackend';
import type { Tensor } from '../../engine/backend/backend';
import { Network } from '../../engine/network/network';
import { createRandom } from '../../engine/network/random';
import { lossAndGradients } from '../../engine/training/lossAndGradients';
import { probeActivations } from '../../engine/training/probe';
import { CliError, EXIT, loadDocumentFile, type CliOutput } from '../io';
import { readInputTensor, readLabels } from '../tensorFiles';

export interface BatchOptions {
  file: string;
  input: string | undefined;
  labels?: string | undefined;
  seed: number;
  json: boolean;
}

function setUp(options: BatchOptions, io: CliOutput) {
  if (options.input === undefined) throw new CliError('--input X.json is required: { "shape": [N, C, H, W], "data": [...] }', EXIT.unreadable);
  const { document, analysis } = loadDocumentFile(options.file, io);
  const network = Network.create(document, analysis, createCpuBackend(), options.seed);
  const input = readInputTensor(options.input, network.inputShape, network.inputId);
  return { document, network, input, batch: input.shape[0] ?? 1 };
}

export function forwardCommand(options: BatchOptions, io: CliOutput): number {
  const { network, input, batch } = setUp(options, io);
  const probed = probeActivations(network, input.data, batch);
  if (options.json) {
    const nodes = Object.fromEntries([...probed].map(([id, t]) => [id, { shape: t.shape, data: Array.from(t.data) }]));
    io.out(JSON.stringify({ nodes }));
    return EXIT.ok;
  }
  const rows = [...probed].map(([id, t]) => {
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    for (const v of t.data) {
      min = Math.min(min, v);
      max = Math.max(max, v);
      sum += v;
    }
    return [id, t.shape.join('×'), min.toPrecision(4), (sum / t.data.length).toPrecision(4), max.toPrecision(4)];
  });
  io.out(table(['Node', 'Output (N×…)', 'Min', 'Mean', 'Max'], rows));
  return EXIT.ok;
}

export function gradientsCommand(options: BatchOptions, io: CliOutput): number {
  if (options.labels === undefined) throw new CliError('--labels Y.json is required: { "labels": [int, ...] }', EXIT.unreadable);
  const { document, network, input, batch } = setUp(options, io);
  const output = document.nodes.find((n) => n.id === network.outputId);
  if (output?.type !== 'softmax') throw new CliError(`gradients of the loss need the network to end in a softmax node, but it ends in "${output?.id}" (${output?.type})`);
  const labels = readLabels(options.labels, batch, network.outputClasses);
  const backend = network.backend;
  const x = backend.tensor(input.shape, input.data);
  const pass = lossAndGradients(network, x, labels, createRandom(options.seed), { training: false, inputGradient: true });
  const read = (t: Tensor) => ({ shape: [...t.shape], data: Array.from(backend.read(t)) });
  const params: Record<string, Record<string, { shape: number[]; data: number[] }>> = {};
  for (const { nodeId, param } of network.parameters) {
    if (param.grad) params[nodeId] = { ...params[nodeId], [param.name]: read(param.grad) };
  }
  const result = { loss: pass.loss, params, input: pass.inputGrad ? read(pass.inputGrad) : { shape: input.shape, data: [] } };
  if (options.json) {
    io.out(JSON.stringify(result));
    return EXIT.ok;
  }
  io.out(`loss ${pass.loss.toPrecision(6)} (mean cross-entropy over ${batch} samples)`);
  const norm = (data: number[]) => Math.sqrt(data.reduce((a, v) => a + v * v, 0)).toPrecision(4);
  const rows = Object.entries(params).flatMap(([id, tensors]) => Object.entries(tensors).map(([name, t]) => [`${id}.${name}`, t.shape.join('×'), norm(t.data)]));
  rows.push(['input', result.input.shape.join('×'), norm(result.input.data)]);
  io.out(table(['Gradient of', 'Shape', 'L2 norm'], rows));
  return EXIT.ok;
}

/** A plain-text table: columns of numbers are right-aligned, the rest left-aligned. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const numeric = header.map((_, c) => rows.length > 0 && rows.every((r) => /^[-+]?[\d,.]+(e[-+]?\d+)?%?$|^$/.test(r[c] ?? '')));
  const line = (cells: string[]) =>
    cells.map((cell, c) => (numeric[c] ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
