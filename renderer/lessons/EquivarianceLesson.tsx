/**
 * Lesson 4, parameter sharing and equivariance: shift the input and compare
 * the layer of the shifted picture with the shifted output of the layer,
 * and their difference, zero everywhere but a border band for a shared
 * kernel and not for a locally-connected layer. Pointing at a kernel weight
 * lights up every input pixel that weight multiplies.
 */
import { useMemo, useState } from 'react';
import { equivariance, pixelsMultipliedBy, shiftMap, type SharingLayer } from '../../engine/lessons/equivariance';
import type { LessonPadding } from '../../engine/lessons/kernels';
import { toGray } from '../../engine/lessons/picture';
import type { WorkspaceServices } from '../workspace/services';
import { openLesson } from './explain';
import { Formula, texNumber } from './Formula';
import { fitCell, HeatmapGrid, magnitudeOf } from './HeatmapGrid';
import { KernelSelect, kernelOf } from './KernelSelect';
import { LessonFrame } from './LessonFrame';
import { NumberGrid } from './NumberGrid';
import { PicturePicker } from './PicturePicker';
import { ShiftControl } from './ShiftControl';
import { usePicture } from './usePicture';
import { useLessonValues } from './useLessonValues';
import { useWidth } from './useWidth';

export const MAX_SHIFT = 6;
const BAND = 'rgba(90, 90, 90, 0.35)';
const MET = 'rgba(224, 33, 138, 0.55)';

