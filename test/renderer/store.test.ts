/** The editor's document store, edits and adapter, without a browser. */
import { describe, expect, it } from 'vitest';
import type { GraphDocument } from '../../engine';
import { toFlow } from '../../renderer/graph/adapter';
import { addNode, connect, copyElements, deleteElements, moveNodes, pasteFragment, setParams } from '../../renderer/graph/edits';
import { autoLayout } from '../../renderer/graph/layout';
import { createDocumentStore } from '../../renderer/store/documentStore';
import { EMPTY_DOCUMENT, TEMPLATES } from '../../renderer/templates';

const lenet = () => structuredClone(TEMPLATES[0]?.document as GraphDocument);

describe('undo and redo', () => {
  it('walk back and forth through every change, exactly', () => {
    const store = createDocumentStore(EMPTY_DOCUMENT);
    const seen: GraphDocument[] = [store.getState().document];
    const edits: ((d: GraphDocument) => GraphDocument)[] = [
      (d) => addNode(d, 'input', { x: 0, y: 0 }).doc,
      (d) => addNode(d, 'conv2d', { x: 0, y: 100 }).doc,
      (d) => { const r = connect(d, 'input1', 'conv1'); return r.ok ? r.doc : d; },
      (d) => setParams(d, 'conv1', { filters: 4, kernelSize: [5, 5] }),
      (d) => addNode(d, 'relu', { x: 0, y: 200 }).doc,
      (d) => { const r = connect(d, 'conv1', 'relu1'); return r.ok ? r.doc : d; },
      (d) => moveNodes(d, { relu1: { x: 40, y: 220 } }),
      (d) => addNode(d, 'dense', { x: 0, y: 300 }).doc,
      (d) => deleteElements(d, ['dense1']),
      (d) => setParams(d, 'input1', { shape: [1, 32, 32] }),
    ];
    for (const edit of edits) {
      store.update(edit);
      seen.push(store.getState().document);
    }
    for (let i = seen.length - 2; i >= 0; i--) {
      store.undo();
      expect(store.getState().document).toEqual(seen[i]);
    }
    for (let i = 1; i < seen.length; i++) {
      store.redo();
      expect(store.getState().document).toEqual(seen[i]);
    }
  });

  it('groups a run of changes with one key into one step (typing in a field, a drag)', () => {
    const store = createDocumentStore(lenet());
    const before = store.getState().document;
    for (const filters of [1, 12, 16]) store.update((d) => setParams(d, 'c2', { filters, kernelSize: [5, 5] }), 'params:c2');
    store.undo();
    expect(store.getState().document).toEqual(before);
  });

  it('does not record selection', () => {
    const store = createDocumentStore(lenet());
    store.select(['c1']);
    store.undo();
    expect(store.getState().selection).toEqual(['c1']);
    expect(store.getState().history.past).toHaveLength(0);
  });
});

describe('opening files', () => {
  it('refuses a broken file with its problems and keeps the open graph', () => {
    const store = createDocumentStore(lenet());
    const before = store.getState().document;
    expect(store.open('{"format": "convstudio-graph", "version": 1, "name": "x", "nodes": [{"id": "a", "type": "conv3d"}], "edges": []}', 'bad.json')).toBe(false);
    expect(store.getState().document).toBe(before);
    expect(store.getState().notice?.kind).toBe('error');
    expect(store.getState().notice?.details?.[0]?.message).toContain('unknown node type "conv3d"');
  });
  it('opens a graph that has problems (work in progress), showing them', () => {
    const store = createDocumentStore(lenet());
    const draft = deleteElements(lenet(), [], ['c1->r1']);
    expect(store.open(JSON.stringify(draft), 'draft.json')).toBe(true);
    expect(store.getState().document).toEqual(draft);
    expect(store.getState().analysis.problems.some((p) => p.severity === 'error')).toBe(true);
  });
  it('marks unsaved changes', () => {
    const store = createDocumentStore(lenet());
    expect(store.isDirty()).toBe(false);
    store.update((d) => moveNodes(d, { c1: { x: 5, y: 5 } }));
    expect(store.isDirty()).toBe(true);
    store.markSaved('lenet.json', store.getState().document);
    expect(store.isDirty()).toBe(false);
  });
});

