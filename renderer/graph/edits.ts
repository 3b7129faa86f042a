/**
 * Edits to a graph document, as pure functions from one document to the
 * next, so the store can record each as one undo step and tests can check
 * them without a browser. Connections are checked before they are made: a
 * refused one says why, in the words the canvas shows.
 */
import { analyzeGraph, NODE_TYPES, type GraphDocument, type GraphEdge, type GraphNode, type NodeType } from '../../engine';
import { INPUT_ARITY } from '../../engine/graph/topology';
import { descriptorOf } from '../../engine/nodes/registry';
import { freshNodeId } from '../../engine/graph/nodeIds';


/**
 * An edge's id on the canvas and in the selection: `from->to`, with `#port`
 * for ordered inputs (`#` cannot appear in a node id, so no two edges share one).
 */
export function edgeId(edge: { from: string; to: string; port?: number }): string {
  return `${edge.from}->${edge.to}${edge.port === undefined ? '' : `#${edge.port}`}`;
}

export interface Point {
  x: number;
  y: number;
}

/** `conv3`, `maxpool2`: the type's short name and the first free number; `alsoTaken` reserves ids not yet in the document. */
export function newNodeId(doc: GraphDocument, type: NodeType, alsoTaken: ReadonlySet<string> = new Set()): string {
  return freshNodeId(type, (id) => alsoTaken.has(id) || doc.nodes.some((node) => node.id === id));
}

export function addNode(doc: GraphDocument, type: NodeType, at: Point): { doc: GraphDocument; id: string } {
  if (!NODE_TYPES.includes(type)) throw new Error(`unknown node type ${type}`);
  const id = newNodeId(doc, type);
  // What a student most often wants, from the type's descriptor.
  const params = descriptorOf(type).newParams;
  const node = { id, type, ...(params ? { params: structuredClone(params) } : {}) } as GraphNode;
  return { doc: withPosition({ ...doc, nodes: [...doc.nodes, node] }, id, at), id };
}

export function withPosition(doc: GraphDocument, id: string, at: Point): GraphDocument {
  const positions = { ...doc.view?.positions, [id]: { x: Math.round(at.x), y: Math.round(at.y) } };
  return { ...doc, view: { ...doc.view, positions } };
}

export function moveNodes(doc: GraphDocument, moves: Record<string, Point>): GraphDocument {
  return Object.entries(moves).reduce((d, [id, at]) => withPosition(d, id, at), doc);
}

export function setParams(doc: GraphDocument, id: string, params: Record<string, unknown> | undefined): GraphDocument {
  return { ...doc, nodes: doc.nodes.map((n) => (n.id === id ? ({ ...n, ...(params === undefined ? {} : { params }) } as GraphNode) : n)) };
}

/** Deletes nodes (with their edges, weights and positions) and edges given by `from->to` ids. */
export function deleteElements(doc: GraphDocument, nodeIds: readonly string[], edgeIds: readonly string[] = []): GraphDocument {
  const gone = new Set(nodeIds);
  const goneEdges = new Set(edgeIds);
  const positions = Object.fromEntries(Object.entries(doc.view?.positions ?? {}).filter(([id]) => !gone.has(id)));
  const weights = doc.weights ? Object.fromEntries(Object.entries(doc.weights).filter(([id]) => !gone.has(id))) : undefined;
  return {
    ...doc,
    nodes: doc.nodes.filter((n) => !gone.has(n.id)),
    edges: doc.edges.filter((e) => !gone.has(e.from) && !gone.has(e.to) && !goneEdges.has(edgeId(e))),
    ...(weights ? { weights } : {}),
    view: { ...doc.view, positions },
  };
}

export type ConnectResult = { ok: true; doc: GraphDocument } | { ok: false; reason: string };

/** Inference errors that a new connection can cause at its target. */
const SHAPE_CODES = new Set(['shape-mismatch', 'needs-image', 'kernel-too-large', 'window-too-large', 'softmax-needs-vector', 'too-large']);

