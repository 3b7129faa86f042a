/**
 * Receptive fields against brute force on random graphs: every padding mode
 * (valid, same, full, explicit), strides 1-3, kernels 1-4, max and average
 * pooling, locally-connected and tiled layers, branches joined by add and
 * concat, and a dense end. The brute force perturbs each input pixel (all in
 * one batch, one sample per pixel) and marks the units whose output changes.
 * Weights and inputs are positive, so every unit that reads a pixel, through
 * ReLU and max pooling too, grows when the pixel grows by 100: a change is
 * seen exactly where there is a dependency.
 */
import { describe, expect, it } from 'vitest';
import { analyzeGraph, type GraphDocument } from '../../engine';
import { createCpuBackend } from '../../engine/backend/cpu/cpuBackend';
import { dependsOn, fieldStats, influences } from '../../engine/lessons/receptiveField';
import { Network } from '../../engine/network/network';
import { createRandom, type Random } from '../../engine/network/random';


function padding(random: Random): unknown {
  const modes = ['valid', 'same', 'full', 'explicit'] as const;
  const mode = modes[random.int(modes.length)]!;
  return mode === 'explicit' ? [random.int(3), random.int(3), random.int(3), random.int(3)] : mode;
}

/** A random small graph: a chain of windowed layers and ReLUs, sometimes a branch (add or concat), sometimes a dense end. */
function randomGraph(random: Random, trial: number): GraphDocument {
  const nodes: Record<string, unknown>[] = [{ id: 'in', type: 'input', params: { shape: [1 + random.int(2), 7 + random.int(8), 7 + random.int(8)] } }];
  const edges: { from: string; to: string }[] = [];
  let last = 'in';
  const add = (node: Record<string, unknown>, from: string | string[] = last) => {
    nodes.push(node);
    for (const f of [from].flat()) edges.push({ from: f, to: node['id'] as string });
    last = node['id'] as string;
  };
  const layers = 2 + random.int(3);
  for (let i = 0; i < layers; i++) {
    const id = `n${i}`;
    const kind = random.int(7);
    const kernel = [1 + random.int(4), 1 + random.int(4)];
    const strides = [1 + random.int(3), 1 + random.int(3)];
    if (kind <= 1) add({ id, type: 'conv2d', params: { filters: 1 + random.int(3), kernelSize: kernel, strides, padding: padding(random) } });
    else if (kind === 2) add({ id, type: random.int(2) ? 'maxPool2d' : 'avgPool2d', params: { poolSize: kernel, strides, padding: padding(random) } });
    else if (kind === 3) add({ id, type: 'locallyConnected2d', params: { filters: 1 + random.int(2), kernelSize: kernel, strides, padding: padding(random) } });
    else if (kind === 4) add({ id, type: 'tiledConv2d', params: { filters: 1 + random.int(2), kernelSize: kernel, strides, padding: padding(random), tiles: [2, 2] } });
    else if (kind === 5) add({ id, type: 'relu' });
    else {
      // A branch: two same-size convolutions of the same input, joined.
      const from = last;
      add({ id: `${id}a`, type: 'conv2d', params: { filters: 1 + random.int(2), kernelSize: [1 + random.int(3), 1 + random.int(3)], strides: [1, 1], padding: 'same' } }, from);
      add({ id: `${id}b`, type: 'conv2d', params: { filters: 1 + random.int(2), kernelSize: [1 + random.int(3), 1 + random.int(3)], strides: [1, 1], padding: 'same' } }, from);
      if (random.int(2)) add({ id, type: 'concat' }, [`${id}a`, `${id}b`]);
      else {
        nodes.splice(-1, 1, { ...nodes.at(-1)!, params: { ...(nodes.at(-1)!['params'] as object), filters: (nodes.at(-2)!['params'] as { filters: number }).filters } });
        add({ id, type: 'add' }, [`${id}a`, `${id}b`]);
      }
    }
  }
  if (random.int(4) === 0) {
    add({ id: 'f', type: 'flatten' });
    add({ id: 'd', type: 'dense', params: { units: 3 } });
  }
  return { format: 'convstudio-graph', version: 1, name: `random ${trial}`, nodes, edges } as unknown as GraphDocument;
}

/** Positive weights for every tensor the analysis says a node stores. */
function withPositiveWeights(doc: GraphDocument, random: Random): GraphDocument {
  const analysis = analyzeGraph(doc);
  const weights: Record<string, Record<string, { shape: number[]; data: number[] }>> = {};
  for (const [id, info] of analysis.infoOf) {
    for (const [name, spec] of Object.entries(info.weightShapes ?? {})) {
      const size = spec.shape.reduce((a, b) => a * b, 1);
      (weights[id] ??= {})[name] = { shape: [...spec.shape], data: Array.from({ length: size }, () => 0.1 + random.next()) };
    }
  }
  return { ...doc, weights } as GraphDocument;
}