describe('connections', () => {
  const doc = lenet();
  it('refuses a loop, naming it', () => {
    expect(connect(doc, 'r2', 'c1')).toEqual({ ok: false, reason: 'this would make a loop: c1 → r1 → p1 → c2 → r2 → c1' });
  });
  it('refuses a second input into a one-input node', () => {
    const r = connect(doc, 'in', 'r1');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain('relu takes one input and already has c1');
  });
  it('refuses shapes that cannot meet, with the engine\'s message', () => {
    const cut = deleteElements(doc, [], ['f->d1']);
    const conv = addNode(cut, 'conv2d', { x: 0, y: 0 });
    const flat = connect(conv.doc, 'f', conv.id);
    expect(flat).toEqual({ ok: false, reason: expect.stringContaining('needs a channels×height×width image') });
  });
  it('refuses feeding an input or following softmax', () => {
    expect(connect(doc, 'c1', 'in')).toEqual({ ok: false, reason: 'an input node takes no connections' });
    expect(connect(doc, 'out', 'c1')).toEqual({ ok: false, reason: 'softmax is the output: nothing may follow it' });
  });
});

describe('the adapter', () => {
  it('labels each edge with the shape it carries and marks nodes with errors', () => {
    const store = createDocumentStore(lenet());
    store.update((d) => setParams(d, 'c2', { filters: 16, kernelSize: [15, 15] }));
    const { nodes, edges } = toFlow(store.getState().document, store.getState().analysis, []);
    expect(edges.find((e) => e.id === 'c1->r1')?.label).toBe('6×24×24');
    const c2 = nodes.find((n) => n.id === 'c2');
    expect(c2?.data.errors[0]?.message).toBe('kernel 15×15 is larger than its 12×12 input');
  });
});

describe('copy, paste and layout', () => {
  it('pastes copies with fresh ids, their inner edges and parameters, shifted', () => {
    const doc = lenet();
    const fragment = copyElements(doc, ['c2', 'r2', 'p2']);
    if (!fragment) throw new Error('nothing copied');
    const pasted = pasteFragment(doc, fragment, { x: 40, y: 40 });
    expect(pasted.ids).toEqual(['conv1', 'relu1', 'maxpool1']);
    expect(pasted.doc.edges.slice(-2)).toEqual([{ from: 'conv1', to: 'relu1' }, { from: 'relu1', to: 'maxpool1' }]);
    expect(pasted.doc.nodes.find((n) => n.id === 'conv1')).toMatchObject({ type: 'conv2d', params: { filters: 16 } });
    const c2 = doc.view?.positions?.['c2'];
    expect(pasted.doc.view?.positions?.['conv1']).toEqual({ x: (c2?.x ?? 0) + 40, y: (c2?.y ?? 0) + 40 });
    expect(pasteFragment(pasted.doc, fragment, { x: 80, y: 80 }).ids).toEqual(['conv2', 'relu2', 'maxpool2']);
  });
  it('lays a chain out top to bottom on a tall, narrow canvas, input first, without overlaps', () => {
    const laid = autoLayout({ ...lenet(), view: {} }, {}, { width: 260, height: 3000 });
    const ys = laid.nodes.map((n) => laid.view?.positions?.[n.id]?.y ?? NaN);
    for (let i = 1; i < ys.length; i++) expect(ys[i]).toBeGreaterThan((ys[i - 1] ?? 0) + 50);
  });
});

describe('edits keep the document consistent', () => {
  it('drops stored weights that no longer fit when a layer changes', () => {
    const edge = structuredClone(TEMPLATES.find((t) => t.file === 'edge-detection.json')?.document as GraphDocument);
    const store = createDocumentStore(edge);
    store.update((d) => setParams(d, 'edges', { filters: 1, kernelSize: [5, 5], useBias: false, trainable: false }));
    expect(store.getState().document.weights?.['edges']).toBeUndefined();
    expect(store.getState().analysis.problems.filter((p) => p.severity === 'error')).toEqual([]);
    store.undo();
    expect(store.getState().document.weights?.['edges']?.['weight']?.shape).toEqual([1, 1, 3, 3]);
  });
  it('gives a concat input the next free port after one was removed', () => {
    let doc = lenet();
    const cat = addNode(doc, 'concat', { x: 0, y: 0 });
    doc = cat.doc;
    for (const from of ['c1', 'r1']) {
      const r = connect(doc, from, cat.id);
      if (r.ok) doc = r.doc;
    }
    expect(doc.edges.slice(-2)).toEqual([{ from: 'c1', to: cat.id, port: 0 }, { from: 'r1', to: cat.id, port: 1 }]);
    doc = deleteElements(doc, [], [`c1->${cat.id}#0`]);
    const again = connect(doc, 'c1', cat.id);
    expect(again.ok && again.doc.edges.at(-1)).toEqual({ from: 'c1', to: cat.id, port: 2 });
  });
});
