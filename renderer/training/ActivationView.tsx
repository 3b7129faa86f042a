/**
 * What the selected node "sees", in full: its output for the probe image as a
 * grid of heat maps with one colour scale (conv and pool nodes) or a bar strip
 * (vectors), its kernels and weight histograms, and the weights of any epoch.
 * Also where the probe image is chosen (by index or at random) and the canvas
 * strips are turned on or off. The data come from the live activations store
 * (renderer/activations/liveActivations.ts), which the canvas strips share, so
 * this view and every node always show the same image and weights.
 */
import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { ProbedActivation } from '../../engine/training/protocol';
import { describeImage, selectedNodeId, type LiveActivations } from '../activations/liveActivations';
import type { DocumentStore } from '../store/documentStore';
import { useEditor } from '../store/useEditor';
import { maxMagnitude, paintHeatmap, valueRange } from './heatmap';
import { ImageThumb } from './ImageThumb';
import type { TrainingClient } from './trainingClient';
import '../activations/activations.css';

const MAX_MAPS = 16;

function FeatureMaps({ activation }: { activation: ProbedActivation }) {
  const holder = useRef<HTMLDivElement>(null);
  const [channels, height, width] = activation.shape.length === 3 ? (activation.shape as [number, number, number]) : [1, 1, activation.shape[0] ?? 0];
  useEffect(() => {
    const canvases = holder.current?.querySelectorAll('canvas');
    if (!canvases) return;
    const { low, high } = valueRange(activation.data);
    canvases.forEach((canvas, c) => paintHeatmap(canvas, activation.data, c * height * width, height, width, low, high));
  }, [activation, height, width]);
  if (activation.shape.length !== 3) {
    const max = maxMagnitude(activation.data);
    return (
      <div className="bars" data-testid="activation-bars">
        {Array.from(activation.data.slice(0, 64), (v, i) => (
          <span key={i} className="bars__bar" title={`${i}: ${v.toPrecision(3)}`} style={{ height: `${(Math.abs(v) / max) * 100}%`, opacity: v < 0 ? 0.4 : 1 }} />
        ))}
      </div>
    );
  }
  return (
    <div className="maps" ref={holder} data-testid="feature-maps">
      {Array.from({ length: Math.min(channels, MAX_MAPS) }, (_, c) => <canvas key={c} className="maps__map" aria-label={`channel ${c}`} />)}
      {channels > MAX_MAPS && <span>+{channels - MAX_MAPS} more</span>}
    </div>
  );
}

/** A convolution's kernels, one small image per (filter, input channel), on one colour scale. */
function Kernels({ kernels }: { kernels: ProbedActivation }) {
  const holder = useRef<HTMLDivElement>(null);
  const [outC = 0, inC = 0, kH = 0, kW = 0] = kernels.shape;
  const shown = Math.min(outC * inC, 48);
  useEffect(() => {
    const canvases = holder.current?.querySelectorAll('canvas');
    if (!canvases) return;
    const limit = maxMagnitude(kernels.data);
    canvases.forEach((canvas, k) => paintHeatmap(canvas, kernels.data, k * kH * kW, kH, kW, -limit, limit));
  }, [kernels, kH, kW]);
  return (
    <div className="kernels" ref={holder} data-testid="kernels" style={{ gridTemplateColumns: `repeat(${Math.min(inC === 1 ? outC : inC, 8) || 1}, 1fr)` }}>
      {Array.from({ length: shown }, (_, k) => <canvas key={k} className="kernels__kernel" aria-label={`filter ${Math.floor(k / inC)}, input channel ${k % inC}`} />)}
    </div>
  );
}

function epochWords(epoch: number | undefined, running: boolean): string {
  if (epoch === undefined) return running ? 'now (live)' : 'after the last epoch';
  return epoch === 0 ? 'before training' : `after epoch ${epoch}`;
}

export function ActivationView({ client, store, live }: { client: TrainingClient; store: DocumentStore; live: LiveActivations }) {
  const nodeId = selectedNodeId(useEditor(store));
  const shown = useSyncExternalStore(live.subscribe, live.getState);
  const runState = useSyncExternalStore(client.subscribe, () => client.getState().state);
  const epochsDone = useSyncExternalStore(client.subscribe, () => client.getState().epochs.length);
  const running = runState === 'running';
  // The slider reaches the latest weights at its right end; an epoch past those done means "latest".
  const epoch = shown.epoch !== undefined && shown.epoch < epochsDone ? shown.epoch : undefined;
  const { image } = shown;
  const activation = nodeId ? shown.nodes.get(nodeId) : undefined;
  const details = shown.details?.nodeId === nodeId ? shown.details : undefined;
  const message = shown.message ?? (runState === 'idle' ? 'Train the network to see what each node sees.' : undefined);
  return (
    <section className="activations" aria-label="Activations">
      <h3>{nodeId ? `What ${nodeId} sees` : 'What the nodes see'}</h3>
      <label className="training__field">
        test image
        <input type="number" min={0} max={shown.testCount - 1} value={image.kind === 'sample' ? image.index : ''} placeholder="drawing" data-testid="activation-sample"
          onChange={(e) => live.selectSample(Number(e.target.value) || 0)} />
      </label>
      <button type="button" title="Another test image, chosen at random" data-testid="activation-random" onClick={() => live.random()}>Random image</button>
      <label className="activations__toggle">
        <input type="checkbox" checked={shown.enabled} data-testid="activations-on-canvas" onChange={(e) => live.setEnabled(e.target.checked)} />
        show on every node of the canvas
      </label>
      {epochsDone > 0 && (
        <label className="training__field">
          {epochWords(epoch, running)}
          <input type="range" min={0} max={epochsDone} value={epoch ?? epochsDone} data-testid="activation-epoch" aria-label="Weights after epoch"
            onChange={(e) => live.setEpoch(Number(e.target.value) >= epochsDone ? undefined : Number(e.target.value))} />
        </label>
      )}
      {shown.input && <ImageThumb bytes={shown.input.bytes} shape={shown.input.shape} label={describeImage(image)} />}
      {message && <p className="inspector__empty">{message}</p>}
      {!nodeId && <p className="activations__source">Select a node on the canvas to see all its feature maps, kernels and weights.</p>}
      {activation && <FeatureMaps activation={activation} />}
      {shown.label !== undefined && <p className="training__reason">label of this image: {shown.label}</p>}
      {details && details.histograms.length > 0 && (
        <div className="histograms" data-testid="histograms">
          {details.histograms.map((h) => (
            <figure key={h.name} className="histogram">
              <div className="bars" role="img" aria-label={`histogram of ${h.name} from ${h.min.toPrecision(3)} to ${h.max.toPrecision(3)}`}>
                {h.counts.map((c, i) => <span key={i} className="bars__bar" style={{ height: `${(c / Math.max(1, ...h.counts)) * 100}%` }} />)}
              </div>
              <figcaption>{h.name}: {h.min.toPrecision(2)} … {h.max.toPrecision(2)}</figcaption>
            </figure>
          ))}
        </div>
      )}
      {details?.kernels && (
        <>
          <h3>Its kernels</h3>
          <Kernels kernels={details.kernels} />
        </>
      )}
    </section>
  );
}
