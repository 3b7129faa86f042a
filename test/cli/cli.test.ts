import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convstudio } from '../helpers/cli';

const LENET = 'resources/examples/lenet-5.json';

describe('convstudio summary', () => {
  it('--json reports LeNet-5\'s 44,426 parameters in the documented shape', () => {
    const run = convstudio('summary', LENET, '--json');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.totals).toEqual({ params: 44_426, flops: 563_299 });
    expect(summary.nodes).toHaveLength(14);
    for (const node of summary.nodes) {
      expect(Object.keys(node)).toEqual(expect.arrayContaining(['id', 'type', 'outputShape', 'params', 'flops', 'warnings']));
    }
    const c1 = summary.nodes.find((n: { id: string }) => n.id === 'c1');
    expect(c1).toMatchObject({ type: 'conv2d', outputShape: [6, 24, 24], params: 156, flops: 172_800 });
    expect(Object.keys(c1.matrixEquivalent)).toEqual(['convolution', 'dense', 'sparse']);
    expect(c1.matrixEquivalent.convolution).toEqual({ storedFloats: 150, flops: 169_344 });
  });

  it('prints a Keras-style table with totals', () => {
    const run = convstudio('summary', LENET);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^c1\s+conv2d\s+6×24×24\s+156\s+172,800$/m);
    expect(run.stdout).toMatch(/^Total\s+44,426\s+563,299$/m);
  });

  it('says where a dense layer flattens its input', () => {
    const run = convstudio('summary', 'resources/examples/small-cnn.json');
    expect(run.stdout).toContain('↳ flattens 16×7×7 → 784 implicitly');
    const json = JSON.parse(convstudio('summary', 'resources/examples/small-cnn.json', '--json').stdout);
    expect(json.nodes.find((n: { id: string }) => n.id === 'd1').notes).toEqual(['flattens 16×7×7 → 784 implicitly']);
  });

  it('refuses an invalid document with exit 1 and no table', () => {
    const dir = mkdtempSync(join(tmpdir(), 'convstudio-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ format: 'convstudio-graph', version: 1, name: 'x', nodes: [], edges: [] }));
    const run = convstudio('summary', file, '--json');
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toContain('the graph has no nodes');
  });
});

describe('convstudio validate', () => {
  it('exits 0 for a valid document and prints warnings', () => {
    expect(convstudio('validate', LENET)).toMatchObject({ code: 0, stderr: '' });
    const run = convstudio('validate', 'test/fixtures/v1/every-feature.json');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('valid (6 warnings)');
    expect(run.stderr).toMatch(/every-feature\.json:\d+:\d+: warning: node "lc" at nodes\[3\]\.params\.strides: stride 2 does not tile/);
  });
  it('exits 2 for a file that cannot be read', () => {
    const run = convstudio('validate', 'no/such/file.json');
    expect(run).toMatchObject({ code: 2, stderr: 'cannot read no/such/file.json: no such file\n' });
    expect(convstudio('validate', 'resources')).toMatchObject({ code: 2 });
  });
  it('exits 2 for usage mistakes, with the usage', () => {
    expect(convstudio('validate')).toMatchObject({ code: 2, stderr: expect.stringContaining('Usage:') });
    expect(convstudio('frobnicate')).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command "frobnicate"') });
    expect(convstudio('summary', LENET, '--jsn')).toMatchObject({ code: 2, stderr: expect.stringContaining("Unknown option '--jsn'") });
  });
});

describe('convstudio help and schema', () => {
  it('help lists the commands', () => {
    const run = convstudio('help');
    expect(run.code).toBe(0);
    for (const command of ['validate', 'summary', 'schema']) expect(run.stdout).toContain(`convstudio ${command}`);
  });
  it('schema prints the published JSON Schema', () => {
    const run = convstudio('schema');
    expect(JSON.parse(run.stdout).title).toBe('ConvStudio graph document');
  });
});
