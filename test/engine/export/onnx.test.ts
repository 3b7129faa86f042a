/**
 * ONNX export, proven equal to the engine: every node type (each example,
 * the every-feature fixture, and cases for the mappings' corners: pads as
 * large as the window, dilation, kernel sets, batch norm, three-way add) is
 * exported, run in onnxruntime (CPU) on a random batch, and compared with the
 * engine's own forward pass (float32, evaluation mode); every model passes
 * onnx.checker.check_model(full_check=True) from Debian's python3-onnx.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InferenceSession, Tensor as OrtTensor } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { loadDocumentValue } from '../../../engine';
import { exportOnnx } from '../../../engine/export/onnx/exportOnnx';
import { json, ONNX_CASES as CASES } from '../../helpers/onnxCases';
import { engineForward } from '../../helpers/onnxRoundTrip';
import { ORACLES_REQUIRED, PYTHON } from '../../helpers/oracles';
import { relativeError } from '../../helpers/parityCases';

const folder = mkdtempSync(join(tmpdir(), 'convstudio-onnx-'));

describe('ONNX export', () => {
  it.each(CASES)('%s: onnxruntime gives the engine’s output', async (name, doc) => {
    const ours = engineForward(doc);
    const model = exportOnnx(ours.document);
    writeFileSync(join(folder, `${name.replace(/[^A-Za-z0-9]+/g, '-')}.onnx`), model.bytes);
    const session = await InferenceSession.create(model.bytes);
    expect(session.inputNames).toEqual([model.inputName]);
    const result = await session.run({ [model.inputName]: new OrtTensor('float32', ours.input, ours.shape) });
    const theirs = result[model.outputName];
    expect(theirs?.dims).toEqual(ours.outputShape);
    expect(relativeError(Array.from(theirs?.data as Float32Array), ours.output)).toBeLessThan(1e-4);
  });

  it('keeps ConvStudio’s data in metadata_props and node names, not in operator attributes', () => {
    const doc = json('resources/examples/lenet-5.json');
    const { bytes } = exportOnnx(loadDocumentValue(doc).document!);
    const text = Buffer.from(bytes).toString('latin1');
    for (const key of ['convstudio.document.name', 'convstudio.document.version', 'convstudio.nodes', 'LeNet-5']) expect(text).toContain(key);
  });

  it.skipIf(spawnSync(PYTHON, ['-c', 'import onnx'], { encoding: 'utf8' }).status !== 0 && !ORACLES_REQUIRED)('names each node’s last operator after the ConvStudio node (c1 is the Conv, d1 the Gemm after d1/Flatten)', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'convstudio-onnx-names-')), 'lenet.onnx');
    writeFileSync(file, exportOnnx(loadDocumentValue(json('resources/examples/lenet-5.json')).document!).bytes);
    const script = 'import onnx, sys, json\nm = onnx.load(sys.argv[1])\nprint(json.dumps([[n.name, n.op_type, list(n.output)] for n in m.graph.node]))';
    const nodes = JSON.parse(spawnSync(PYTHON, ['-c', script, file], { encoding: 'utf8' }).stdout) as [string, string, string[]][];
    expect(nodes.filter(([, op]) => op === 'Conv').map(([name]) => name)).toEqual(['c1', 'c2']);
    expect(nodes.filter(([, op]) => op === 'Gemm').map(([name]) => name)).toEqual(['d1', 'd2', 'd3']);
    expect(nodes.find(([, op]) => op === 'Flatten')?.[0]).toBe('f');
    expect(nodes.every(([name, , outputs]) => outputs[0] === name)).toBe(true);
  });

  const checker = spawnSync(PYTHON, ['-c', 'import onnx'], { encoding: 'utf8' }).status === 0;
  it.skipIf(!checker && !ORACLES_REQUIRED)('every exported model passes onnx.checker.check_model(full_check=True)', () => {
    const script = [
      'import glob, sys, onnx',
      'files = sorted(glob.glob(sys.argv[1] + "/*.onnx"))',
      'for f in files: onnx.checker.check_model(onnx.load(f), full_check=True)',
      'print(len(files))',
    ].join('\n');
    const run = spawnSync(PYTHON, ['-c', script, folder], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(Number(run.stdout.trim())).toBe(CASES.length);
  });
});
