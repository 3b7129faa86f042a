/**
 * Lesson 2, sparse interactions and receptive fields, on the open graph:
 * every node's output as a grid (channels folded into one map, vectors in
 * rows). Click a unit of any node and the units it depends on light up in
 * every node before it, down to the input pixels; click an input pixel and
 * the units it influences light up in every node after it. Exact at the
 * borders and under padding (engine/lessons/receptiveField.ts), with each
 * windowed node's field size, jump and start, and the chosen layer against
 * the same map as a dense layer.
 */
import { extentOf } from '../../engine/shapes/windowArithmetic';
import { useMemo } from 'react';
import { denseComparison, dependsOn, fieldStats, influences, unitIndex, type AxisField } from '../../engine/lessons/receptiveField';
import type { GraphAnalysis } from '../../engine';
import { useEditor } from '../store/useEditor';
import type { WorkspaceServices } from '../workspace/services';
import { Formula } from './Formula';
import { fitCell, HeatmapGrid, type Grid } from './HeatmapGrid';
import { LessonFrame } from './LessonFrame';
import { usePicture } from './usePicture';
import { useLessonValues } from './useLessonValues';
import { useWidth } from './useWidth';

const LIT = 'rgba(224, 33, 138, 0.75)';
/** A vector is drawn in rows of this many units. */
const ROW = 30;

/** A node's units as a grid: H×W for C×H×W (channels folded), rows of ROW for a vector. */
function layoutOf(shape: readonly number[]): { height: number; width: number; fold: (unit: number) => number; unfold: (y: number, x: number) => number } {
  if (shape.length === 3) {
    const [, h, w] = shape as [number, number, number];
    return { height: h, width: w, fold: (u) => u % (h * w), unfold: (y, x) => y * w + x };
  }
  const size = shape.reduce((a, b) => a * b, 1);
  const width = Math.min(ROW, size);
  return { height: Math.ceil(size / width), width, fold: (u) => u, unfold: (y, x) => Math.min(size - 1, y * width + x) };
}

const axisText = (rows: AxisField, cols: AxisField) => `field ${rows.size}×${cols.size}, jump ${rows.jump}×${cols.jump}, start (${rows.start}, ${cols.start})`;

