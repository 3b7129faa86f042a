/**
 * Lesson 10, locally-connected and tiled convolution: a sharing slider on
 * one layer, from convolution (one kernel set) through tiled (t×t sets
 * rotated through space) to locally connected (one per output position):
 * the parameter count with its formula, which set each output position uses,
 * the sets themselves, and the layer's output on a picture; then all three
 * trained side by side (./SharingExperiment.tsx).
 */
import { useMemo } from 'react';
import { levelName, sharingLayer, sharingLevels } from '../../engine/lessons/sharing';
import type { SharingDataset } from '../../engine/lessons/sharingExperiment';
import type { WorkspaceServices } from '../workspace/services';
import { Formula } from './Formula';
import { fitCell, HeatmapGrid } from './HeatmapGrid';
import { LessonFrame } from './LessonFrame';
import { NumberGrid } from './NumberGrid';
import { PicturePicker } from './PicturePicker';
import { SharingExperiment } from './SharingExperiment';
import { usePicture } from './usePicture';
import { useLessonValues } from './useLessonValues';
import { useWidth } from './useWidth';

export function SharingLesson({ services }: { services: WorkspaceServices }) {
  const [values, change] = useLessonValues('sharing', services.ui);
  const { picture, problem } = usePicture(values['picture']!);
  const levels = useMemo(() => (picture ? sharingLevels(picture.height - 2, picture.width - 2) : []), [picture]);
  const index = Math.max(0, Math.min(levels.length - 1, Number(values['level']) || 0));
  const level = levels[index];
  const result = useMemo(() => (picture && level ? sharingLayer(picture, level) : undefined), [picture, level]);
  const [room, roomWidth] = useWidth<HTMLDivElement>();
  const cell = result ? fitCell(Math.max(result.output.width, result.output.height), (roomWidth - 60) / 2) : 6;
  const setShades = useMemo(() => (result ? { channels: 1, height: result.output.height, width: result.output.width, data: Float64Array.from(result.setMap, (s) => (result.sets === 1 ? 0.5 : 0.15 + (0.85 * s) / (result.sets - 1))) } : undefined), [result]);
  return (
    <LessonFrame lesson="sharing" testId="lesson-sharing">
      <div ref={room}>
        <div className="lesson__controls">
          <PicturePicker value={values['picture']!} onChange={(name) => change({ picture: name })} testId="sharing-picture" />
          <label className="sharing__slider">
            sharing{' '}
            <input type="range" min={0} max={Math.max(0, levels.length - 1)} step={1} value={index} data-testid="sharing-level"
              aria-valuetext={level ? levelName(level) : ''} onChange={(e) => change({ level: e.target.value })} />
            {' '}<strong data-testid="sharing-name">{level ? levelName(level) : ''}</strong>
          </label>
        </div>
        {problem && <p className="lesson__problem" role="alert">{problem}</p>}
        {result && setShades && (
          <>
            <Formula testId="sharing-formula" tex={`\\text{parameters} = \\underbrace{${result.sets}}_{\\text{kernel sets}} \\cdot \\underbrace{${result.perSet}}_{C_{in} k_h k_w C_{out}} + \\underbrace{${result.biases}}_{\\text{biases}} = ${result.parameters}`} />
            <p className="lesson__numbers">Parameters: <strong data-testid="sharing-parameters">{result.parameters.toLocaleString('en-US')}</strong> · kernel sets: <strong data-testid="sharing-sets">{result.sets.toLocaleString('en-US')}</strong></p>
            <div className="lesson__pictures">
              <figure>
                <HeatmapGrid grid={setShades} scale="picture" cellSize={cell} label="which kernel set each output position uses" testId="sharing-map" />
                <figcaption>which kernel set each output position uses (one shade per set)</figcaption>
              </figure>
              <figure>
                <HeatmapGrid grid={{ channels: 1, ...result.output }} scale="diverging" cellSize={cell} label="the layer's output" testId="sharing-output" />
                <figcaption>the layer's output on {picture?.name}</figcaption>
              </figure>
            </div>
            <div className="lesson__explain">
              {result.kernels.map((k, s) => (
                <div key={s}>
                  <h3>set {s + 1}</h3>
                  <NumberGrid rows={3} columns={3} values={k} label={`kernel set ${s + 1}`} digits={2} />
                </div>
              ))}
              {result.sets > result.kernels.length && <p>… and {(result.sets - result.kernels.length).toLocaleString('en-US')} more sets</p>}
            </div>
          </>
        )}
        <SharingExperiment dataset={values['dataset'] as SharingDataset} onDataset={(dataset) => change({ dataset })} />
      </div>
    </LessonFrame>
  );
}
