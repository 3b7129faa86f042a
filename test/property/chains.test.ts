/**
 * Property-based tests: random chains of layers, and random mutations of them.
 * Validation must never throw, and the engine's shapes must agree with an
 * independent, brute-force computation written here from the definitions.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDocumentText, loadDocumentValue, type GraphDocument } from '../../engine';
import { chainDocument, type LayerSpec } from '../helpers/graphs';

type Shape = number[];
type PaddingMode = 'valid' | 'same' | 'full' | [number, number, number, number];

// ---- the independent reference -------------------------------------------

/** Count window positions one by one: start at 0, step by s, stop when the window leaves the padded input. */
function bruteForceCount(paddedSize: number, k: number, s: number): number {
  let count = 0;
  for (let start = 0; start + k <= paddedSize; start += s) count++;
  return count;
}

/** Padding on one axis: for `same`, the least total padding giving ceil(n / s) windows (found by search). */
function referencePadding(n: number, k: number, s: number, mode: PaddingMode, axis: 0 | 1): number {
  if (mode === 'valid') return 0;
  if (mode === 'full') return 2 * (k - 1);
  if (mode === 'same') {
    const wanted = Math.ceil(n / s);
    let total = 0;
    while (bruteForceCount(n + total, k, s) < wanted) total++;
    return total;
  }
  return axis === 0 ? mode[0] + mode[1] : mode[2] + mode[3];
}

function referenceWindow(shape: Shape, k: [number, number], s: [number, number], mode: PaddingMode): Shape | undefined {
  if (shape.length !== 3) return undefined;
  const [c, h, w] = shape as [number, number, number];
  const outH = bruteForceCount(h + referencePadding(h, k[0], s[0], mode, 0), k[0], s[0]);
  const outW = bruteForceCount(w + referencePadding(w, k[1], s[1], mode, 1), k[1], s[1]);
  return outH > 0 && outW > 0 ? [c, outH, outW] : undefined;
}

/** The shape after a layer, or undefined where the layer cannot take its input. */
function referenceShape(input: Shape, layer: LayerSpec): Shape | undefined {
  const count = input.reduce((a, b) => a * b, 1);
  switch (layer.type) {
    case 'conv2d':
    case 'locallyConnected2d':
    case 'tiledConv2d': {
      const p = layer.params;
      const out = referenceWindow(input, pair(p.kernelSize), pair(p.strides ?? 1), p.padding ?? 'valid');
      return out && [p.filters, out[1] ?? 0, out[2] ?? 0];
    }
    case 'maxPool2d':
    case 'avgPool2d': {
      const window = pair(layer.params?.poolSize ?? 2);
      return referenceWindow(input, window, pair(layer.params?.strides ?? window), layer.params?.padding ?? 'valid');
    }
    case 'flatten':
      return [count];
    case 'dense':
      return [layer.params.units];
    case 'softmax':
      return input.length === 1 ? input : undefined;
    default:
      return input;
  }
}

const pair = (v: number | readonly [number, number]): [number, number] => (typeof v === 'number' ? [v, v] : [v[0], v[1]]);

// ---- generators -----------------------------------------------------------

const size = (max: number) => fc.integer({ min: 1, max });
const sizePair = (max: number) => fc.oneof(size(max), fc.tuple(size(max), size(max)));
const padding: fc.Arbitrary<PaddingMode> = fc.oneof(
  fc.constantFrom('valid' as const, 'same' as const, 'full' as const),
  fc.tuple(...[0, 0, 0, 0].map(() => fc.integer({ min: 0, max: 3 }))) as fc.Arbitrary<[number, number, number, number]>,
);
const convParams = fc.record({ filters: size(4), kernelSize: sizePair(5), strides: sizePair(3), padding }, { requiredKeys: ['filters', 'kernelSize'] });
const layer: fc.Arbitrary<LayerSpec> = fc.oneof(
  convParams.map((params) => ({ type: 'conv2d', params }) as LayerSpec),
  convParams.map((params) => ({ type: 'locallyConnected2d', params }) as LayerSpec),
  fc.tuple(convParams, sizePair(3)).map(([params, tiles]) => ({ type: 'tiledConv2d', params: { ...params, tiles } }) as LayerSpec),
  fc.record({ poolSize: sizePair(4), strides: sizePair(3), padding }, { requiredKeys: [] }).map((params) => ({ type: 'maxPool2d', params }) as LayerSpec),
  fc.record({ poolSize: sizePair(4), strides: sizePair(3), padding }, { requiredKeys: [] }).map((params) => ({ type: 'avgPool2d', params }) as LayerSpec),
  fc.constantFrom<LayerSpec>({ type: 'relu' }, { type: 'sigmoid' }, { type: 'tanh' }, { type: 'leakyRelu', params: { alpha: 0.2 } }, { type: 'flatten' }, { type: 'dropout', params: { rate: 0.3 } }),
  size(20).map((units) => ({ type: 'dense', params: { units } }) as LayerSpec),
);
const chain = fc.record({
  input: fc.tuple(size(4), size(40), size(40)),
  layers: fc.array(layer, { maxLength: 8 }),
  softmax: fc.boolean(),
});

