/**
 * The wiring of a graph: which node feeds which, in what order, and whether
 * the wiring makes a network at all (one input, one output, no cycles, every
 * node connected and given the number of inputs its type takes).
 */
import { error, type Problem } from './problems';
import { NODE_DESCRIPTORS } from '../nodes/registry';
import type { GraphDocument, GraphNode, NodeType } from './schema';

/** How many incoming connections each node type takes (from its descriptor). */
export const INPUT_ARITY = Object.fromEntries(NODE_DESCRIPTORS.map((d) => [d.schema.shape.type.value, d.arity])) as Record<NodeType, { min: number; max: number }>;

export interface Topology {
  /** Node index by id (the first node with that id). */
  indexOf: Map<string, number>;
  /** Incoming node ids per node, ordered by edge `port`, then by edge order. */
  inputsOf: Map<string, string[]>;
  consumersOf: Map<string, string[]>;
  /** Nodes not on a cycle, each after all of its inputs. */
  order: string[];
  inputId?: string;
  outputId?: string;
}

export function analyzeTopology(doc: GraphDocument): { topology: Topology; problems: Problem[] } {
  const problems: Problem[] = [];
  const indexOf = new Map<string, number>();
  doc.nodes.forEach((node, i) => {
    if (indexOf.has(node.id)) {
      problems.push(error('duplicate-id', `node id "${node.id}" is used twice (first by nodes[${indexOf.get(node.id)}]); ids must be unique`, ['nodes', i, 'id'], node.id));
    } else {
      indexOf.set(node.id, i);
    }
  });

  const incoming = new Map<string, { from: string; port: number; edge: number }[]>(doc.nodes.map((n) => [n.id, []]));
  const consumersOf = new Map<string, string[]>(doc.nodes.map((n) => [n.id, []]));
  const seenEdges = new Set<string>();
  doc.edges.forEach((edge, i) => {
    const missingEnd = (['from', 'to'] as const).find((end) => !indexOf.has(edge[end]));
    if (missingEnd) {
      problems.push(error('dangling-edge', `edge ${edge.from} → ${edge.to} refers to node "${edge[missingEnd]}", which does not exist`, ['edges', i, missingEnd]));
      return;
    }
    const key = JSON.stringify([edge.from, edge.to, edge.port]);
    if (seenEdges.has(key)) {
      problems.push(error('duplicate-edge', `edge ${edge.from} → ${edge.to} appears twice`, ['edges', i], edge.to));
      return;
    }
    seenEdges.add(key);
    incoming.get(edge.to)?.push({ from: edge.from, port: edge.port ?? Number.POSITIVE_INFINITY, edge: i });
    consumersOf.get(edge.from)?.push(edge.to);
  });

  const inputsOf = new Map<string, string[]>();
  for (const [id, list] of incoming) {
    list.sort((a, b) => a.port - b.port || a.edge - b.edge);
    const ports = list.filter((e) => Number.isFinite(e.port)).map((e) => e.port);
    const clash = ports.find((p, i) => ports.indexOf(p) !== i);
    if (clash !== undefined) {
      const edge = list.filter((e) => e.port === clash)[1]?.edge ?? 0;
      problems.push(error('duplicate-port', `two edges into "${id}" use port ${clash}`, ['edges', edge, 'port'], id));
    }
    inputsOf.set(id, list.map((e) => e.from));
  }

  const order = topologicalOrder(doc.nodes, inputsOf, consumersOf);
  const ordered = new Set(order);
  const onCycle = doc.nodes.filter((n) => !ordered.has(n.id));
  if (onCycle.length > 0) {
    const cycle = findCycle(onCycle.map((n) => n.id), consumersOf);
    const start = cycle[0] ?? onCycle[0]?.id ?? '';
    problems.push(error('cycle', `the connections form a loop: ${describeCycle(cycle)}; a network must flow one way, from input to output`, ['nodes', indexOf.get(start) ?? 0], start));
  }

  const topology: Topology = { indexOf, inputsOf, consumersOf, order };
  problems.push(...checkNodes(doc, topology, onCycle.length > 0));
  return { topology, problems };
}

