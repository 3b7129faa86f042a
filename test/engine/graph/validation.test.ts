import { describe, expect, it } from 'vitest';
import { formatProblem, loadDocumentText, loadDocumentValue, type GraphDocument } from '../../../engine';
import { chainDocument, codes, load } from '../../helpers/graphs';

const small = () =>
  chainDocument([1, 8, 8], [
    { id: 'c1', type: 'conv2d', params: { filters: 2, kernelSize: 3 } },
    { id: 'r1', type: 'relu' },
    { id: 'd1', type: 'dense', params: { units: 3 } },
    { id: 'out', type: 'softmax' },
  ]);

function withEdges(doc: GraphDocument, edges: GraphDocument['edges']): GraphDocument {
  return { ...doc, edges };
}

describe('graph errors name the node and the JSON path', () => {
  it('a cycle, written out', () => {
    const doc = small();
    const result = load(withEdges(doc, [...doc.edges, { from: 'r1', to: 'c1' }]));
    const cycle = result.problems.find((p) => p.code === 'cycle');
    expect(cycle).toMatchObject({ nodeId: 'c1', path: ['nodes', 1] });
    expect(cycle?.message).toContain('c1 → r1 → c1');
  });
  it('a loop through 9,999 nodes is found without running out of stack, and written out short', () => {
    const doc = chainDocument([1, 4, 4], Array.from({ length: 9_999 }, () => ({ type: 'relu' as const })));
    doc.edges.push({ from: 'n9999', to: 'n1' });
    const result = load(doc);
    expect(codes(result)).toEqual(['cycle', 'too-many-inputs']);
    expect(result.problems[0]?.message).toContain('n1 → n2 → n3 → n4 → n5 → … (9993 more) … → n9999 → n1');
  });
  it('an edge to a node that does not exist', () => {
    const doc = small();
    const result = load(withEdges(doc, [...doc.edges, { from: 'r1', to: 'ghost' }]));
    expect(result.problems).toContainEqual(expect.objectContaining({ code: 'dangling-edge', path: ['edges', 4, 'to'] }));
  });
  it('an unconnected node, and a node with too many inputs', () => {
    const doc = small();
    doc.nodes.push({ id: 'lonely', type: 'relu' });
    expect(load(doc).problems).toContainEqual(expect.objectContaining({ code: 'unconnected', nodeId: 'lonely', path: ['nodes', 5] }));
    const twice = small();
    twice.edges.push({ from: 'in', to: 'r1' });
    expect(codes(load(twice))).toContain('too-many-inputs');
  });
  it('no input, and two outputs', () => {
    const noInput = small();
    noInput.nodes.shift();
    noInput.edges.shift();
    expect(codes(load(noInput))).toEqual(expect.arrayContaining(['no-input', 'missing-input']));
    const twoOut = small();
    twoOut.nodes.push({ id: 'extra', type: 'dense', params: { units: 2 } });
    twoOut.edges.push({ from: 'r1', to: 'extra' });
    expect(load(twoOut).problems).toContainEqual(expect.objectContaining({ code: 'several-outputs', nodeId: 'extra' }));
  });
  it('weights whose shape does not match, with the expected axes spelled out', () => {
    const doc = { ...small(), weights: { c1: { weight: { shape: [2, 1, 5, 5], data: new Array(50).fill(0) } } } };
    const problem = load(doc).problems.find((p) => p.code === 'weights-shape');
    expect(problem).toMatchObject({ nodeId: 'c1', path: ['weights', 'c1', 'weight', 'shape'] });
    expect(problem?.message).toContain('needs [2, 1, 3, 3] [filters, input channels, kernel height, kernel width]');
  });
  it('training needs a softmax output', () => {
    const doc = small();
    doc.nodes.pop();
    doc.edges.pop();
    expect(codes(load({ ...doc, training: { dataset: 'mnist' } }))).toEqual(['training-needs-softmax']);
    expect(codes(load(doc))).toEqual([]);
  });
});

