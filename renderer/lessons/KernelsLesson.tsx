/**
 * Lesson 1, kernels: a picture, a kernel (the lecture's edge detect and
 * sharpen, the classic filters, or typed in), and the output beside it, all
 * computed by the engine's CPU reference backend as the student changes
 * anything. Pointing at an output pixel outlines its window on the input and
 * takes the sum apart: the pixels, the weights, the products, the total.
 */
import { useMemo, useState } from 'react';
import { convolvePicture, explainPixel, type Kernel, type LessonPadding } from '../../engine/lessons/kernels';
import type { WorkspaceServices } from '../workspace/services';
import { addKernelNode } from './addKernelNode';
import { Formula, texNumber } from './Formula';
import { fitCell, HeatmapGrid, type Cell } from './HeatmapGrid';
import { KernelSelect, kernelOf, kernelText } from './KernelSelect';
import { KernelLearner } from './KernelLearner';
import { LessonFrame } from './LessonFrame';
import { NumberGrid } from './NumberGrid';
import { PicturePicker } from './PicturePicker';
import { usePicture } from './usePicture';
import { useLessonValues } from './useLessonValues';
import { useWidth } from './useWidth';

export function KernelsLesson({ services }: { services: WorkspaceServices }) {
  const [values, change] = useLessonValues('kernels', services.ui);
  const { picture, problem } = usePicture(values['picture']!);
  const kernel = useMemo(() => kernelOf(values['kernel']!), [values['kernel']]);
  const padding = values['padding'] as LessonPadding;
  const output = useMemo(() => (picture ? convolvePicture(picture, kernel, padding) : undefined), [picture, kernel, padding]);
  const [pointed, setPointed] = useState<Cell | undefined>();
  const at = output && pointed && pointed.y < output.height && pointed.x < output.width ? pointed : output ? { y: Math.floor(output.height / 2), x: Math.floor(output.width / 2) } : undefined;
  const explained = picture && at ? explainPixel(picture, kernel, padding, at.y, at.x) : undefined;
  const [room, roomWidth] = useWidth<HTMLDivElement>();
  // Input and output side by side, each as big as half the panel allows.
  const cell = picture ? fitCell(Math.max(picture.width, picture.height), (roomWidth - 64) / 2) : 8;
  const outputValue = explained?.sum ?? 0;

  return (
    <LessonFrame lesson="kernels" testId="lesson-kernels">
      <div ref={room}>
      <div className="lesson__controls">
        <PicturePicker value={values['picture']!} onChange={(name) => change({ picture: name })} testId="kernels-picture" />
        <KernelSelect kernel={kernel} onChange={(text) => change({ kernel: text })} testId="kernels-preset" />
        <label>
          size{' '}
          <select value={kernel.size} data-testid="kernels-size" onChange={(e) => change({ kernel: resized(kernel, Number(e.target.value)) })}>
            <option value={3}>3×3</option>
            <option value={5}>5×5</option>
          </select>
        </label>
        <label>
          Padding{' '}
          <select value={padding} data-testid="kernels-padding" onChange={(e) => change({ padding: e.target.value })}>
            <option value="same">same (zeros around)</option>
            <option value="valid">valid (window inside)</option>
          </select>
        </label>
        <button type="button" data-testid="kernels-add" onClick={() => addKernelNode(services.store, kernel, padding)}>Add to graph</button>
      </div>
      {problem && <p className="lesson__problem" role="alert">{problem}</p>}
      {picture && output && explained && at && (
        <>
          <div className="lesson__pictures">
            <figure>
              <HeatmapGrid grid={picture} scale="picture" cellSize={cell} label={`input: ${picture.name}`} testId="kernels-input"
                outline={{ top: explained.top, left: explained.left, height: kernel.size, width: kernel.size }} />
              <figcaption>{picture.name}{picture.channels === 3 ? ' (in colour; the kernel sees its gray)' : ''}</figcaption>
            </figure>
            <figure>
              <HeatmapGrid grid={{ channels: 1, ...output }} scale="diverging" cellSize={cell} label="output" testId="kernels-output" cursor={at} onCursor={(c) => c && setPointed(c)} />
              <figcaption>output, {output.height}×{output.width} (blue below 0, orange above); point at a pixel</figcaption>
            </figure>
          </div>
          <div className="lesson__explain">
            <div>
              <h3>Pixels under the window</h3>
              <NumberGrid rows={kernel.size} columns={kernel.size} values={explained.terms.map((t) => t.input)} label="pixels under the window" testId="kernels-window"
                highlight={new Set(explained.terms.flatMap((t, i) => (t.padded ? [i] : [])))} />
            </div>
            <span className="lesson__operator">×</span>
            <div>
              <h3>Kernel (type to change it)</h3>
              <NumberGrid rows={kernel.size} columns={kernel.size} values={kernel.values} label="kernel" testId="kernels-kernel"
                onChange={(i, v) => change({ kernel: kernelText({ ...kernel, values: kernel.values.map((old, j) => (j === i ? v : old)) }) })} />
            </div>
            <span className="lesson__operator">=</span>
            <div>
              <h3>Products</h3>
              <NumberGrid rows={kernel.size} columns={kernel.size} values={explained.terms.map((t) => t.product)} label="products" testId="kernels-products" />
            </div>
          </div>
          <p className="lesson__result">
            Output at row {at.y}, column {at.x}: <strong data-testid="kernels-value">{formatValue(outputValue)}</strong>
            {' '}(the sum of the {kernel.size * kernel.size} products: <span data-testid="kernels-sum">{formatValue(explained.terms.reduce((s, t) => s + t.product, 0))}</span>)
          </p>
          <Formula tex={`S(${at.y},${at.x}) = \\sum_{m,n} I(${at.y}+m-p,\\,${at.x}+n-p)\\,K(m,n),\\quad p = ${padding === 'same' ? (kernel.size - 1) / 2 : 0}`} />
          <Formula testId="kernels-formula" tex={`S(${at.y},${at.x}) = ${sumTex(explained.terms.map((t) => t.product))} = ${texNumber(outputValue)}`} />
          <KernelLearner picture={picture} />
        </>
      )}
      </div>
    </LessonFrame>
  );
}

function formatValue(v: number): string {
  return (Math.abs(v) < 5e-13 ? 0 : v).toFixed(3).replace('-', '−');
}

/** The products as a sum, the first few written out for a 5×5 kernel. */
function sumTex(products: number[]): string {
  const shown = products.length > 9 ? products.slice(0, 6) : products;
  const terms = shown.map((p, i) => (i > 0 && p < 0 ? `- ${texNumber(-p, 2)}` : `${i > 0 ? '+ ' : ''}${texNumber(p, 2)}`)).join(' ');
  return products.length > shown.length ? `${terms} + \\dots` : terms;
}

/** The same kernel at another size: its middle kept, zeros around (5×5) or the outer ring dropped (3×3). */
function resized(kernel: Kernel, size: number): string {
  if (size === kernel.size) return kernelText(kernel);
  const values = Array.from({ length: size * size }, (_, k) => {
    const offset = (kernel.size - size) / 2;
    const i = Math.floor(k / size) + offset;
    const j = (k % size) + offset;
    return i >= 0 && j >= 0 && i < kernel.size && j < kernel.size ? kernel.values[i * kernel.size + j]! : 0;
  });
  return kernelText({ size, values });
}
