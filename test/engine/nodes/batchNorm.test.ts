/** batchNorm2d's shapes, its statistics saved with the weights, and the document version it brought (2). */
import { describe, expect, it } from 'vitest';
import { analyzeGraph, CURRENT_VERSION, loadDocumentText, loadDocumentValue, versionNeeded } from '../../../engine';
import { documentText } from '../../../renderer/platform/documentActions';
import { createCpuBackend } from '../../../engine/backend/cpu/cpuBackend';
import { migrateDocument, MIGRATIONS } from '../../../engine/graph/migrations';
import { Network } from '../../../engine/network/network';
import { createRandom } from '../../../engine/network/random';
import { Optimizer, resolveOptimizer } from '../../../engine/training/optimizer';
import { chainDocument, lastShape } from '../../helpers/graphs';
import { randomValues } from '../../helpers/network';

const doc = chainDocument([2, 3, 4], [{ id: 'bn', type: 'batchNorm2d', params: { momentum: 0.5 } }, { type: 'flatten' }, { type: 'dense', params: { units: 2 } }, { type: 'softmax' }]);

describe('batchNorm2d', () => {
  it('keeps the shape, counts 2 parameters per channel and keeps its running statistics beside them', () => {
    expect(lastShape([2, 3, 4], [{ type: 'batchNorm2d' }])).toEqual([2, 3, 4]);
    const info = analyzeGraph(doc).infoOf.get('bn');
    expect(info).toMatchObject({ params: 4, flops: 2 * 24 });
    expect(Object.keys(info?.weightShapes ?? {})).toEqual(['weight', 'bias', 'runningMean', 'runningVar']);
  });
  it('refuses a flat vector, naming it', () => {
    expect(lastShape([12], [{ type: 'batchNorm2d' }])).toBe('batchNorm2d normalizes the channels of a channels×height×width image, but its input is a flat vector of 12 values');
  });
  it('normalizes each channel over the batch in training, to mean 0 and variance 1 before its scale (1) and shift (0)', () => {
    const network = Network.create(doc, analyzeGraph(doc), createCpuBackend('float64'), 1);
    const x = network.backend.tensor([2, 2, 3, 4], randomValues(48, 3));
    const y = Array.from(network.backend.read(network.forward(x, true, createRandom(1)).get('bn')!));
    for (const channel of [0, 1]) {
      const values = [0, 1].flatMap((n) => y.slice((n * 2 + channel) * 12, (n * 2 + channel + 1) * 12));
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
      expect(mean).toBeCloseTo(0, 12);
      expect(variance).toBeCloseTo(1, 4); // 1 - ε/(σ² + ε)
    }
  });
  it('saves its running statistics in the document, leaves them to the layer (not the optimizer), and evaluates with them after reloading', () => {
    const backend = createCpuBackend('float64');
    const network = Network.create(doc, analyzeGraph(doc), backend, 1);
    const optimizer = new Optimizer(backend, network.parameters, resolveOptimizer({ type: 'sgd', learningRate: 0.1 }));
    const x = backend.tensor([2, 2, 3, 4], randomValues(48, 5));
    const outputs = network.forward(x, true, createRandom(1));
    const last = network.order.at(-1)!;
    network.backward(new Map([[network.inputsOf.get(last)![0]!, backend.tensor([2, 2], [0.1, -0.1, 0.2, -0.2])]]), false);
    optimizer.step();
    network.release(outputs);
    const saved = network.writeWeights(doc);
    expect(Object.keys(saved.weights?.bn ?? {})).toEqual(['weight', 'bias', 'runningMean', 'runningVar']);
    const reloaded = loadDocumentText(JSON.stringify({ ...saved, version: CURRENT_VERSION }));
    if (!reloaded.ok) throw new Error(JSON.stringify(reloaded.problems));
    const again = Network.create(reloaded.document, reloaded.analysis, backend, 99);
    const evaluate = (n: Network) => Array.from(backend.read(n.forward(backend.tensor([2, 2, 3, 4], randomValues(48, 8)), false, createRandom(1)).get('bn')!));
    // Float32 in the document: equal to its precision.
    evaluate(network).forEach((v, i) => expect(v).toBeCloseTo(evaluate(again)[i] ?? NaN, 5));
    const mean = Array.from(backend.read(network.parameters.find((p) => p.param.name === 'runningMean')!.param.value));
    expect(mean.some((m) => Math.abs(m) > 1e-3)).toBe(true);
  });
});

describe('document version 2', () => {
  const v2 = { ...doc, version: 2 };
  it('is the current version, and a version-1 document loads as it is, upgraded to it', () => {
    expect(CURRENT_VERSION).toBe(2);
    const v1 = { ...chainDocument([1, 4, 4], [{ type: 'flatten' }, { type: 'dense', params: { units: 2 } }, { type: 'softmax' }]), version: 1 };
    expect(migrateDocument(v1)).toEqual({ ok: true, value: { ...v1, version: 2 } });
  });
  it('is the version a document with batch norm is kept and written at', () => {
    expect(versionNeeded(doc)).toBe(2);
    const loaded = loadDocumentValue(doc);
    expect(loaded.ok && loaded.document.version).toBe(2);
    expect(JSON.parse(documentText(doc)).version).toBe(2);
  });
  it('an older ConvStudio (reading up to version 1) says a newer one made a document with batch norm', () => {
    const older = MIGRATIONS.filter((m) => m.from < 1);
    expect(migrateDocument(v2, older, 1)).toMatchObject({ ok: false, problems: [{ path: ['version'], message: expect.stringContaining('written by a newer ConvStudio') }] });
  });
});
