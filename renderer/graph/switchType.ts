/**
 * Changing a node's type in place: the same id, edges and canvas position,
 * so a student can try tanh instead of ReLU, or a tiled convolution instead
 * of a shared one, without rewiring. Only types that take the same inputs and
 * share their parameters switch into each other (activations among
 * themselves, convolutions among themselves). Stored weights that no longer
 * fit the new layer are dropped; the ones that still fit stay.
 */
import { analyzeGraph, type GraphDocument, type GraphNode, type NodeType } from '../../engine';
import type { NodeFamily } from '../../engine/nodes/descriptor';
import { NODE_DESCRIPTORS } from '../../engine/nodes/registry';
import { DEFAULT_LEAKY_ALPHA } from '../../engine/shapes/params';
import { pruneStaleWeights } from './edits';

const typesOf = (family: NodeFamily): readonly NodeType[] => NODE_DESCRIPTORS.filter((d) => 'family' in d && d.family === family).map((d) => d.schema.shape.type.value);
export const ACTIVATION_TYPES = typesOf('activation');
export const CONV_TYPES = typesOf('convolution');

/** Parameters every convolution type has, kept across a switch. */
const SHARED_CONV_PARAMS = ['filters', 'kernelSize', 'strides', 'padding', 'useBias', 'trainable'] as const;

/** The types a node of `type` can switch to in place (itself included); empty when it cannot switch. */
export function switchableTypes(type: NodeType): readonly NodeType[] {
  if (ACTIVATION_TYPES.includes(type)) return ACTIVATION_TYPES;
  if (CONV_TYPES.includes(type)) return CONV_TYPES;
  return [];
}

function switchedNode(node: GraphNode, type: NodeType): GraphNode {
  const base = { id: node.id, ...(node.label === undefined ? {} : { label: node.label }) };
  if (ACTIVATION_TYPES.includes(type)) {
    return (type === 'leakyRelu' ? { ...base, type, params: { alpha: DEFAULT_LEAKY_ALPHA } } : { ...base, type }) as GraphNode;
  }
  const own = (node.params ?? {}) as Record<string, unknown>;
  const params: Record<string, unknown> = {};
  for (const key of SHARED_CONV_PARAMS) if (own[key] !== undefined) params[key] = structuredClone(own[key]);
  if (type === 'tiledConv2d') params['tiles'] = [2, 2];
  return { ...base, type, params } as GraphNode;
}

/**
 * The document with node `id` turned into a `type` node. Returns the same
 * document when the node already has that type; throws for an unknown id or
 * a type the node cannot switch to (see switchableTypes).
 */
export function switchNodeType(doc: GraphDocument, id: string, type: NodeType): GraphDocument {
  const index = doc.nodes.findIndex((n) => n.id === id);
  const node = doc.nodes[index];
  if (!node) throw new Error(`no node "${id}"`);
  if (node.type === type) return doc;
  if (!switchableTypes(node.type).includes(type)) throw new Error(`a ${node.type} node cannot become a ${type} node in place`);
  const nodes = doc.nodes.map((n, i) => (i === index ? switchedNode(node, type) : n));
  const next: GraphDocument = { ...doc, nodes };
  // The weights this node stores no longer fit where the new layer lays them out differently.
  const analysis = analyzeGraph(next);
  const stale: StaleMark[] = analysis.problems.filter((p) => p.nodeId === id);
  if (!analysis.infoOf.has(id)) stale.push(...wrongRank(next, id, type));
  return pruneStaleWeights(next, stale);
}

type StaleMark = { code: string; path: readonly (string | number)[] };

/** Tensor ranks per convolution type, for a node whose exact shapes are unknown (no input yet). */
const RANKS: Partial<Record<NodeType, Record<string, number>>> = {
  conv2d: { weight: 4, bias: 1 },
  tiledConv2d: { weight: 6, bias: 1 },
  locallyConnected2d: { weight: 6, bias: 3 },
};

/** Stored tensors whose number of axes cannot fit a `type` node, as the problems pruneStaleWeights reads. */
function wrongRank(doc: GraphDocument, id: string, type: NodeType): StaleMark[] {
  const ranks = RANKS[type] ?? {};
  return Object.entries(doc.weights?.[id] ?? {})
    .filter(([name, tensor]) => ranks[name] !== tensor.shape.length)
    .map(([name]) => ({ code: 'weights-shape', path: ['weights', id, name] }));
}
