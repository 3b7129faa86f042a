/**
 * The malformed-document corpus (test/malformed/), run through the real
 * `convstudio validate` in a child process, the way a student meets it.
 *
 * Each file is a small valid document (an input → conv2d → relu → maxPool2d →
 * flatten → dropout → dense → softmax chain, or a small graph with an add and
 * a concat) broken in exactly one way. For every file the CLI must exit with
 * the expected code, never print a stack trace or an internal error, pin every
 * line it prints on stderr to `file:line:column`, and say what is wrong in
 * words a student can act on (the node id and a key word of the message).
 *
 * Adding a file to test/malformed/ without a row here fails the suite.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convstudio } from '../helpers/cli';

const DIR = 'test/malformed';

interface Expectation {
  file: string;
  /** 1: the document has problems; 2: the file cannot be read or is not JSON. */
  exit: 1 | 2;
  /** Fragments stderr must contain. */
  mentions: string[];
}

const CORPUS: Expectation[] = [
  // JSON syntax: exit 2, a line and column for each syntax error.
  { file: 'syntax-trailing-comma.json', exit: 2, mentions: ['JSON syntax error', 'trailing comma', '"]"'] },
  { file: 'syntax-missing-comma.json', exit: 2, mentions: ['JSON syntax error', 'expected "," between items'] },
  { file: 'syntax-unterminated-string.json', exit: 2, mentions: ['unterminated string', 'tiny chain'] },
  { file: 'syntax-single-quotes.json', exit: 2, mentions: ['JSON syntax error', "'name'"] },
  { file: 'syntax-comment.json', exit: 2, mentions: ['comments are not allowed'] },
  { file: 'syntax-truncated.json', exit: 2, mentions: ['unterminated string'] },
  // The engine has a message for this ('the file is empty'); a bare "expected a value" does not say it.
  { file: 'syntax-empty.json', exit: 2, mentions: ['empty'] },
  // Latin-1 "é" (byte 0xE9) in the name: must be pinned to its line and column like any other bad character.
  { file: 'syntax-not-utf8.json', exit: 2, mentions: ['UTF-8'] },

  // Envelope: valid JSON that is not a graph document of a version this build reads.
  { file: 'envelope-top-level-array.json', exit: 1, mentions: ['a graph document is a JSON object', 'an array'] },
  { file: 'envelope-null.json', exit: 1, mentions: ['a graph document is a JSON object', 'null'] },
  { file: 'envelope-wrong-format.json', exit: 1, mentions: ['at format', '"convstudio-graph"', '"convstudio-graf"'] },
  { file: 'envelope-missing-format.json', exit: 1, mentions: ['at format', '"convstudio-graph"', 'missing'] },
  { file: 'envelope-missing-version.json', exit: 1, mentions: ['at version', 'missing'] },
  { file: 'envelope-version-99.json', exit: 1, mentions: ['at version', 'version 99', 'newer ConvStudio'] },
  { file: 'envelope-version-string.json', exit: 1, mentions: ['at version', 'must be 1', '"1"'] },

  // Schema: one field of one node (or of the document) has the wrong type or value.
  { file: 'schema-type-typo-conv2D.json', exit: 1, mentions: ['node "c1"', 'nodes[1].type', 'unknown node type "conv2D"', 'did you mean "conv2d"'] },
  { file: 'schema-type-convolution.json', exit: 1, mentions: ['node "c1"', 'unknown node type "convolution"', 'conv2d'] },
  { file: 'schema-missing-type.json', exit: 1, mentions: ['node "c1"', 'no "type"', 'conv2d'] },
  { file: 'schema-filters-string.json', exit: 1, mentions: ['node "c1"', 'nodes[1].params.filters', 'number', '"six"'] },
  { file: 'schema-filters-negative.json', exit: 1, mentions: ['node "c1"', 'nodes[1].params.filters', 'at least 1', '-6'] },
  { file: 'schema-kernel-fractional.json', exit: 1, mentions: ['node "c1"', 'nodes[1].params.kernelSize', 'whole number', '2.5'] },
  { file: 'schema-param-typo-filter.json', exit: 1, mentions: ['node "c1"', 'unknown field "filter"', 'did you mean "filters"'] },
  { file: 'schema-padding-half.json', exit: 1, mentions: ['node "c1"', 'nodes[1].params.padding', '"half"', '"valid", "same", "full"'] },
  { file: 'schema-padding-three-numbers.json', exit: 1, mentions: ['node "c1"', 'nodes[1].params.padding', '[1,1,1]', '[top, bottom, left, right]'] },
  { file: 'schema-dropout-rate-1.5.json', exit: 1, mentions: ['node "dr"', 'nodes[5].params.rate', 'less than 1', '1.5'] },
  { file: 'schema-missing-nodes.json', exit: 1, mentions: ['"nodes" is missing'] },
  { file: 'schema-edges-not-array.json', exit: 1, mentions: ['at edges', 'expected an array'] },
  { file: 'schema-node-id-with-space.json', exit: 1, mentions: ['node "dense 1"', 'nodes[6].id', 'letters, digits'] },
  // Must name what is allowed, as the padding and node-type messages do.
  { file: 'schema-optimizer-rmsprop.json', exit: 1, mentions: ['training.optimizer', '"rmsprop"', '"sgd"', '"adam"'] },
  { file: 'schema-input-huge.json', exit: 1, mentions: ['node "in"', 'nodes[0].params.shape', '65536', '100000'] },
  { file: 'schema-dense-units-zero.json', exit: 1, mentions: ['node "d1"', 'nodes[6].params.units', 'at least 1', 'got 0'] },

  // Graph: the wiring or the shapes flowing through it.
  { file: 'graph-cycle.json', exit: 1, mentions: ['node "c2"', 'loop', 'c2 → a → c2'] },
  { file: 'graph-self-loop.json', exit: 1, mentions: ['node "a"', 'loop', 'a → a'] },
  { file: 'graph-dangling-edge.json', exit: 1, mentions: ['edges[3].to', '"p2"', 'does not exist'] },
  { file: 'graph-duplicate-id.json', exit: 1, mentions: ['node "r1"', 'nodes[4].id', 'used twice'] },
  { file: 'graph-duplicate-edge.json', exit: 1, mentions: ['edges[3]', 'r1 → p1', 'twice'] },
  { file: 'graph-no-input.json', exit: 1, mentions: ['no input node'] },
  { file: 'graph-two-inputs.json', exit: 1, mentions: ['node "in2"', 'second input'] },
  { file: 'graph-unconnected-node.json', exit: 1, mentions: ['node "lonely"', 'not connected'] },
  { file: 'graph-two-inputs-into-relu.json', exit: 1, mentions: ['node "r1"', 'takes one input but 2', 'c1, in'] },
  { file: 'graph-add-shape-mismatch.json', exit: 1, mentions: ['node "a"', 'one shape', 'c2: 6×8×8', 'r1: 4×8×8'] },
  { file: 'graph-concat-different-heights.json', exit: 1, mentions: ['node "cat"', 'same height and width', 'c3: 2×6×6'] },
  { file: 'graph-kernel-larger-than-input.json', exit: 1, mentions: ['node "c1"', 'nodes[1].params.kernelSize', 'kernel 9×9 is larger than its 8×8 input'] },
  { file: 'graph-pool-larger-than-input.json', exit: 1, mentions: ['node "p1"', 'nodes[3].params.poolSize', 'pool window 7×7 is larger than its 6×6 input'] },
  { file: 'graph-conv-after-flatten.json', exit: 1, mentions: ['node "c1"', 'channels×height×width image', 'flat vector'] },
  { file: 'graph-softmax-fed-image.json', exit: 1, mentions: ['node "out"', 'softmax needs a flat vector', '4×3×3'] },
  { file: 'graph-softmax-not-last.json', exit: 1, mentions: ['node "sm"', 'nothing may follow', 'd2'] },
  { file: 'graph-training-without-softmax.json', exit: 1, mentions: ['node "d1"', 'at training', 'softmax', '(dense)'] },
  { file: 'graph-conv-output-too-large.json', exit: 1, mentions: ['node "c1"', '4×8190×8190', 'more than the limit'] },
  { file: 'graph-locally-connected-too-many-params.json', exit: 1, mentions: ['node "c1"', 'parameters', 'more than the limit'] },
  { file: 'graph-two-dangling-outputs.json', exit: 1, mentions: ['node "d2"', 'feeds nothing', '(d2, out)'] },

  // Stored weights.
  { file: 'weights-unknown-node.json', exit: 1, mentions: ['node "c9"', 'weights.c9', 'does not exist'] },
  { file: 'weights-wrong-shape.json', exit: 1, mentions: ['node "c1"', 'weights.c1.weight.shape', '[4, 3, 3, 1]', '[4, 1, 3, 3]'] },
  { file: 'weights-data-length-mismatch.json', exit: 1, mentions: ['node "c1"', 'weights.c1.weight.data', 'needs 36 numbers', 'holds 35'] },
  { file: 'weights-base64-partial-float.json', exit: 1, mentions: ['node "c1"', 'weights.c1.bias.data', '14 bytes', 'not a whole number of float32'] },
  { file: 'weights-bias-with-usebias-false.json', exit: 1, mentions: ['node "c1"', 'weights.c1.bias', 'useBias is false'] },

  // Robustness: inputs that crash the reader or slip through it.
  // 10,000 nested arrays where nodes[0] belongs: the answer must not depend on the stack's depth.
  { file: 'robust-deep-nesting.json', exit: 1, mentions: ['nested more than 64 levels'] },
  // Weights under the key "__proto__" must be reported (no such node), not silently dropped.
  { file: 'robust-weights-proto-key.json', exit: 1, mentions: ['weights.__proto__', '"__proto__"', 'not allowed'] },
  // 1e400 reads as Infinity: the message must say the number is too large, not "got null".
  { file: 'robust-filters-1e400.json', exit: 1, mentions: ['node "c1"', 'nodes[1].params.filters', 'too large'] },
  // An array of numbers, one of them 1e400: the fault is that number, not the data's type.
  { file: 'robust-weights-data-1e400.json', exit: 1, mentions: ['node "c1"', 'weights.c1.weight.data', 'too large'] },
];

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('the malformed-document corpus', () => {
  const files = readdirSync(DIR).sort();
  const listed = CORPUS.map((c) => c.file);

  it('has at least 30 documents', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
  });
  it('has an expectation for every file, and a file for every expectation', () => {
    expect(files.filter((f) => !listed.includes(f)), 'files in test/malformed/ without a row in CORPUS').toEqual([]);
    expect(listed.filter((f) => !files.includes(f)), 'rows in CORPUS without a file').toEqual([]);
    expect(listed.filter((f, i) => listed.indexOf(f) !== i), 'rows listed twice').toEqual([]);
  });
});

