/** Small builders for graph documents in tests. */
import { loadDocumentValue, type GraphDocument, type GraphNode, type LoadResult } from '../../engine';

/** A node whose id may be left out (distributes over the node types). */
export type LayerSpec = GraphNode extends infer N ? (N extends GraphNode ? Omit<N, 'id'> & { id?: string } : never) : never;

/** input → layers[0] → layers[1] → …, ids `in`, `n1`, `n2`, … unless given. */
export function chainDocument(inputShape: [number] | [number, number, number], layers: readonly LayerSpec[]): GraphDocument {
  const nodes = [
    { id: 'in', type: 'input', params: { shape: inputShape } },
    ...layers.map((layer, i) => ({ ...layer, id: layer.id ?? `n${i + 1}` })),
  ] as GraphNode[];
  return {
    format: 'convstudio-graph',
    version: 1,
    name: 'test chain',
    nodes,
    edges: nodes.slice(1).map((node, i) => ({ from: nodes[i]?.id ?? '', to: node.id })),
  };
}

export function load(doc: unknown): LoadResult {
  return loadDocumentValue(structuredClone(doc));
}

/** The output shape of the chain's last node, or the first error's message. */
export function lastShape(inputShape: [number] | [number, number, number], layers: readonly LayerSpec[]): readonly number[] | string {
  const doc = chainDocument(inputShape, layers);
  const result = load(doc);
  const last = doc.nodes[doc.nodes.length - 1]?.id ?? '';
  const shape = result.analysis?.infoOf.get(last)?.outputShape;
  return shape ?? result.problems.find((p) => p.severity === 'error')?.message ?? 'no shape';
}

export function codes(result: LoadResult): string[] {
  return result.problems.map((p) => p.code);
}
