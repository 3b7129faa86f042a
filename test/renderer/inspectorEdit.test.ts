/** The inspector's writes through the store: refused values never reach the document; each edit is one undo step. */
import { describe, expect, it } from 'vitest';
import type { GraphDocument, GraphNode } from '../../engine';
import { fieldGroup, setParam, setWeight } from '../../renderer/inspector/edit';
import { createDocumentStore } from '../../renderer/store/documentStore';
import { TEMPLATES } from '../../renderer/templates';

const open = (file: string) => createDocumentStore(structuredClone(TEMPLATES.find((t) => t.file === file)?.document as GraphDocument));
const nodeIn = (store: ReturnType<typeof open>, id: string) => store.getState().document.nodes.find((n) => n.id === id) as GraphNode;

describe('setParam', () => {
  it('refuses what the schema refuses and leaves the document and history alone', () => {
    const store = open('lenet-5.json');
    const before = store.getState().document;
    expect(setParam(store, nodeIn(store, 'c1'), 'filters', 0, 'filters', fieldGroup('c1', 'filters'))).toBe('filters must be at least 1');
    expect(setParam(store, nodeIn(store, 'c1'), 'kernelSize', [0, 5], 'kernel height')).toBe('kernel height must be at least 1');
    expect(setParam(store, nodeIn(store, 'c1'), 'padding', [0, 0, -1, 0], 'padding left')).toBe('padding left must be at least 0');
    expect(store.getState().document).toBe(before);
    expect(store.getState().history.past).toHaveLength(0);
  });

  it('merges typing into one field into one step, and a new field starts a new one', () => {
    const store = open('lenet-5.json');
    const before = store.getState().document;
    for (const filters of [1, 12]) setParam(store, nodeIn(store, 'c1'), 'filters', filters, 'filters', fieldGroup('c1', 'filters'));
    const typed = store.getState().document;
    setParam(store, nodeIn(store, 'c1'), 'kernelSize', [3, 3], 'kernel height', fieldGroup('c1', 'kernelSize-height'));
    expect(nodeIn(store, 'c1')).toMatchObject({ params: { filters: 12, kernelSize: [3, 3] } });
    store.undo();
    expect(store.getState().document).toEqual(typed);
    store.undo();
    expect(store.getState().document).toEqual(before);
  });

  it('makes a padding choice one step each, and writes nothing for the same value', () => {
    const store = open('lenet-5.json');
    setParam(store, nodeIn(store, 'c1'), 'padding', 'same', 'padding');
    setParam(store, nodeIn(store, 'c1'), 'padding', [2, 2, 2, 2], 'padding');
    setParam(store, nodeIn(store, 'c1'), 'padding', [2, 2, 2, 2], 'padding');
    expect(store.getState().history.past).toHaveLength(2);
    store.undo();
    expect(nodeIn(store, 'c1')).toMatchObject({ params: { padding: 'same' } });
  });

  it('writes params for a node that had none (a pooling layer on defaults)', () => {
    const store = createDocumentStore({ format: 'convstudio-graph', version: 1, name: 'x', nodes: [{ id: 'p', type: 'maxPool2d' }], edges: [] });
    setParam(store, nodeIn(store, 'p'), 'strides', [1, 1], 'stride height');
    expect(nodeIn(store, 'p')).toEqual({ id: 'p', type: 'maxPool2d', params: { strides: [1, 1] } });
  });
});

describe('setWeight', () => {
  it('writes one cell, merging edits of that cell into one step', () => {
    const store = open('edge-detection.json');
    const before = store.getState().document;
    setWeight(store, 'edges', 'weight', 4, 1);
    setWeight(store, 'edges', 'weight', 4, 10);
    expect(store.getState().document.weights?.['edges']?.['weight']?.data).toEqual([-1, -1, -1, -1, 10, -1, -1, -1, -1]);
    setWeight(store, 'edges', 'weight', 0, 0);
    expect(store.getState().history.past).toHaveLength(2);
    store.undo();
    store.undo();
    expect(store.getState().document).toEqual(before);
  });
});
