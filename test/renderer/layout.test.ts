/**
 * Automatic layout sized for its window: LeNet-5's 13 layers wrap into lines
 * shaped like the canvas, nodes never overlap, the order of the layers reads
 * along the lines, and the card ports follow the drawing's direction.
 */
import { describe, expect, it } from 'vitest';
import type { GraphDocument } from '../../engine';
import { autoLayout, flowOf, NODE_SIZE } from '../../renderer/graph/layout';
import { TEMPLATES } from '../../renderer/templates';

const template = (file: string) => structuredClone(TEMPLATES.find((t) => t.file === file)?.document as GraphDocument);

/** The zoom at which the laid-out graph fills `canvas` (what "fit" does), from the positions alone. */
function fitZoom(doc: GraphDocument, canvas: { width: number; height: number }): number {
  const at = Object.values(doc.view?.positions ?? {});
  const width = Math.max(...at.map((p) => p.x)) + NODE_SIZE.width - Math.min(...at.map((p) => p.x));
  const height = Math.max(...at.map((p) => p.y)) + NODE_SIZE.height - Math.min(...at.map((p) => p.y));
  return Math.min(canvas.width / width, canvas.height / height);
}

function overlaps(doc: GraphDocument): string[] {
  const at = Object.entries(doc.view?.positions ?? {});
  return at.flatMap(([a, p], i) => at.slice(i + 1).filter(([, q]) => Math.abs(p.x - q.x) < NODE_SIZE.width && Math.abs(p.y - q.y) < NODE_SIZE.height).map(([b]) => `${a}/${b}`));
}

describe('automatic layout', () => {
  it('wraps LeNet-5 into a wide drawing on a wide canvas and a tall one on a tall canvas, larger at fit than one line', () => {
    const lenet = template('lenet-5.json');
    const wide = autoLayout(lenet, {}, { width: 1300, height: 600 });
    const tall = autoLayout(lenet, {}, { width: 500, height: 1200 });
    expect(flowOf(wide)).toBe('horizontal');
    const extent = (doc: GraphDocument) => {
      const at = Object.values(doc.view?.positions ?? {});
      return { width: Math.max(...at.map((p) => p.x)) + NODE_SIZE.width, height: Math.max(...at.map((p) => p.y)) + NODE_SIZE.height };
    };
    expect(extent(wide).width).toBeGreaterThan(extent(wide).height);
    expect(extent(tall).height).toBeGreaterThan(extent(tall).width);
    // A very tall, narrow canvas gets one column read top to bottom.
    expect(flowOf(autoLayout(lenet, {}, { width: 260, height: 3000 }))).toBe('vertical');
    // One line of 13 cards would fit at about a third of this.
    const column = { width: NODE_SIZE.width, height: 13 * (NODE_SIZE.height + 70) };
    expect(fitZoom(wide, { width: 1300, height: 600 })).toBeGreaterThan(2 * Math.min(1300 / column.height, 600 / column.height));
    for (const doc of [wide, tall]) expect(overlaps(doc)).toEqual([]);
  });

  it('keeps the layers in order along the lines (reading order follows the data)', () => {
    const lenet = template('lenet-5.json');
    const laid = autoLayout(lenet, {}, { width: 1300, height: 600 });
    const at = laid.view?.positions ?? {};
    const readingOrder = [...lenet.nodes].sort((a, b) => (at[a.id]!.y - at[b.id]!.y) || (at[a.id]!.x - at[b.id]!.x)).map((n) => n.id);
    expect(readingOrder).toEqual(lenet.nodes.map((n) => n.id));
  });

  it('puts the branches of a residual graph side by side, without overlaps', () => {
    const laid = autoLayout(template('branches.json'), {}, { width: 900, height: 600 });
    expect(overlaps(laid)).toEqual([]);
  });

  it('leaves an empty graph alone', () => {
    const empty: GraphDocument = { format: 'convstudio-graph', version: 1, name: 'x', nodes: [], edges: [] };
    expect(autoLayout(empty)).toBe(empty);
  });
});
