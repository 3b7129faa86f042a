/** Switching a node's type in place: same id, edges and position; shared parameters kept; weights that no longer fit dropped. */
import { describe, expect, it } from 'vitest';
import { analyzeGraph, encodeTensor, type GraphDocument, type GraphNode } from '../../engine';
import { ACTIVATION_TYPES, CONV_TYPES, switchableTypes, switchNodeType } from '../../renderer/graph/switchType';
import { createDocumentStore } from '../../renderer/store/documentStore';
import { TEMPLATES } from '../../renderer/templates';

const template = (file: string) => structuredClone(TEMPLATES.find((t) => t.file === file)?.document as GraphDocument);
const nodeOf = (doc: GraphDocument, id: string) => doc.nodes.find((n) => n.id === id) as GraphNode;
const indexOf = (doc: GraphDocument, id: string) => doc.nodes.findIndex((n) => n.id === id);

/** LeNet-5 with trained-looking weights stored for c1 (weight [6, 1, 5, 5], bias [6]). */
function lenetWithWeights(): GraphDocument {
  const doc = template('lenet-5.json');
  return {
    ...doc,
    weights: {
      c1: { weight: encodeTensor([6, 1, 5, 5], new Float32Array(150).fill(0.5)), bias: { shape: [6], data: [1, 2, 3, 4, 5, 6] } },
      d3: { bias: { shape: [10], data: Array.from({ length: 10 }, (_, i) => i) } },
    },
  };
}

function expectSameWiring(before: GraphDocument, after: GraphDocument, id: string) {
  expect(indexOf(after, id)).toBe(indexOf(before, id));
  expect(after.edges).toEqual(before.edges);
  expect(after.view).toEqual(before.view);
  expect(after.nodes.filter((n) => n.id !== id)).toEqual(before.nodes.filter((n) => n.id !== id));
}

describe('switchNodeType: activations', () => {
  it.each(['leakyRelu', 'sigmoid', 'tanh'] as const)('turns relu r2 into %s in place', (type) => {
    const before = template('lenet-5.json');
    const after = switchNodeType(before, 'r2', type);
    expectSameWiring(before, after, 'r2');
    expect(nodeOf(after, 'r2')).toEqual(type === 'leakyRelu' ? { id: 'r2', type, params: { alpha: 0.01 } } : { id: 'r2', type });
    expect(analyzeGraph(after).problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('drops leakyRelu alpha going back to relu, and keeps a label', () => {
    const doc = template('lenet-5.json');
    doc.nodes[indexOf(doc, 'r1')] = { id: 'r1', type: 'leakyRelu', label: 'soft', params: { alpha: 0.2 } };
    expect(nodeOf(switchNodeType(doc, 'r1', 'relu'), 'r1')).toEqual({ id: 'r1', type: 'relu', label: 'soft' });
    expect(nodeOf(switchNodeType(doc, 'r1', 'tanh'), 'r1')).toEqual({ id: 'r1', type: 'tanh', label: 'soft' });
  });
});

describe('switchNodeType: convolutions', () => {
  it('keeps filters, kernel, strides, padding, useBias and trainable; tiledConv2d gets 2×2 tiles', () => {
    const before = template('edge-detection.json');
    const tiled = switchNodeType(before, 'edges', 'tiledConv2d');
    expectSameWiring(before, tiled, 'edges');
    expect(nodeOf(tiled, 'edges')).toEqual({
      id: 'edges',
      type: 'tiledConv2d',
      label: 'Edge detection',
      params: { filters: 1, kernelSize: [3, 3], strides: [1, 1], padding: 'same', useBias: false, trainable: false, tiles: [2, 2] },
    });
    const local = switchNodeType(tiled, 'edges', 'locallyConnected2d');
    expect(nodeOf(local, 'edges')).toEqual({
      id: 'edges',
      type: 'locallyConnected2d',
      label: 'Edge detection',
      params: { filters: 1, kernelSize: [3, 3], strides: [1, 1], padding: 'same', useBias: false, trainable: false },
    });
    expect(nodeOf(switchNodeType(local, 'edges', 'conv2d'), 'edges')).toEqual(nodeOf(before, 'edges'));
  });

  it('drops the weights that no longer fit and keeps the ones that do', () => {
    const doc = lenetWithWeights();
    const tiled = switchNodeType(doc, 'c1', 'tiledConv2d');
    // A tiled convolution's weight is [tiles, tiles, filters, channels, kH, kW]; its bias is still one per filter.
    expect(tiled.weights?.['c1']).toEqual({ bias: { shape: [6], data: [1, 2, 3, 4, 5, 6] } });
    const local = switchNodeType(doc, 'c1', 'locallyConnected2d');
    expect(local.weights?.['c1']).toBeUndefined();
    // Other nodes' weights are left alone.
    expect(local.weights?.['d3']).toEqual(doc.weights?.['d3']);
    expect(analyzeGraph(local).problems.filter((p) => p.code.startsWith('weights'))).toEqual([]);
  });

  it('drops the edge detector kernel when the layer stops sharing it', () => {
    const after = switchNodeType(template('edge-detection.json'), 'edges', 'locallyConnected2d');
    expect(after.weights).toEqual({});
  });

  it('drops weights of the wrong rank on a node whose input is unknown', () => {
    const doc = lenetWithWeights();
    const loose = { ...doc, edges: doc.edges.filter((e) => e.to !== 'c1') };
    expect(analyzeGraph(loose).infoOf.has('c1')).toBe(false);
    const after = switchNodeType(loose, 'c1', 'tiledConv2d');
    expect(after.weights?.['c1']).toEqual({ bias: { shape: [6], data: [1, 2, 3, 4, 5, 6] } });
  });
});

describe('switchNodeType: what cannot switch', () => {
  it('returns the same document for the same type', () => {
    const doc = template('lenet-5.json');
    expect(switchNodeType(doc, 'c1', 'conv2d')).toBe(doc);
  });

  it('refuses a type of another kind and an unknown node', () => {
    const doc = template('lenet-5.json');
    expect(() => switchNodeType(doc, 'r1', 'conv2d')).toThrow('cannot become');
    expect(() => switchNodeType(doc, 'c1', 'dense')).toThrow('cannot become');
    expect(() => switchNodeType(doc, 'nope', 'relu')).toThrow('no node');
  });

  it('lists the types each kind switches among', () => {
    expect(switchableTypes('tanh')).toEqual(ACTIVATION_TYPES);
    expect(switchableTypes('locallyConnected2d')).toEqual(CONV_TYPES);
    expect(switchableTypes('dense')).toEqual([]);
    expect(switchableTypes('maxPool2d')).toEqual([]);
  });
});

it('is one undo step through the store', () => {
  const store = createDocumentStore(lenetWithWeights());
  const before = store.getState().document;
  store.update((doc) => switchNodeType(doc, 'c1', 'locallyConnected2d'));
  store.update((doc) => switchNodeType(doc, 'r1', 'leakyRelu'));
  expect(nodeOf(store.getState().document, 'r1').type).toBe('leakyRelu');
  store.undo();
  expect(nodeOf(store.getState().document, 'r1').type).toBe('relu');
  store.undo();
  expect(store.getState().document).toEqual(before);
});