export function connect(doc: GraphDocument, from: string, to: string): ConnectResult {
  const source = doc.nodes.find((n) => n.id === from);
  const target = doc.nodes.find((n) => n.id === to);
  if (!source || !target) return { ok: false, reason: 'both ends must be nodes' };
  if (from === to) return { ok: false, reason: 'a node cannot feed itself' };
  if (doc.edges.some((e) => e.from === from && e.to === to)) return { ok: false, reason: `${from} already feeds ${to}` };
  if (target.type === 'input') return { ok: false, reason: 'an input node takes no connections' };
  if (source.type === 'softmax') return { ok: false, reason: 'softmax is the output: nothing may follow it' };
  const loop = pathBetween(doc, to, from);
  if (loop) return { ok: false, reason: `this would make a loop: ${[...loop, to].join(' → ')}` };
  const existing = doc.edges.filter((e) => e.to === to);
  if (existing.length >= INPUT_ARITY[target.type].max) {
    return { ok: false, reason: `${target.type} takes one input and already has ${existing.map((e) => e.from).join(', ')}; remove that connection first, or join them with add or concat` };
  }
  // A concat's inputs are ordered by port: the new one goes last.
  const edge: GraphEdge = target.type === 'concat' ? { from, to, port: Math.max(-1, ...existing.map((e) => e.port ?? -1)) + 1 } : { from, to };
  const next = { ...doc, edges: [...doc.edges, edge] };
  const problem = analyzeGraph(next).problems.find((p) => p.severity === 'error' && p.nodeId === to && SHAPE_CODES.has(p.code));
  if (problem) return { ok: false, reason: `${to}: ${problem.message}` };
  return { ok: true, doc: next };
}

/** A path of node ids from `start` to `goal` following edges, if there is one. */
function pathBetween(doc: GraphDocument, start: string, goal: string): string[] | undefined {
  const previous = new Map<string, string>([[start, '']]);
  const queue = [start];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    if (id === goal) {
      const path = [id];
      for (let at = previous.get(id); at; at = previous.get(at)) path.unshift(at);
      return path;
    }
    for (const e of doc.edges) {
      if (e.from === id && !previous.has(e.to)) {
        previous.set(e.to, id);
        queue.push(e.to);
      }
    }
  }
  return undefined;
}

/** Copied nodes with the edges among them, their parameters, weights and relative positions. */
export interface Fragment {
  nodes: GraphNode[];
  edges: GraphEdge[];
  positions: Record<string, Point>;
  weights: NonNullable<GraphDocument['weights']>;
}

export function copyElements(doc: GraphDocument, ids: readonly string[]): Fragment | undefined {
  const chosen = new Set(ids);
  const nodes = doc.nodes.filter((n) => chosen.has(n.id));
  if (nodes.length === 0) return undefined;
  return structuredClone({
    nodes,
    edges: doc.edges.filter((e) => chosen.has(e.from) && chosen.has(e.to)),
    positions: Object.fromEntries(nodes.map((n) => [n.id, doc.view?.positions?.[n.id] ?? { x: 0, y: 0 }])),
    weights: Object.fromEntries(Object.entries(doc.weights ?? {}).filter(([id]) => chosen.has(id))),
  });
}

/** Pastes a fragment with fresh ids, shifted by `offset`; returns the new ids. */
export function pasteFragment(doc: GraphDocument, fragment: Fragment, offset: Point): { doc: GraphDocument; ids: string[] } {
  const rename = new Map<string, string>();
  for (const node of fragment.nodes) rename.set(node.id, newNodeId(doc, node.type, new Set(rename.values())));
  let next = doc;
  const nodes = fragment.nodes.map((n) => ({ ...structuredClone(n), id: rename.get(n.id) ?? n.id }));
  const edges = fragment.edges.map((e) => ({ ...e, from: rename.get(e.from) ?? e.from, to: rename.get(e.to) ?? e.to }));
  const weights = Object.fromEntries(Object.entries(fragment.weights).map(([id, w]) => [rename.get(id) ?? id, structuredClone(w)]));
  next = { ...next, nodes: [...next.nodes, ...nodes], edges: [...next.edges, ...edges], ...(Object.keys(weights).length > 0 ? { weights: { ...next.weights, ...weights } } : {}) };
  for (const [old, id] of rename) {
    const at = fragment.positions[old] ?? { x: 0, y: 0 };
    next = withPosition(next, id, { x: at.x + offset.x, y: at.y + offset.y });
  }
  return { doc: next, ids: [...rename.values()] };
}

/**
 * Drops stored weights that no longer fit their layer (its parameters or its
 * input changed): the layer starts again from fresh weights instead of the
 * whole graph being blocked by a shape mismatch.
 */
export function pruneStaleWeights(doc: GraphDocument, problems: readonly { code: string; path: readonly (string | number)[] }[]): GraphDocument {
  const stale = problems.filter((p) => p.code === 'weights-shape' || p.code === 'weights-unknown-tensor').map((p) => [String(p.path[1]), String(p.path[2])] as const);
  if (stale.length === 0 || !doc.weights) return doc;
  const weights = structuredClone(doc.weights);
  for (const [node, tensor] of stale) {
    delete weights[node]?.[tensor];
    if (weights[node] && Object.keys(weights[node]).length === 0) delete weights[node];
  }
  return { ...doc, weights };
}