describe('branches', () => {
  const branchy = (join: 'add' | 'concat', b: { filters: number; kernelSize: number; padding?: 'same' }) => {
    const doc = chainDocument([1, 6, 6], [{ id: 'a', type: 'conv2d', params: { filters: 2, kernelSize: 3, padding: 'same' } }]);
    doc.nodes.push(
      { id: 'b', type: 'conv2d', params: b },
      { id: 'j', type: join },
      { id: 'f', type: 'flatten' },
    );
    doc.edges.push({ from: 'in', to: 'b' }, { from: 'a', to: 'j' }, { from: 'b', to: 'j' }, { from: 'j', to: 'f' });
    return doc;
  };
  it('add of equal shapes passes the shape on; mismatched shapes are refused with both shapes named', () => {
    expect(load(branchy('add', { filters: 2, kernelSize: 1 })).analysis?.infoOf.get('j')?.outputShape).toEqual([2, 6, 6]);
    const bad = load(branchy('add', { filters: 3, kernelSize: 1 }));
    expect(bad.problems).toContainEqual(expect.objectContaining({ code: 'shape-mismatch', nodeId: 'j' }));
    expect(bad.problems.find((p) => p.code === 'shape-mismatch')?.message).toContain('a: 2×6×6, b: 3×6×6');
  });
  it('concat stacks channels, in port order', () => {
    const doc = branchy('concat', { filters: 5, kernelSize: 3, padding: 'same' });
    expect(load(doc).analysis?.infoOf.get('j')?.outputShape).toEqual([7, 6, 6]);
    const edgeToJ = (from: string) => doc.edges.find((e) => e.from === from && e.to === 'j');
    Object.assign(edgeToJ('a') ?? {}, { port: 1 });
    Object.assign(edgeToJ('b') ?? {}, { port: 0 });
    expect(load(doc).analysis?.topology.inputsOf.get('j')).toEqual(['b', 'a']);
    expect(codes(load(branchy('concat', { filters: 5, kernelSize: 3 })))).toContain('shape-mismatch');
  });
  it('a node feeding several others is fine', () => {
    expect(load(branchy('add', { filters: 2, kernelSize: 1 })).problems).toEqual([]);
  });
});

describe('warnings do not stop a graph from being valid', () => {
  it('a stride that drops pixels is a warning naming how many', () => {
    const doc = chainDocument([1, 28, 28], [{ id: 'c', type: 'conv2d', params: { filters: 1, kernelSize: 5, strides: 3 } }]);
    const result = load(doc);
    expect(result.ok).toBe(true);
    expect(result.problems.map((p) => [p.severity, p.nodeId, p.message])).toEqual([
      ['warning', 'c', 'stride 3 does not tile the 28 input rows, so the last 2 rows at the bottom are dropped (2 of 28 rows unread)'],
      ['warning', 'c', 'stride 3 does not tile the 28 input columns, so the last 2 columns at the right are dropped (2 of 28 columns unread)'],
    ]);
  });
});

describe('positions in the source text', () => {
  const text = `{
  "format": "convstudio-graph",
  "version": 1,
  "name": "t",
  "nodes": [
    { "id": "in", "type": "input", "params": { "shape": [1, 3, 3] } },
    { "id": "c1", "type": "conv2d", "params": { "filters": 1, "kernelSize": [5, 5] } }
  ],
  "edges": [{ "from": "in", "to": "c1" }]
}`;
  it('graph errors carry line and column of the offending value', () => {
    const result = loadDocumentText(text);
    expect(result.problems).toEqual([expect.objectContaining({ code: 'kernel-too-large', nodeId: 'c1', line: 7, column: 63 })]);
    expect(formatProblem(result.problems[0] ?? ({} as never), 'net.json')).toBe(
      'net.json:7:63: error: node "c1" at nodes[1].params.kernelSize: kernel 5×5 is larger than its 3×3 input',
    );
  });
  it('schema errors carry the JSON path, node id and a suggestion', () => {
    const result = loadDocumentText(text.replace('"filters"', '"filter"'));
    expect(result.problems).toContainEqual(expect.objectContaining({
      nodeId: 'c1',
      path: ['nodes', 1, 'params', 'filter'],
      line: 7,
      message: 'unknown field "filter" (did you mean "filters"?)',
    }));
  });
  it('an unknown node type lists the known ones', () => {
    const result = loadDocumentText(text.replace('"conv2d"', '"conv2D"'));
    expect(result.problems[0]?.message).toMatch(/^unknown node type "conv2D" \(did you mean "conv2d"\?\); known types: input, conv2d/);
  });
  it('a node type that is an object without toString is named, not thrown on (found by the property test)', () => {
    const doc = { format: 'convstudio-graph', version: 1, name: 'x', nodes: [{ id: 'n', type: { toString: null } }], edges: [] };
    const result = loadDocumentValue(doc);
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.message)).toContainEqual(expect.stringMatching(/^unknown node type \{"toString":null\}; known types: input, conv2d/));
  });
  it('a key given twice is a warning at the second one', () => {
    const result = loadDocumentText(text.replace('"filters": 1,', '"filters": 1, "filters": 1,').replace('[5, 5]', '[3, 3]'));
    expect(result.ok).toBe(true);
    expect(result.problems).toEqual([expect.objectContaining({ code: 'duplicate-key', severity: 'warning', line: 7, path: ['nodes', 1, 'params', 'filters'] })]);
  });
  it('syntax errors carry line and column', () => {
    const result = loadDocumentText(text.replace('"version": 1,', '"version": 1'));
    expect(result).toMatchObject({ ok: false, stage: 'syntax' });
    expect(result.problems[0]).toMatchObject({ line: 4, column: 3, message: expect.stringContaining('expected "," between items') });
  });
});
