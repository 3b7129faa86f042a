/** `convstudio export`: writes an ONNX model onnxruntime runs, and refuses what it cannot do with a clear message. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InferenceSession, Tensor as OrtTensor } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { convstudio } from '../helpers/cli';

describe('convstudio export', () => {
  const folder = mkdtempSync(join(tmpdir(), 'convstudio-export-'));
  it('writes LeNet-5 as ONNX, which onnxruntime runs on a batch of any size', async () => {
    const out = join(folder, 'lenet.onnx');
    const run = convstudio('export', 'resources/examples/lenet-5.json', '--format', 'onnx', '--out', out, '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as { bytes: number; input: string; output: string };
    const bytes = readFileSync(out);
    expect(bytes.length).toBe(summary.bytes);
    const session = await InferenceSession.create(bytes);
    for (const batch of [1, 5]) {
      const result = await session.run({ [summary.input]: new OrtTensor('float32', new Float32Array(batch * 784).fill(0.5), [batch, 1, 28, 28]) });
      const probabilities = Array.from(result[summary.output]?.data as Float32Array);
      expect(probabilities).toHaveLength(batch * 10);
      expect(probabilities.slice(0, 10).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
  });
  it('writes LeNet-5 as a PyTorch project folder', () => {
    const out = join(folder, 'lenet-pytorch');
    const run = convstudio('export', 'resources/examples/lenet-5.json', '--format', 'pytorch', '--out', out, '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ format: 'pytorch', files: ['model.py', 'check.py', 'expected.json', 'weights.safetensors', 'README.md', 'train.py', 'settings.json'], renamed: [] });
    expect(readFileSync(join(out, 'model.py'), 'utf8')).toContain('self.c1 = Conv((6, 1, 5, 5)');
  });
  it('names what is wrong: an unknown format, no --out, a broken document', () => {
    expect(convstudio('export', 'resources/examples/lenet-5.json', '--format', 'tflite', '--out', join(folder, 'x'))).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown format "tflite"; available: onnx, pytorch') });
    expect(convstudio('export', 'resources/examples/lenet-5.json')).toMatchObject({ code: 2, stderr: expect.stringContaining('--out FILE is required') });
    expect(convstudio('export', 'test/malformed/graph-cycle.json', '--out', join(folder, 'y.onnx'))).toMatchObject({ code: 1 });
  });
});
