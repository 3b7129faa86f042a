/**
 * A corpus of hostile graph documents, generated (never committed) from the
 * bundled examples by a seeded generator: each is an example with one to three
 * mutations, drawn from what a class of thirty hands in or a hostile file
 * holds. Text mutations (truncation, flipped characters, duplicated keys,
 * deep nesting) and value mutations at a random place in the document (wrong
 * types, deleted or unknown keys, huge arrays, huge weights, absurd sizes,
 * duplicate ids, cycles, unicode ids). The same seed gives the same corpus in
 * Node and, sent over, in the page.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRandom, type Random } from '../../engine/network/random';

export interface HostileDocument {
  /** A file name that says what was done to which example: `0042-lenet-5-truncate+wrong-type.json`. */
  name: string;
  text: string;
}

const EXAMPLES_FOLDER = 'resources/examples';

export function exampleTexts(): { name: string; text: string }[] {
  return readdirSync(EXAMPLES_FOLDER).filter((f) => f.endsWith('.json')).sort().map((f) => ({ name: f.replace(/\.json$/, ''), text: readFileSync(join(EXAMPLES_FOLDER, f), 'utf8') }));
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type ValueMutation = (doc: { [key: string]: Json }, random: Random) => void;
type TextMutation = (text: string, random: Random) => string;

const pick = <T>(random: Random, items: readonly T[]): T => items[random.int(items.length)]!;

const STRANGE_IDS = ['', ' ', 'c1', 'in', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'ünïcödé', '卷积', '😀🧠', '\u202Eevil', 'zero\u200Bwidth', 'a'.repeat(5000), 'new\nline', 'tab\tid', '"quoted"', '../../etc', '\uD800', 'NaN', '0'];
const WRONG_VALUES: Json[] = [null, true, false, 0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, '', 'x', 'NaN', 'Infinity', [], {}, [[]], [null], { a: 1 }, 'é'.repeat(300), [1, 2, 3]];

/** Every place in the document (as a path), so a mutation can land anywhere. */
function allPaths(value: Json, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((v, i) => allPaths(v, [...path, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) allPaths(v, [...path, k], out);
  return out;
}

function valueAt(root: Json, path: readonly (string | number)[]): Json {
  let value = root;
  for (const key of path) value = (value as Record<string, Json>)[key as string] as Json;
  return value;
}

function setAt(root: Json, path: readonly (string | number)[], replace: (old: Json) => Json | undefined): void {
  if (path.length === 0) return;
  const parent = valueAt(root, path.slice(0, -1));
  const last = path[path.length - 1]!;
  const container = parent as Record<string | number, Json>;
  const next = replace(container[last] as Json);
  if (next === undefined) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete container[last];
  } else container[last] = next;
}

const randomPath = (doc: Json, random: Random) => pick(random, allPaths(doc).filter((p) => p.length > 0));
const isObject = (v: Json | undefined): v is { [key: string]: Json } => v !== null && typeof v === 'object' && !Array.isArray(v);
// The nodes that are still objects (an earlier mutation may have replaced some).
const nodesOf = (doc: { [key: string]: Json }) => (Array.isArray(doc.nodes) ? doc.nodes.filter(isObject) : []);
const edgesOf = (doc: { [key: string]: Json }) => (Array.isArray(doc.edges) ? doc.edges : []);

const VALUE_MUTATIONS: Record<string, ValueMutation> = {
  'wrong-type': (doc, random) => setAt(doc, randomPath(doc, random), () => structuredClone(pick(random, WRONG_VALUES))),
  'delete-key': (doc, random) => setAt(doc, randomPath(doc, random), () => undefined),
  'unknown-key': (doc, random) => {
    const target = pick(random, allPaths(doc).map((p) => valueAt(doc, p)).filter(isObject));
    target[pick(random, ['extra', 'Params', 'ID', 'weights', 'toString', ''])] = pick(random, WRONG_VALUES);
  },
  'huge-number': (doc, random) => {
    const numbers = allPaths(doc).filter((p) => typeof valueAt(doc, p) === 'number');
    if (numbers.length > 0) setAt(doc, pick(random, numbers), () => pick(random, [1e9, 2 ** 31, 2 ** 40, -(2 ** 31), 1e300, 0, -0, 65536, 46341, 1e-300]));
  },
  'huge-array': (doc, random) => setAt(doc, randomPath(doc, random), () => Array.from({ length: pick(random, [10, 1000, 20_000]) }, (_, i) => pick(random, [i, 0, 'n', null]))),
  'huge-weights': (doc, random) => {
    const node = pick(random, nodesOf(doc));
    const id = typeof node?.id === 'string' ? node.id : 'c1';
    const length = pick(random, [1, 7, 1000, 20_000]);
    const weights = { kernel: { shape: pick(random, [[length], [1e9], [2 ** 31, 2], [-1], [0], [length, 0]]), data: pick(random, ['A'.repeat(length * 4 - ((length * 4) % 4)), 'AAA', 'not base64!', Array.from({ length: Math.min(length, 5000) }, () => random.normal())]) } };
    doc.weights = { ...(doc.weights as object), [id]: weights as Json };
  },
  'duplicate-id': (doc, random) => {
    const nodes = nodesOf(doc);
    if (nodes.length > 0) nodes.splice(random.int(nodes.length + 1), 0, structuredClone(pick(random, nodes)));
  },
  'unicode-id': (doc, random) => {
    const node = pick(random, nodesOf(doc));
    if (!node) return;
    const old = node.id;
    const id = pick(random, STRANGE_IDS);
    node.id = id;
    // Rename the edges too half the time, so some documents are consistent and reach the analysis.
    if (random.next() < 0.5) for (const edge of edgesOf(doc).filter(isObject)) for (const end of ['from', 'to']) if (edge[end] === old) edge[end] = id;
  },
  cycle: (doc, random) => {
    const nodes = nodesOf(doc);
    const edges = edgesOf(doc);
    if (nodes.length < 2) return;
    // From a late node back to an early one (a loop through the graph), or a node to itself.
    const self = pick(random, nodes).id ?? null;
    edges.push(random.next() < 0.3 ? { from: self, to: self } : { from: nodes[nodes.length - 1]!.id ?? null, to: nodes[1]!.id ?? null });
  },
  'dangling-edge': (doc, random) => {
    const edge = pick(random, edgesOf(doc).filter(isObject));
    if (edge) edge[pick(random, ['from', 'to'])] = pick(random, STRANGE_IDS);
  },
  'many-nodes': (doc, random) => {
    const nodes = nodesOf(doc);
    const count = pick(random, [500, 10_001]);
    for (let i = 0; i < count; i++) nodes.push({ id: `extra${i}`, type: 'relu' });
  },
  'shuffle-nodes': (doc, random) => {
    const nodes = nodesOf(doc);
    for (let i = nodes.length - 1; i > 0; i--) {
      const j = random.int(i + 1);
      [nodes[i], nodes[j]] = [nodes[j]!, nodes[i]!];
    }
  },
  'swap-types': (doc, random) => {
    const node = pick(random, nodesOf(doc));
    if (node) node.type = pick(random, ['conv2d', 'dense', 'input', 'relu', 'maxPool2d', 'softmax', 'concat', 'add', 'flatten', 'batchNorm2d', 'Conv2D', 'lstm', '']);
  },
  'future-version': (doc, random) => {
    doc.version = pick(random, [0, 3, 99, -1, 1.5, '2']);
  },
};

const TEXT_MUTATIONS: Record<string, TextMutation> = {
  truncate: (text, random) => text.slice(0, random.int(text.length)),
  'flip-chars': (text, random) => {
    const chars = [...text];
    const flips = 1 + random.int(6);
    for (let i = 0; i < flips; i++) chars[random.int(chars.length)] = pick(random, ['{', '}', '[', ']', ',', ':', '"', '\\', '0', 'e', '-', ' ', '\u0000', 'é', '😀', '\uFEFF', '\n', 'n']);
    return chars.join('');
  },
  'duplicate-key': (text, random) => {
    const at = text.indexOf('"name"');
    return at < 0 ? text : `${text.slice(0, at)}"name": ${JSON.stringify(pick(random, ['twice', 1, null]))}, ${text.slice(at)}`;
  },
  'deep-nesting': (text, random) => {
    const depth = pick(random, [30, 70, 5000]);
    return text.replace('"nodes":', `"deep": ${'['.repeat(depth)}${']'.repeat(depth)}, "nodes":`);
  },
  'comments-and-commas': (text, random) => pick(random, [`// homework\n${text}`, text.replace(/\n}\s*$/, ',\n}'), text.replace('{', '{ /* note */ ')]),
  'not-json': (_text, random) => pick(random, ['', ' ', 'null', '[]', '42', '"graph"', 'undefined', '<html><body>404</body></html>', 'PK\u0003\u0004binary', '\uFEFF{}', '{"format":"convstudio-graph"}', 'format: convstudio-graph\nversion: 1\n']),
};

/** `count` hostile documents; the first `count / 7` or so come from each example in turn. */
export function hostileDocuments(count: number, seed = 20): HostileDocument[] {
  const random = createRandom(seed);
  const examples = exampleTexts();
  const valueNames = Object.keys(VALUE_MUTATIONS);
  const textNames = Object.keys(TEXT_MUTATIONS);
  const corpus: HostileDocument[] = [];
  for (let i = 0; i < count; i++) {
    const example = examples[i % examples.length]!;
    const doc = JSON.parse(example.text) as { [key: string]: Json };
    const applied: string[] = [];
    const valueCount = random.int(3); // 0, 1 or 2 changes to the value…
    for (let k = 0; k < valueCount; k++) {
      const name = pick(random, valueNames);
      VALUE_MUTATIONS[name]!(doc, random);
      applied.push(name);
    }
    let text = JSON.stringify(doc, null, random.next() < 0.5 ? 2 : undefined);
    // …and then, for most, one to the text (always one when the value was left alone).
    if (valueCount === 0 || random.next() < 0.4) {
      const name = pick(random, textNames);
      text = TEXT_MUTATIONS[name]!(text, random);
      applied.push(name);
    }
    corpus.push({ name: `${String(i).padStart(5, '0')}-${example.name}-${applied.join('+')}.json`, text });
  }
  return corpus;
}