export function EquivarianceLesson({ services }: { services: WorkspaceServices }) {
  const [values, change] = useLessonValues('equivariance', services.ui);
  const { picture, problem } = usePicture(values['picture']!);
  const kernel = useMemo(() => kernelOf(values['kernel']!), [values['kernel']]);
  const layer = values['layer'] as SharingLayer;
  const padding = values['padding'] as LessonPadding;
  const relu = values['relu'] === 'yes';
  const [dy, dx] = [Number(values['dy']), Number(values['dx'])];
  const result = useMemo(() => (picture ? equivariance(picture, { kernel, layer, padding, relu, dy, dx, seed: 1 }) : undefined), [picture, kernel, layer, padding, relu, dy, dx]);
  const [weight, setWeight] = useState<number | undefined>();
  const [room, roomWidth] = useWidth<HTMLDivElement>();
  const gray = picture && toGray(picture);
  const cell = gray ? fitCell(Math.max(gray.width, gray.height), (roomWidth - 60) / 2) : 6;
  const shifted = gray && shiftMap({ height: gray.height, width: gray.width, data: gray.data }, dy, dx);
  const met = gray && weight !== undefined && result
    ? pixelsMultipliedBy(gray.height, gray.width, kernel.size, padding, Math.floor(weight / kernel.size), weight % kernel.size, layer, { y: Math.floor(result.difference.height / 2), x: Math.floor(result.difference.width / 2) })
    : undefined;
  const scale = result ? Math.max(magnitudeOf(result.layerOfShifted.data), magnitudeOf(result.shiftedOutput.data)) : 1;
  const shared = layer === 'conv2d';
  return (
    <LessonFrame lesson="equivariance" testId="lesson-equivariance">
      <div ref={room}>
        <div className="lesson__controls">
          <PicturePicker value={values['picture']!} onChange={(name) => change({ picture: name })} testId="equivariance-picture" />
          <KernelSelect kernel={kernel} onChange={(text) => change({ kernel: text })} testId="equivariance-kernel" />
          <label>
            Layer{' '}
            <select value={layer} data-testid="equivariance-layer" onChange={(e) => change({ layer: e.target.value })}>
              <option value="conv2d">conv2d (one kernel, shared)</option>
              <option value="locallyConnected2d">locallyConnected2d (a kernel per position)</option>
            </select>
          </label>
          <label>
            Padding{' '}
            <select value={padding} data-testid="equivariance-padding" onChange={(e) => change({ padding: e.target.value })}>
              <option value="same">same</option>
              <option value="valid">valid</option>
            </select>
          </label>
          <label>
            <input type="checkbox" checked={relu} data-testid="equivariance-relu" onChange={(e) => change({ relu: e.target.checked ? 'yes' : 'no' })} /> then ReLU
          </label>
          <ShiftControl dy={dy} dx={dx} max={MAX_SHIFT} onChange={(y, x) => change({ dy: String(y), dx: String(x) })} testId="equivariance-shift" />
        </div>
        {problem && <p className="lesson__problem" role="alert">{problem}</p>}
        {result && shifted && (
          <>
            <div className="lesson__pictures">
              <figure>
                <HeatmapGrid grid={{ channels: 1, ...shifted }} scale="picture" cellSize={cell} label="the shifted input" testId="equivariance-input" mask={met && { cells: met, colour: MET }} />
                <figcaption>shift(x), by {dy} down, {dx} right</figcaption>
              </figure>
              <figure>
                <HeatmapGrid grid={{ channels: 1, ...result.layerOfShifted }} scale="diverging" magnitude={scale} cellSize={cell} label="the layer of the shifted input" testId="equivariance-layer-of-shifted" />
                <figcaption>{relu ? 'relu(conv(shift(x)))' : 'conv(shift(x))'}</figcaption>
              </figure>
              <figure>
                <HeatmapGrid grid={{ channels: 1, ...result.shiftedOutput }} scale="diverging" magnitude={scale} cellSize={cell} label="the shifted output" testId="equivariance-shifted-output" />
                <figcaption>{relu ? 'shift(relu(conv(x)))' : 'shift(conv(x))'}</figcaption>
              </figure>
              <figure>
                <HeatmapGrid grid={{ channels: 1, ...result.difference }} scale="diverging" magnitude={scale} cellSize={cell} label="their difference" testId="equivariance-difference" mask={{ cells: result.band, colour: BAND }} />
                <figcaption>difference; gray: the border band</figcaption>
              </figure>
            </div>
            <Formula tex={`\\max_{\\text{outside the band}} \\bigl|\\, ${relu ? '\\mathrm{relu}(' : ''}K * T_{(${dy},${dx})} I${relu ? ')' : ''} \\;-\\; T_{(${dy},${dx})} ${relu ? '\\mathrm{relu}(' : '('}K * I) \\,\\bigr| = ${texNumber(result.largestInside)}`} testId="equivariance-formula" />
            <p className="lesson__numbers">
              Largest |difference| away from the border band: <strong data-testid="equivariance-inside">{result.largestInside.toPrecision(3)}</strong>
              {' '}· in the band: <strong data-testid="equivariance-band">{result.largestInBand.toPrecision(3)}</strong>
            </p>
            <p>
              {shared
                ? 'One kernel slides over every position, so moving the picture moves the output by the same amount: the difference is exactly 0 away from the band.'
                : 'Each position has a kernel of its own (here the chosen kernel, each weight scaled by a random factor between 0.5 and 1.5), so a shifted picture meets other weights: the difference is not 0 anywhere the picture has detail.'}
              {' '}The band is where the two cannot agree even with sharing: along the edges the picture moved across, a window reaches a pixel the shift pushed out of the frame, or sees pixels its unshifted partner (off the map) never had. Zero padding alone changes nothing: with no shift there is no band.
              {relu && ' A ReLU after the layer acts on each value alone, so it keeps the equality.'}
              {' '}Pooling does not: <button type="button" className="concept__open" onClick={() => openLesson(services.ui, services.registry.context, 'pooling')}>see Pooling and invariance</button>.
            </p>
            <div>
              <h3>Point at a weight of the kernel: the input pixels it multiplies light up {shared ? '(all of them: the weight is shared)' : '(one: in this layer it belongs to one position, the middle one)'}</h3>
              <NumberGrid rows={kernel.size} columns={kernel.size} values={kernel.values} label="kernel weights" onPoint={setWeight} testId="equivariance-weights" />
            </div>
          </>
        )}
      </div>
    </LessonFrame>
  );
}
