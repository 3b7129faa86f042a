/**
 * "Add to graph": the lesson's kernel as a conv2d node with fixed weights (one
 * filter, no bias, not trained), fed by the selected node when it has one
 * channel, else by the graph's input, as one undo step.
 */
import type { GraphDocument } from '../../engine';
import type { Kernel, LessonPadding } from '../../engine/lessons/kernels';
import { addNode, connect, setParams, withPosition } from '../graph/edits';
import type { DocumentStore } from '../store/documentStore';

export function addKernelNode(store: DocumentStore, kernel: Kernel, padding: LessonPadding): void {
  const { document, analysis, selection } = store.getState();
  const oneChannel = (id: string) => analysis.infoOf.get(id)?.outputShape[0] === 1 && analysis.infoOf.get(id)?.outputShape.length === 3;
  const from = selection.find((id) => oneChannel(id)) ?? document.nodes.find((n) => n.type === 'input' && oneChannel(n.id))?.id;
  // Right of everything on the canvas, level with the node it reads: never on top of another card.
  const positions = Object.values(document.view?.positions ?? {});
  const source = from ? document.view?.positions?.[from] : undefined;
  const at = { x: positions.length ? Math.max(...positions.map((p) => p.x)) + 260 : 0, y: source?.y ?? 0 };
  store.update((doc: GraphDocument) => {
    const added = addNode(doc, 'conv2d', at);
    let next = setParams(added.doc, added.id, { filters: 1, kernelSize: [kernel.size, kernel.size], strides: [1, 1], padding, useBias: false, trainable: false });
    next = { ...next, weights: { ...next.weights, [added.id]: { weight: { shape: [1, 1, kernel.size, kernel.size], data: [...kernel.values] } } } };
    if (from) {
      const wired = connect(next, from, added.id);
      if (wired.ok) next = wired.doc;
    }
    return withPosition(next, added.id, at);
  });
  const added = store.getState().document.nodes.at(-1);
  if (added) store.select([added.id]);
  store.notify({ kind: 'info', text: `Added ${added?.id}: the kernel as a fixed conv2d${from ? ` after ${from}` : ''}` });
}