function checkNodes(doc: GraphDocument, topology: Topology, hasCycle: boolean): Problem[] {
  const problems: Problem[] = [];
  if (doc.nodes.length === 0) {
    return [error('empty-graph', 'the graph has no nodes; start with an input node', ['nodes'])];
  }
  const inputs: GraphNode[] = [];
  const sinks: GraphNode[] = [];
  doc.nodes.forEach((node, i) => {
    if (topology.indexOf.get(node.id) !== i) return; // a duplicate id, already reported
    const from = topology.inputsOf.get(node.id) ?? [];
    const to = topology.consumersOf.get(node.id) ?? [];
    const at = ['nodes', i];
    if (node.type === 'input') {
      inputs.push(node);
      if (from.length > 0) problems.push(error('input-has-incoming', `an input node takes no connections, but ${from.join(', ')} ${from.length === 1 ? 'is' : 'are'} connected into it`, at, node.id));
      return;
    }
    if (from.length === 0 && to.length === 0) {
      problems.push(error('unconnected', `${node.type} node is not connected to anything; connect it or delete it`, at, node.id));
      return;
    }
    const arity = INPUT_ARITY[node.type];
    if (from.length < arity.min) {
      problems.push(error('missing-input', from.length === 0
        ? `${node.type} node has no incoming connection`
        : `${node.type} needs at least ${arity.min} inputs but has ${from.length} (${from.join(', ')})`, at, node.id));
    } else if (from.length > arity.max) {
      problems.push(error('too-many-inputs', `${node.type} takes one input but ${from.length} are connected (${from.join(', ')}); join branches with an add or concat node`, at, node.id));
    }
    if (node.type === 'softmax' && to.length > 0) {
      problems.push(error('softmax-not-last', `softmax is the network's output, so nothing may follow it, but it feeds ${to.join(', ')}`, at, node.id));
    }
    if (to.length === 0) sinks.push(node);
  });

  const [input, ...extraInputs] = inputs;
  if (!input) problems.push(error('no-input', 'the graph has no input node', ['nodes']));
  for (const extra of extraInputs) {
    problems.push(error('several-inputs', `a second input node; this version supports one input per network (the first is "${input?.id}")`, ['nodes', topology.indexOf.get(extra.id) ?? 0], extra.id));
  }
  topology.inputId = input?.id;

  if (sinks.length === 0 && input && !hasCycle) {
    problems.push(error('no-output', 'the graph has no output: add layers after the input; the last one feeds nothing (usually a softmax)', ['nodes']));
  } else if (sinks.length > 1) {
    // Keep a softmax as the output and report the other loose ends.
    sinks.sort((a, b) => Number(a.type === 'softmax') - Number(b.type === 'softmax'));
    const names = sinks.map((s) => s.id).join(', ');
    for (const sink of sinks.slice(0, -1)) {
      problems.push(error('several-outputs', `"${sink.id}" feeds nothing, but a network has one output and this graph ends in ${sinks.length} places (${names}); connect it onwards or delete it`, ['nodes', topology.indexOf.get(sink.id) ?? 0], sink.id));
    }
  }
  topology.outputId = sinks.length === 1 ? sinks[0]?.id : undefined;
  return problems;
}

/** Kahn's algorithm, keeping document order among ready nodes so results are stable. */
function topologicalOrder(nodes: readonly GraphNode[], inputsOf: Map<string, string[]>, consumersOf: Map<string, string[]>): string[] {
  const waiting = new Map<string, number>();
  for (const node of nodes) waiting.set(node.id, inputsOf.get(node.id)?.length ?? 0);
  const ready = nodes.filter((n) => waiting.get(n.id) === 0).map((n) => n.id);
  const order: string[] = [];
  const placed = new Set<string>();
  while (ready.length > 0) {
    const id = ready.shift() as string;
    if (placed.has(id)) continue;
    placed.add(id);
    order.push(id);
    for (const next of consumersOf.get(id) ?? []) {
      const left = (waiting.get(next) ?? 0) - 1;
      waiting.set(next, left);
      if (left === 0) ready.push(next);
    }
  }
  return order;
}

/**
 * One concrete loop through the given nodes, written start to start, e.g. [a, b, a].
 * Iterative depth-first search: a document may hold thousands of nodes.
 */
function findCycle(candidates: readonly string[], consumersOf: Map<string, string[]>): string[] {
  const inSet = new Set(candidates);
  const state = new Map<string, 'open' | 'done'>();
  for (const root of candidates) {
    if (state.has(root)) continue;
    const path: string[] = [root];
    const nextEdge: number[] = [0];
    state.set(root, 'open');
    while (path.length > 0) {
      const id = path[path.length - 1] as string;
      const edgeIndex = nextEdge[nextEdge.length - 1] ?? 0;
      const consumers = consumersOf.get(id) ?? [];
      if (edgeIndex >= consumers.length) {
        state.set(id, 'done');
        path.pop();
        nextEdge.pop();
        continue;
      }
      nextEdge[nextEdge.length - 1] = edgeIndex + 1;
      const next = consumers[edgeIndex] as string;
      if (!inSet.has(next)) continue;
      if (state.get(next) === 'open') return [...path.slice(path.indexOf(next)), next];
      if (!state.has(next)) {
        state.set(next, 'open');
        path.push(next);
        nextEdge.push(0);
      }
    }
  }
  return [...candidates];
}

/** `a → b → a`, shortened in the middle when the loop is long. */
function describeCycle(cycle: readonly string[]): string {
  if (cycle.length <= 10) return cycle.join(' → ');
  return `${cycle.slice(0, 5).join(' → ')} → … (${cycle.length - 7} more) … → ${cycle.slice(-2).join(' → ')}`;
}
