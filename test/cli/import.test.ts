/** `convstudio import`: an ONNX model back to a document (and its timing), and broken or unsupported files refused with one line, exit code 1. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDocumentValue } from '../../engine';
import { convstudio } from '../helpers/cli';
import { brokenModels } from '../helpers/brokenOnnx';

describe('convstudio import', () => {
  const folder = mkdtempSync(join(tmpdir(), 'convstudio-import-'));
  it('reads LeNet-5’s ONNX export back to a document that loads, laid out', () => {
    const model = join(folder, 'lenet.onnx');
    expect(convstudio('export', 'resources/examples/lenet-5.json', '--format', 'onnx', '--out', model).code).toBe(0);
    const out = join(folder, 'lenet.json');
    const run = convstudio('import', model, '--out', out, '--json');
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toMatchObject({ nodes: 14, opset: 17, producer: 'ConvStudio' });
    const loaded = loadDocumentValue(JSON.parse(readFileSync(out, 'utf8')));
    expect(loaded.problems).toEqual([]);
    expect(Object.keys(loaded.document!.view!.positions!)).toHaveLength(14);
  });

  const corpus = brokenModels();
  it(`refuses ${corpus.length} broken or unsupported files with one line each and exit code 1`, () => {
    expect(corpus.length).toBeGreaterThanOrEqual(30);
    for (const { name, bytes, expect: says } of corpus) {
      const file = join(folder, name);
      writeFileSync(file, bytes);
      const run = convstudio('import', file, '--out', join(folder, `${name}.json`));
      expect({ name, code: run.code, stdout: run.stdout }).toEqual({ name, code: 1, stdout: '' });
      expect(run.stderr.trim().split('\n'), name).toHaveLength(1);
      expect(run.stderr, name).toMatch(says);
      expect(run.stderr, name).not.toMatch(/\n\s+at /);
    }
  });

  it('names a missing file and a missing --out', () => {
    expect(convstudio('import', join(folder, 'nope.onnx'), '--out', join(folder, 'x.json'))).toMatchObject({ code: 2, stderr: expect.stringContaining('ENOENT') });
    expect(convstudio('import', 'x.onnx')).toMatchObject({ code: 2, stderr: expect.stringContaining('--out DOC.json is required') });
  });
});
