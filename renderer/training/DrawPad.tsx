/**
 * Draw a digit with the mouse and see the class probabilities the trained
 * network gives it. Predicting also makes the drawing the probe image, so
 * every node on the canvas (and the activations view) shows what it sees in it.
 */
import { useRef, useState } from 'react';
import type { LiveActivations } from '../activations/liveActivations';
import type { DocumentStore } from '../store/documentStore';
import { useEditor } from '../store/useEditor';
import type { TrainingClient } from './trainingClient';

const SIZE = 28;
const SCALE = 6;

export function DrawPad({ client, store, live }: { client: TrainingClient; store: DocumentStore; live: LiveActivations }) {
  const { analysis } = useEditor(store);
  const outputId = analysis.topology.outputId;
  const inputShape = analysis.infoOf.get(analysis.topology.inputId ?? '')?.outputShape ?? [];
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [probabilities, setProbabilities] = useState<number[]>();
  const [message, setMessage] = useState<string>();
  if (inputShape.join('×') !== '1×28×28') return <p className="inspector__empty">The drawing pad draws 1×28×28 images; this network takes {inputShape.join('×')}.</p>;

  const stroke = (event: React.PointerEvent<HTMLCanvasElement>) => {
    const c = canvas.current;
    const g = c?.getContext('2d');
    if (!c || !g || !drawing.current) return;
    const box = c.getBoundingClientRect();
    g.fillStyle = '#fff';
    g.beginPath();
    g.arc(((event.clientX - box.left) / box.width) * SIZE, ((event.clientY - box.top) / box.height) * SIZE, 1.3, 0, Math.PI * 2);
    g.fill();
  };
  const clear = () => {
    const g = canvas.current?.getContext('2d');
    if (g) {
      g.fillStyle = '#000';
      g.fillRect(0, 0, SIZE, SIZE);
    }
    setProbabilities(undefined);
  };
  const predict = async () => {
    const g = canvas.current?.getContext('2d');
    if (!g || !outputId) return;
    const pixels = g.getImageData(0, 0, SIZE, SIZE).data;
    const bytes = Uint8Array.from({ length: SIZE * SIZE }, (_, i) => pixels[i * 4] ?? 0);
    live.setImage({ kind: 'pixels', bytes });
    // The probabilities are asked for here, not read from the live store: they show even with the
    // canvas strips turned off.
    const reply = await client.probe({ kind: 'pixels', bytes }, [outputId]);
    if (!reply.ok) return setMessage(reply.message);
    setMessage(undefined);
    return setProbabilities(Array.from(reply.activations[0]?.data ?? []));
  };
  const best = probabilities ? probabilities.indexOf(Math.max(...probabilities)) : -1;
  return (
    <section className="draw-pad" aria-label="Draw and predict">
      <h3>Draw and predict</h3>
      <canvas
        ref={(c) => {
          canvas.current = c;
          if (c && !c.dataset['ready']) {
            c.dataset['ready'] = '1';
            clear();
          }
        }}
        width={SIZE}
        height={SIZE}
        style={{ width: SIZE * SCALE, height: SIZE * SCALE }}
        className="draw-pad__canvas"
        data-testid="draw-pad"
        aria-label="drawing pad: draw a digit with the mouse"
        onPointerDown={(e) => {
          drawing.current = true;
          stroke(e);
        }}
        onPointerMove={stroke}
        onPointerUp={() => {
          drawing.current = false;
          void predict();
        }}
      />
      <div className="training__buttons">
        <button type="button" onClick={() => void predict()}>Predict</button>
        <button type="button" onClick={clear}>Clear</button>
      </div>
      {message && <p className="inspector__empty">{message}</p>}
      {probabilities && (
        <ol className="probabilities" start={0} data-testid="prediction" data-best={best}>
          {probabilities.map((p, i) => (
            <li key={i} className={i === best ? 'probabilities__best' : ''}>
              <span className="probabilities__bar" style={{ width: `${p * 100}%` }} /> {i}: {(p * 100).toFixed(1)}%
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
