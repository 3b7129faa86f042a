/**
 * Lesson 6, multiple channels and feature maps: a colour picture's three
 * channels, each convolved with its slice of the chosen filter's kernel; the
 * slices' maps summed with the bias give that filter's feature map (equal to
 * the layer's own output). Pointing at a pixel of any map shows the numbers
 * at every stage; the parameter count is written out with the layer's numbers.
 */
import { useMemo, useState } from 'react';
import { breakDown, channelLayer } from '../../engine/lessons/channels';
import type { WorkspaceServices } from '../workspace/services';
import { Formula, texNumber } from './Formula';
import { fitCell, HeatmapGrid, magnitudeOf, type Cell } from './HeatmapGrid';
import { LessonFrame } from './LessonFrame';
import { NumberGrid } from './NumberGrid';
import { PicturePicker } from './PicturePicker';
import { usePicture } from './usePicture';
import { useLessonValues } from './useLessonValues';
import { useWidth } from './useWidth';

const CHANNEL_NAMES = ['red', 'green', 'blue'];

export function ChannelsLesson({ services }: { services: WorkspaceServices }) {
  const [values, change] = useLessonValues('channels', services.ui);
  const { picture, problem } = usePicture(values['picture']!);
  const filters = Math.max(1, Math.min(8, Number(values['filters']) || 4));
  const kernel = values['kernel'] === '5' ? 5 : 3;
  const seed = Number(values['seed']) || 1;
  const filter = Math.min(filters - 1, Math.max(0, (Number(values['filter']) || 1) - 1));
  const layer = useMemo(() => (picture ? channelLayer(picture, { filters, kernel, seed }) : undefined), [picture, filters, kernel, seed]);
  const parts = useMemo(() => (picture && layer ? breakDown(picture, layer, kernel, filter) : undefined), [picture, layer, kernel, filter]);
  const [pointed, setPointed] = useState<Cell | undefined>();
  const [room, roomWidth] = useWidth<HTMLDivElement>();
  if (!picture || !layer || !parts) return <LessonFrame lesson="channels" testId="lesson-channels">{problem ? <p className="lesson__problem" role="alert">{problem}</p> : <p>Loading the picture…</p>}</LessonFrame>;
  const cell = fitCell(Math.max(picture.width, picture.height), (roomWidth - 80) / Math.max(3, layer.inChannels + 1));
  const at = pointed && pointed.y < picture.height && pointed.x < picture.width ? pointed : { y: Math.floor(picture.height / 2), x: Math.floor(picture.width / 2) };
  const index = at.y * picture.width + at.x;
  const sliceValues = parts.slices.map((s) => s.data[index]!);
  const output = layer.outputs[filter]!.data[index]!;
  const scale = Math.max(...parts.slices.map((s) => magnitudeOf(s.data)), magnitudeOf(parts.sum.data));
  const plane = picture.height * picture.width;
  return (
    <LessonFrame lesson="channels" testId="lesson-channels">
      <div ref={room}>
        <div className="lesson__controls">
          <PicturePicker value={values['picture']!} onChange={(name) => change({ picture: name })} testId="channels-picture" />
          <label>filters (C<sub>out</sub>) <input type="number" min={1} max={8} value={filters} data-testid="channels-filters" onChange={(e) => Number.isInteger(e.target.valueAsNumber) && change({ filters: String(e.target.valueAsNumber) })} /></label>
          <label>
            kernel{' '}
            <select value={kernel} data-testid="channels-kernel" onChange={(e) => change({ kernel: e.target.value })}>
              <option value={3}>3×3</option>
              <option value={5}>5×5</option>
            </select>
          </label>
          <button type="button" onClick={() => change({ seed: String(seed + 1) })}>New random weights</button>
        </div>
        <Formula testId="channels-parameters" tex={`(C_{in} \\cdot k_h \\cdot k_w + 1) \\cdot C_{out} = (${layer.inChannels} \\cdot ${kernel} \\cdot ${kernel} + 1) \\cdot ${filters} = ${layer.parameters}\\ \\text{parameters}`} />
        <div className="lesson__controls" role="group" aria-label="filter">
          <span>Filter</span>
          {layer.outputs.map((_, f) => (
            <button key={f} type="button" aria-pressed={f === filter} data-testid={`channels-filter-${f + 1}`} onClick={() => change({ filter: String(f + 1) })}>{f + 1}</button>
          ))}
        </div>
        <div className="lesson__pictures">
          {parts.slices.map((slice, ch) => (
            <figure key={ch}>
              <HeatmapGrid grid={{ channels: 1, height: picture.height, width: picture.width, data: picture.data.subarray(ch * plane, (ch + 1) * plane) }} scale="picture" cellSize={cell} label={`input channel ${ch + 1}`} />
              <NumberGrid rows={kernel} columns={kernel} values={parts.kernels[ch]!} label={`filter ${filter + 1}, slice for channel ${ch + 1}`} digits={2} testId={`channels-slice-kernel-${ch + 1}`} />
              <HeatmapGrid grid={{ channels: 1, ...slice }} scale="diverging" magnitude={scale} cellSize={cell} label={`channel ${ch + 1} convolved with its slice`} testId={`channels-slice-${ch + 1}`} cursor={at} onCursor={(c) => c && setPointed(c)} />
              <figcaption>{layer.inChannels === 3 ? CHANNEL_NAMES[ch] : `channel ${ch + 1}`} ∗ its slice: <strong data-testid={`channels-value-${ch + 1}`}>{sliceValues[ch]!.toFixed(3)}</strong></figcaption>
            </figure>
          ))}
          <figure>
            <HeatmapGrid grid={{ channels: 1, ...parts.sum }} scale="diverging" magnitude={scale} cellSize={cell} label={`feature map ${filter + 1}`} testId="channels-sum" cursor={at} onCursor={(c) => c && setPointed(c)} />
            <figcaption>feature map {filter + 1}: the sum plus bias {parts.bias.toFixed(3)}</figcaption>
          </figure>
        </div>
        <Formula testId="channels-formula" tex={`y_{${filter + 1}}(${at.y},${at.x}) = ${sliceValues.map((v, i) => (i > 0 && v < 0 ? `- ${texNumber(-v)}` : `${i > 0 ? '+ ' : ''}${texNumber(v)}`)).join(' ')} ${parts.bias < 0 ? '-' : '+'} ${texNumber(Math.abs(parts.bias))} = ${texNumber(parts.sum.data[index]!)}`} />
        <p className="lesson__numbers">The layer's own output for filter {filter + 1} here: <strong data-testid="channels-output">{output.toFixed(3)}</strong> (the same: a convolution over C<sub>in</sub> channels is the sum of one convolution per channel).</p>
      </div>
    </LessonFrame>
  );
}
