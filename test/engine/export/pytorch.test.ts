/**
 * PyTorch project export, proven equal to the engine with Debian's PyTorch:
 * every example, the every-feature fixture and the mappings' corners
 * (asymmetric and window-sized pads, dilation, kernel sets, batch norm) are
 * exported, and the module's logits match the engine's within 1e-4; the
 * state_dict keys are the node ids; the project's own check.py passes.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDocumentValue, type GraphDocument } from '../../../engine';
import { exportPytorch } from '../../../engine/export/pytorch/exportPytorch';
import { chainDocument, type LayerSpec } from '../../helpers/graphs';
import { ORACLES_REQUIRED, PYTHON, torchAvailable } from '../../helpers/oracles';

const head: LayerSpec[] = [{ type: 'dense', params: { units: 3 } }, { type: 'softmax' }];
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as GraphDocument;

const CASES: [string, GraphDocument][] = [
  ...['lenet-5', 'small-cnn', 'mlp', 'branches', 'shapes-cnn', 'edge-detection', 'lecture-computational-costs'].map((name): [string, GraphDocument] => [name, json(`resources/examples/${name}.json`)]),
  ['every-feature', json('test/fixtures/v1/every-feature.json')],
  ...(['maxPool2d', 'avgPool2d'] as const).map((type): [string, GraphDocument] => [`${type}-large-pads`, chainDocument([2, 5, 5], [{ type, params: { poolSize: 2, strides: 1, padding: [2, 3, 0, 2] } } as LayerSpec, ...head])]),
  ['conv-dilated', chainDocument([2, 9, 10], [{ type: 'conv2d', params: { filters: 3, kernelSize: 3, dilation: [2, 3], strides: 2, padding: 'same' } }, { type: 'relu' }, ...head])],
  ['local-and-tiled', chainDocument([2, 8, 7], [
    { type: 'locallyConnected2d', params: { filters: 3, kernelSize: 3, strides: 2, padding: 'same' } }, { type: 'tanh' },
    { type: 'tiledConv2d', params: { filters: 2, kernelSize: 2, tiles: [2, 3], padding: 'full', useBias: false } }, ...head,
  ])],
  ['batch-norm', chainDocument([3, 6, 6], [
    { type: 'conv2d', params: { filters: 4, kernelSize: 3, padding: 'same', useBias: false } }, { type: 'batchNorm2d', params: { momentum: 0.2, epsilon: 0.001 } },
    { type: 'leakyRelu', params: { alpha: 0.1 } }, { type: 'globalAvgPool2d' }, { type: 'softmax' },
  ])],
];

describe.skipIf(!torchAvailable && !ORACLES_REQUIRED)('PyTorch project export', () => {
  const root = mkdtempSync(join(tmpdir(), 'convstudio-pytorch-'));
  const folders = CASES.map(([name, doc]) => {
    const folder = join(root, name);
    mkdirSync(folder);
    for (const [file, bytes] of exportPytorch(loadDocumentValue(doc).document!).files) writeFileSync(join(folder, file), bytes);
    return folder;
  });
  const run = spawnSync(PYTHON, ['test/oracle/check_pytorch_exports.py', ...folders], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const results = run.status === 0 ? (JSON.parse(run.stdout) as { relativeError: number; keys: string[] }[]) : [];

  it('runs every project (no Python error)', () => {
    expect(run.stderr).toBe('');
    expect(results).toHaveLength(CASES.length);
  });
  it.each(CASES.map(([name], i) => [name, i] as const))('%s: the module’s logits are the engine’s', (_name, i) => {
    expect(results[i]?.relativeError).toBeLessThan(1e-4);
  });
  it('keys the state_dict by node id, in ConvStudio’s names (batch norm’s running statistics too)', () => {
    expect(results[0]?.keys).toEqual(['c1.weight', 'c1.bias', 'c2.weight', 'c2.bias', 'd1.weight', 'd1.bias', 'd2.weight', 'd2.bias', 'd3.weight', 'd3.bias']);
    expect(results.at(-1)?.keys).toEqual(expect.arrayContaining(['n2.weight', 'n2.bias', 'n2.runningMean', 'n2.runningVar']));
  });
  it('the project’s own check.py passes', () => {
    const check = spawnSync(PYTHON, [join(folders[0]!, 'check.py')], { encoding: 'utf8' });
    expect(check.status, check.stderr).toBe(0);
    expect(JSON.parse(check.stdout).relativeError).toBeLessThan(1e-4);
  });
});