describe('convstudio validate on each malformed document', () => {
  for (const { file, exit, mentions } of CORPUS) {
    it(`${file}: exit ${exit}, ${mentions.join(' / ')}`, () => {
      const path = join(DIR, file);
      const run = convstudio('validate', path);
      const lines = run.stderr.split('\n').filter((line) => line.trim() !== '');
      const place = new RegExp(`^${escapeRegExp(path)}:\\d+:\\d+: (error|warning): `);

      expect.soft(run.code, `exit code; stderr:\n${run.stderr}`).toBe(exit);
      expect.soft(run.stdout, 'nothing on stdout for a document that is not valid').toBe('');
      expect.soft(run.stderr, 'a stack trace').not.toMatch(/^\s+at /m);
      expect.soft(run.stderr, 'an internal error').not.toMatch(/internal error/i);
      expect.soft(lines.some((line) => place.test(line) && line.includes(': error: ')), 'at least one located error').toBe(true);
      expect.soft(lines.filter((line) => !place.test(line)), `lines without ${path}:line:column`).toEqual([]);
      // Look for the fragments in what the CLI says, not in the file name it repeats.
      const said = run.stderr.split(path).join('');
      for (const fragment of mentions) expect.soft(said, `mentions ${fragment}`).toContain(fragment);
    });
  }
});