function buildChain({ input, layers, softmax }: { input: [number, number, number]; layers: LayerSpec[]; softmax: boolean }): GraphDocument {
  return chainDocument(input, softmax ? [...layers, { type: 'softmax' }] : layers);
}

// ---- properties -----------------------------------------------------------

describe('random chains', () => {
  it('shape inference agrees with the brute-force reference, and the first impossible layer is the one reported', () => {
    fc.assert(
      fc.property(chain, (spec) => {
        const doc = buildChain(spec);
        const result = loadDocumentValue(structuredClone(doc));
        let shape: Shape | undefined = [...spec.input];
        for (const node of doc.nodes.slice(1)) {
          shape = referenceShape(shape, node as LayerSpec);
          if (!shape) {
            const errors = result.problems.filter((p) => p.severity === 'error');
            expect(errors.map((p) => p.nodeId)).toEqual([node.id]);
            return;
          }
          const tooLarge = shape.reduce((a, b) => a * b, 1) > 2 ** 27;
          if (tooLarge) return; // the engine refuses it; the size limit is tested elsewhere
          expect(result.analysis?.infoOf.get(node.id)?.outputShape, `node ${node.id} (${node.type})`).toEqual(shape);
        }
        expect(result.problems.filter((p) => p.severity === 'error')).toEqual(
          doc.nodes.length === 1 ? [expect.objectContaining({ code: 'no-output' })] : [],
        );
      }),
      { numRuns: 500 },
    );
  });
});

// ---- mutations ------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value inside a JSON value. */
function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const here = [prefix];
  if (Array.isArray(value)) return here.concat(...value.map((v, i) => pathsOf(v, [...prefix, i])));
  if (value && typeof value === 'object') return here.concat(...Object.entries(value).map(([k, v]) => pathsOf(v, [...prefix, k])));
  return here;
}

function mutate(doc: Json, pick: number, kind: number, replacement: Json): Json {
  const copy = structuredClone(doc);
  const paths = pathsOf(copy).filter((p) => p.length > 0);
  const path = paths[pick % paths.length] ?? [];
  const parent = path.slice(0, -1).reduce<Json>((v, k) => (v as Record<string | number, Json>)[k] as Json, copy) as Record<string | number, Json> | Json[];
  const key = path[path.length - 1] as string | number;
  if (kind === 0 && Array.isArray(parent)) parent.splice(key as number, 1); // delete an item
  else if (kind === 0) delete (parent as Record<string, Json>)[key]; // delete a key
  else if (kind === 1 && Array.isArray(parent)) parent.push(structuredClone(parent[key as number] ?? null)); // duplicate an item
  else (parent as Record<string | number, Json>)[key] = replacement; // replace with random JSON
  return copy;
}

describe('random mutations of valid chains', () => {
  it('never throw, and every problem names a place and says something', () => {
    fc.assert(
      fc.property(chain, fc.nat(), fc.nat(2), fc.jsonValue({ maxDepth: 2 }), (spec, pick, kind, replacement) => {
        const mutated = mutate(buildChain(spec) as unknown as Json, pick, kind, replacement as Json);
        const result = loadDocumentValue(mutated);
        for (const problem of result.problems) {
          expect(Array.isArray(problem.path)).toBe(true);
          expect(problem.message.length).toBeGreaterThan(5);
          expect(problem.message).not.toMatch(/undefined|\[object Object\]|NaN/);
        }
        if (!result.ok) expect(result.problems.some((p) => p.severity === 'error')).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('text edits never throw, and every problem has a line and column', () => {
    fc.assert(
      fc.property(chain, fc.nat(), fc.nat(8), fc.string({ maxLength: 3 }), (spec, at, cut, insert) => {
        const text = JSON.stringify(buildChain(spec), null, 2);
        const position = at % (text.length + 1);
        const edited = text.slice(0, position) + insert + text.slice(position + cut);
        const result = loadDocumentText(edited);
        for (const problem of result.problems) {
          expect(problem.line).toBeGreaterThanOrEqual(1);
          expect(problem.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
