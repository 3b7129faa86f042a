import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CURRENT_VERSION,
  decodeTensorData,
  encodeTensor,
  loadDocumentText,
  migrateDocument,
  toJsonSchema,
  type Migration,
} from '../../../engine';

const EXAMPLES = 'resources/examples';
const SCHEMA_FILE = `resources/schema/convstudio-graph.v${CURRENT_VERSION}.schema.json`;
const read = (path: string) => readFileSync(path, 'utf8');
const jsonFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => `${dir}/${f}`);

describe('version-1 fixtures', () => {
  it.each(jsonFiles('test/fixtures/v1'))('%s still loads, with every node type', (file) => {
    const result = loadDocumentText(read(file));
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(result.ok).toBe(true);
    const types = new Set(result.document?.nodes.map((n) => n.type));
    expect([...types].sort()).toEqual([
      'add', 'avgPool2d', 'concat', 'conv2d', 'dense', 'dropout', 'flatten', 'input', 'leakyRelu',
      'locallyConnected2d', 'maxPool2d', 'relu', 'sigmoid', 'softmax', 'tanh', 'tiledConv2d',
    ]);
  });
});

describe('examples', () => {
  const files = jsonFiles(EXAMPLES);
  it('include LeNet-5, a small CNN, an MLP, a branch and the edge detector', () => {
    expect(files.map((f) => f.replace(`${EXAMPLES}/`, '')).sort()).toEqual(
      expect.arrayContaining(['branches.json', 'edge-detection.json', 'lenet-5.json', 'mlp.json', 'small-cnn.json']),
    );
  });
  it.each(files)('%s validates without errors', (file) => {
    const result = loadDocumentText(read(file));
    expect(result.problems).toEqual([]);
  });
  it('the edge detector carries the lecture kernel as fixed weights', () => {
    const result = loadDocumentText(read(`${EXAMPLES}/edge-detection.json`));
    const conv = result.document?.nodes.find((n) => n.type === 'conv2d');
    expect(conv?.type === 'conv2d' && conv.params.trainable).toBe(false);
    const weight = result.document?.weights?.[conv?.id ?? '']?.['weight'];
    expect(weight && decodeTensorData(weight.data)).toEqual({ ok: true, values: Float32Array.from([-1, -1, -1, -1, 8, -1, -1, -1, -1]) });
  });
});

describe('the published JSON Schema', () => {
  it(`${SCHEMA_FILE} is up to date with engine/graph/schema.ts (npm run build:schema)`, () => {
    expect(JSON.parse(read(SCHEMA_FILE))).toEqual(toJsonSchema());
  });
  it('accepts every example and fixture, and rejects what the schema rejects (checked by Ajv, an independent validator)', () => {
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(JSON.parse(read(SCHEMA_FILE)));
    for (const file of [...jsonFiles(EXAMPLES), ...jsonFiles('test/fixtures/v1')]) {
      expect(validate(JSON.parse(read(file))), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    const lenet = JSON.parse(read(`${EXAMPLES}/lenet-5.json`));
    expect(validate({ ...lenet, nodes: [...lenet.nodes, { id: 'x', type: 'conv3d' }] })).toBe(false);
    expect(validate({ ...lenet, version: CURRENT_VERSION + 1 })).toBe(false);
    expect(validate({ ...lenet, extra: true })).toBe(false);
  });
});

describe('migrations', () => {
  const v1 = JSON.parse(read(`${EXAMPLES}/lenet-5.json`));
  it('leaves a current document as it is', () => {
    const current = { ...v1, version: CURRENT_VERSION };
    expect(migrateDocument(current)).toEqual({ ok: true, value: current });
  });
  it('runs version by version up to the target', () => {
    // A made-up future: v1 → v2 renames `name` to `title`, v2 → v3 adds `tags`.
    const chain: Migration[] = [
      { from: 2, migrate: (doc) => ({ ...doc, tags: [] }) },
      { from: 1, migrate: ({ name, ...doc }) => ({ ...doc, title: name }) },
    ];
    const migrated = migrateDocument(v1, chain, 3);
    expect(migrated.ok && migrated.value).toMatchObject({ version: 3, title: 'LeNet-5', tags: [] });
    expect(migrated.ok && 'name' in migrated.value).toBe(false);
  });
  it('names a missing step and refuses documents from a newer version', () => {
    expect(migrateDocument(v1, [], 2)).toMatchObject({ ok: false, problems: [{ message: 'no migration from version 1 to 2' }] });
    expect(migrateDocument({ ...v1, version: 7 })).toMatchObject({ ok: false, problems: [{ path: ['version'], message: expect.stringContaining('newer ConvStudio') }] });
  });
});

describe('stored tensors', () => {
  it('round-trip through base64 little-endian float32 exactly', () => {
    fc.assert(
      fc.property(fc.float32Array({ noDefaultInfinity: true, noNaN: true, maxLength: 50 }), (values) => {
        const decoded = decodeTensorData(encodeTensor([values.length || 1], values).data);
        expect(decoded.ok && Array.from(decoded.values)).toEqual(Array.from(values));
      }),
    );
  });
  it('decode a known base64 string (1.0, -2.5 little-endian)', () => {
    expect(decodeTensorData('AACAPwAAIMA=')).toEqual({ ok: true, values: Float32Array.from([1, -2.5]) });
    expect(decodeTensorData('AACAPwAAIMA')).toEqual({ ok: true, values: Float32Array.from([1, -2.5]) });
  });
  it('refuse base64 that is not a whole number of floats', () => {
    expect(decodeTensorData('AACAPwA=')).toMatchObject({ ok: false, message: expect.stringContaining('5 bytes') });
  });
});
