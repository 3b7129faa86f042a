/** A template drawn small: its nodes as boxes and its edges as lines, laid out as Arrange would lay it out in a card. */
import { useMemo } from 'react';
import type { GraphDocument } from '../../engine';
import { autoLayout, NODE_SIZE } from '../graph/layout';

export function TemplatePreview({ document }: { document: GraphDocument }) {
  const { boxes, lines, box } = useMemo(() => {
    const laid = autoLayout(document, {}, { width: 240, height: 130 });
    const at = laid.view?.positions ?? {};
    const points = Object.values(at);
    const width = Math.max(...points.map((p) => p.x)) + NODE_SIZE.width;
    const height = Math.max(...points.map((p) => p.y)) + NODE_SIZE.height;
    const centre = (id: string) => ({ x: (at[id]?.x ?? 0) + NODE_SIZE.width / 2, y: (at[id]?.y ?? 0) + NODE_SIZE.height / 2 });
    return {
      box: `-20 -20 ${width + 40} ${height + 40}`,
      boxes: document.nodes.map((n) => ({ id: n.id, kind: n.type, ...(at[n.id] ?? { x: 0, y: 0 }) })),
      lines: document.edges.map((e) => ({ key: `${e.from}->${e.to}`, a: centre(e.from), b: centre(e.to) })),
    };
  }, [document]);
  return (
    <svg className="template-preview" viewBox={box} role="img" aria-label={`${document.name}: ${document.nodes.length} nodes`}>
      {lines.map((l) => <line key={l.key} x1={l.a.x} y1={l.a.y} x2={l.b.x} y2={l.b.y} />)}
      {boxes.map((b) => <rect key={b.id} x={b.x} y={b.y} width={NODE_SIZE.width} height={NODE_SIZE.height} rx={14} className={`template-preview__node template-preview__node--${b.kind}`} />)}
    </svg>
  );
}
