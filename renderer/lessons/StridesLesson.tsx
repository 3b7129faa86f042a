/**
 * Lesson 8, strides: the stride-s output beside the stride-1 output, whose
 * kept positions it shows (the others are ghosts no one computes), the input
 * pixels no window reads when the stride does not tile the input, and the
 * output size formula with the numbers.
 */
import { useMemo } from 'react';
import type { LessonPadding } from '../../engine/lessons/kernels';
import { strides } from '../../engine/lessons/strides';
import type { WorkspaceServices } from '../workspace/services';
import { Formula } from './Formula';
import { fitCell, HeatmapGrid, magnitudeOf } from './HeatmapGrid';
import { KernelSelect, kernelOf } from './KernelSelect';
import { LessonFrame } from './LessonFrame';
import { PicturePicker } from './PicturePicker';
import { usePicture } from './usePicture';
import { useLessonValues } from './useLessonValues';
import { useWidth } from './useWidth';

const GHOST = 'rgba(120, 120, 120, 0.75)';
const UNREAD = 'rgba(224, 33, 138, 0.55)';

export function StridesLesson({ services }: { services: WorkspaceServices }) {
  const [values, change] = useLessonValues('strides', services.ui);
  const { picture, problem } = usePicture(values['picture']!);
  const kernel = useMemo(() => kernelOf(values['kernel']!), [values['kernel']]);
  const stride = Math.max(1, Math.min(6, Number(values['stride']) || 1));
  const padding = values['padding'] as LessonPadding;
  const result = useMemo(() => (picture ? strides(picture, kernel, stride, padding) : undefined), [picture, kernel, stride, padding]);
  const [room, roomWidth] = useWidth<HTMLDivElement>();
  const cell = picture ? fitCell(Math.max(picture.width, picture.height), (roomWidth - 60) / 2) : 6;
  const ghosts = useMemo(() => result?.kept.map((k) => 1 - k), [result]);
  const unreadCount = result?.unread.reduce((a, b) => a + b, 0) ?? 0;
  const { rows } = result?.plan ?? {};
  return (
    <LessonFrame lesson="strides" testId="lesson-strides">
      <div ref={room}>
        <div className="lesson__controls">
          <PicturePicker value={values['picture']!} onChange={(name) => change({ picture: name })} testId="strides-picture" />
          <KernelSelect kernel={kernel} onChange={(text) => change({ kernel: text })} testId="strides-kernel" />
          <label>stride <input type="number" min={1} max={6} value={stride} data-testid="strides-stride" onChange={(e) => Number.isInteger(e.target.valueAsNumber) && change({ stride: String(e.target.valueAsNumber) })} /></label>
          <label>
            padding{' '}
            <select value={padding} data-testid="strides-padding" onChange={(e) => change({ padding: e.target.value })}>
              <option value="valid">valid</option>
              <option value="same">same</option>
            </select>
          </label>
        </div>
        {problem && <p className="lesson__problem" role="alert">{problem}</p>}
        {picture && result && ghosts && rows && (
          <>
            <Formula testId="strides-formula" tex={`\\text{out} = \\left\\lfloor \\frac{\\text{in} + p - k}{s} \\right\\rfloor + 1 = \\left\\lfloor \\frac{${rows.inSize} + ${rows.padBefore + rows.padAfter} - ${rows.kernel}}{${stride}} \\right\\rfloor + 1 = ${rows.outSize}`} />
            <p className="lesson__numbers" data-testid="strides-summary">
              The stride-{stride} output keeps <strong data-testid="strides-kept">{result.keptAt.length}</strong> of the {result.stride1.height * result.stride1.width} stride-1 outputs;
              {' '}<strong data-testid="strides-unread">{unreadCount}</strong> input pixel{unreadCount === 1 ? ' is' : 's are'} read by no window{unreadCount > 0 ? ' (pink: the stride does not tile the input)' : ''}.
            </p>
            <div className="lesson__pictures">
              <figure>
                <HeatmapGrid grid={picture} scale="picture" cellSize={cell} label="input, unread pixels marked" testId="strides-input" mask={{ cells: result.unread, colour: UNREAD }} />
                <figcaption>{picture.name}; pink: read by no window</figcaption>
              </figure>
              <figure>
                <HeatmapGrid grid={{ channels: 1, ...result.stride1 }} scale="diverging" cellSize={cell} label="stride-1 output, skipped positions gray" testId="strides-stride1" mask={{ cells: ghosts, colour: GHOST }} magnitude={magnitudeOf(result.stride1.data)} />
                <figcaption>stride 1, {result.stride1.height}×{result.stride1.width}; gray: the positions stride {stride} skips</figcaption>
              </figure>
              <figure>
                <HeatmapGrid grid={{ channels: 1, ...result.strided }} scale="diverging" cellSize={Math.max(cell, Math.floor((cell * result.stride1.width) / Math.max(1, result.strided.width)))} label={`stride-${stride} output`} testId="strides-strided" magnitude={magnitudeOf(result.stride1.data)} />
                <figcaption>stride {stride}, {result.strided.height}×{result.strided.width}: the kept values, side by side</figcaption>
              </figure>
            </div>
          </>
        )}
      </div>
    </LessonFrame>
  );
}