export function FieldsLesson({ services }: { services: WorkspaceServices }) {
  const [values, change] = useLessonValues('fields', services.ui);
  const { document, analysis } = useEditor(services.store);
  const { picture } = usePicture('mnist:0');
  const [room, roomWidth] = useWidth<HTMLDivElement>();
  const nodes = analysis.topology.order.filter((id) => analysis.infoOf.has(id));
  const inputId = analysis.topology.inputId;
  const direction = values['direction'] === 'influences' ? 'influences' : 'depends';
  const chosen = direction === 'influences' ? inputId : nodes.includes(values['node']!) ? values['node']! : [...nodes].reverse().find((id) => (analysis.infoOf.get(id)?.outputShape.length ?? 0) === 3);
  const result = useMemo(() => {
    const shape = chosen ? analysis.infoOf.get(chosen)?.outputShape : undefined;
    if (!chosen || !shape) return undefined;
    let unit: number;
    try {
      unit = unitIndex(shape, values['unit'] ?? '');
    } catch {
      unit = unitIndex(shape, '');
    }
    const masks = direction === 'depends' ? dependsOn(document, analysis, chosen, unit) : influences(document, analysis, chosen, unit);
    return { unit, masks, stats: fieldStats(document, analysis), dense: denseComparison(analysis, chosen) };
  }, [document, analysis, chosen, direction, values]);
  if (!result || !chosen) return <LessonFrame lesson="fields" testId="lesson-fields"><p>Open a graph with an input node to follow its units.</p></LessonFrame>;
  const choose = (id: string, unit: number) => {
    const shape = analysis.infoOf.get(id)!.outputShape;
    const text = shape.length === 3 ? `${Math.floor(unit / (shape[1]! * shape[2]!))},${Math.floor(unit / shape[2]!) % shape[1]!},${unit % shape[2]!}` : String(unit);
    change(id === inputId ? { direction: 'influences', node: id, unit: text } : { direction: 'depends', node: id, unit: text });
  };
  const cell = (shape: readonly number[]) => fitCell(Math.max(layoutOf(shape).width, layoutOf(shape).height), Math.min(170, (roomWidth - 60) / 3));
  const litCount = (id: string) => result.masks.get(id)?.reduce((a, b) => a + b, 0) ?? 0;
  const inputPixels = inputId ? litCount(inputId) : 0;
  return (
    <LessonFrame lesson="fields" testId="lesson-fields">
      <div ref={room}>
        <p className="lesson__numbers" data-testid="fields-summary">
          {direction === 'depends'
            ? <>Unit {values['unit'] || 'in the middle'} of <strong>{chosen}</strong> depends on <strong data-testid="fields-input-pixels">{inputPixels}</strong> input pixels.</>
            : <>Input pixel {values['unit'] || 'in the middle'} influences the units lit below, layer by layer.</>}
          {' '}Click any unit of any node to follow it; click an input pixel to see where it reaches.
        </p>
        {result.stats.get(chosen) && direction === 'depends' && <FieldFormula analysis={analysis} node={chosen} stats={result.stats} />}
        {result.dense && (
          <p data-testid="fields-dense">
            <strong>{chosen}</strong> as a dense layer: {result.dense.denseConnections.toLocaleString('en-US')} connections (m·n = {result.dense.outputs.toLocaleString('en-US')} × {result.dense.inputs.toLocaleString('en-US')}) and as many weights;
            as a convolution: {result.dense.connections.toLocaleString('en-US')} connections (each output reads only its window, so at most k·m; fewer where windows meet the zero padding) and {result.dense.parameters.toLocaleString('en-US')} weights.
          </p>
        )}
        <div className="lesson__pictures fields__nodes">
          {nodes.map((id) => {
            const shape = analysis.infoOf.get(id)!.outputShape;
            const layout = layoutOf(shape);
            const mask = result.masks.get(id);
            const folded = new Uint8Array(layout.height * layout.width);
            mask?.forEach((v, u) => v && (folded[layout.fold(u)] = 1));
            const background: Grid = id === inputId && picture && picture.height === layout.height && picture.width === layout.width
              ? { channels: 1, height: layout.height, width: layout.width, data: picture.data }
              : { channels: 1, height: layout.height, width: layout.width, data: new Float64Array(layout.height * layout.width) };
            const stats = result.stats.get(id);
            return (
              <figure key={id} data-testid={`fields-node-${id}`}>
                <HeatmapGrid grid={background} scale="picture" cellSize={cell(shape)} label={`${id}: ${shape.join('×')}, ${litCount(id)} units lit`} testId={`fields-grid-${id}`}
                  mask={{ cells: folded, colour: LIT }} onPick={(c) => choose(id, layout.unfold(c.y, c.x))} />
                <figcaption>
                  <strong>{id}</strong> {shape.join('×')}: <span data-testid={`fields-lit-${id}`}>{litCount(id)}</span> lit
                  {stats && document.nodes.find((n) => n.id === id)?.type !== 'input' && <><br /><span data-testid={`fields-stats-${id}`}>{axisText(stats.rows, stats.cols)}</span></>}
                </figcaption>
              </figure>
            );
          })}
        </div>
      </div>
    </LessonFrame>
  );
}

/** The field's growth at the chosen node, in the lecture's terms, with its numbers: r = r_in + (k − 1)·j_in, j = j_in·s. */
function FieldFormula({ analysis, node, stats }: { analysis: GraphAnalysis; node: string; stats: ReturnType<typeof fieldStats> }) {
  const plan = analysis.infoOf.get(node)?.window;
  const from = stats.get(analysis.topology.inputsOf.get(node)?.[0] ?? '');
  const here = stats.get(node);
  if (!plan || !from || !here) return null;
  return (
    <Formula testId="fields-formula" tex={`r = r_{in} + (k-1)\\,j_{in} = ${from.rows.size} + (${extentOf(plan.rows)}-1)\\cdot ${from.rows.jump} = ${here.rows.size},\\qquad j = j_{in}\\, s = ${from.rows.jump} \\cdot ${plan.rows.stride} = ${here.rows.jump}`} />
  );
}