describe('receptive fields (property test against brute force)', () => {
  it('match the units that change when each input pixel is perturbed, on 120 random graphs, forward and backward', () => {
    const random = createRandom(2026);
    let tested = 0;
    let attempts = 0;
    const seen = new Set<string>();
    while (tested < 120 && attempts < 2000) {
      attempts++;
      const doc = withPositiveWeights(randomGraph(random, attempts), random);
      const analysis = analyzeGraph(doc);
      if (analysis.problems.some((p) => p.severity === 'error')) continue;
      tested++;
      for (const node of doc.nodes) seen.add(typeof (node.params as { padding?: unknown } | undefined)?.padding === 'string' ? `${node.type}:${(node.params as { padding: string }).padding}` : node.type);
      const network = Network.create(doc, analysis, createCpuBackend('float64'), 1);
      const [c, h, w] = analysis.infoOf.get('in')!.outputShape as [number, number, number];
      const pixels = c * h * w;
      const base = Array.from({ length: pixels }, () => 0.1 + random.next());
      const batch = new Float64Array((pixels + 1) * pixels);
      for (let s = 0; s <= pixels; s++) {
        batch.set(base, s * pixels);
        if (s > 0) batch[s * pixels + s - 1]! += 100;
      }
      const x = network.backend.tensor([pixels + 1, c, h, w], batch);
      const outputs = network.forward(x, false, createRandom(0));
      for (let p = 0; p < pixels; p++) {
        const field = influences(doc, analysis, 'in', p);
        for (const [id, out] of outputs) {
          if (id === 'in') continue;
          const values = network.backend.read(out);
          const per = values.length / (pixels + 1);
          const changed = Array.from({ length: per }, (_, u) => (Math.abs(values[(p + 1) * per + u]! - values[u]!) > 1e-9 * (1 + Math.abs(values[u]!)) ? 1 : 0));
          expect(Array.from(field.get(id) ?? new Uint8Array(per)), `${doc.name}, pixel ${p}, node ${id}`).toEqual(changed);
        }
      }
      // Backward: the last node's every unit depends exactly on the pixels whose perturbation changes it.
      const last = analysis.topology.outputId!;
      const lastValues = network.backend.read(outputs.get(last)!);
      const per = lastValues.length / (pixels + 1);
      for (let u = 0; u < per; u++) {
        const want = Array.from({ length: pixels }, (_, p) => (Math.abs(lastValues[(p + 1) * per + u]! - lastValues[u]!) > 1e-9 * (1 + Math.abs(lastValues[u]!)) ? 1 : 0));
        expect(Array.from(dependsOn(doc, analysis, last, u).get('in') ?? new Uint8Array(pixels)), `${doc.name}, unit ${u} of ${last}`).toEqual(want);
      }
    }
    expect(tested).toBe(120);
    // Every kind of layer and padding mode was met.
    for (const kind of ['conv2d:valid', 'conv2d:same', 'conv2d:full', 'conv2d', 'maxPool2d:valid', 'avgPool2d:same', 'locallyConnected2d:full', 'tiledConv2d:valid', 'relu', 'add', 'concat', 'dense']) expect(seen, kind).toContain(kind);
  });

  it('give LeNet-5 c2 a 14×14 field with jump 2 and p2 16×16 with jump 4', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = JSON.parse(readFileSync('resources/examples/lenet-5.json', 'utf8')) as GraphDocument;
    const stats = fieldStats(doc, analyzeGraph(doc));
    expect(stats.get('c2')).toEqual({ rows: { size: 14, jump: 2, start: 0 }, cols: { size: 14, jump: 2, start: 0 } });
    expect(stats.get('p2')).toEqual({ rows: { size: 16, jump: 4, start: 0 }, cols: { size: 16, jump: 4, start: 0 } });
    // Exactly: c2's unit (0, 0, 0) reads input rows and columns 0-13.
    const field = dependsOn(doc, analyzeGraph(doc), 'c2', 0).get('in')!;
    const rows = new Set<number>();
    const cols = new Set<number>();
    field.forEach((f, i) => f && (rows.add(Math.floor(i / 28)), cols.add(i % 28)));
    expect([Math.min(...rows), Math.max(...rows), Math.min(...cols), Math.max(...cols)]).toEqual([0, 13, 0, 13]);
    expect(field.reduce((a, b) => a + b, 0)).toBe(14 * 14);
  });
});

