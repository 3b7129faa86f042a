/**
 * What the selected node "sees": its output for one test image, as a grid of
 * heat maps with one colour scale (conv and pool nodes) or a bar strip
 * (vectors). Refreshed about once a second while training runs.
 */
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { Histogram } from '../../engine/training/histogram';
import type { ProbedActivation } from '../../engine/training/protocol';
import { paintHeatmap } from './heatmap';
import { ImageThumb } from './ImageThumb';
import type { TrainingClient } from './trainingClient';

const MAX_MAPS = 16;

function FeatureMaps({ activation }: { activation: ProbedActivation }) {
  const holder = useRef<HTMLDivElement>(null);
  const [channels, height, width] = activation.shape.length === 3 ? (activation.shape as [number, number, number]) : [1, 1, activation.shape[0] ?? 0];
  useEffect(() => {
    const canvases = holder.current?.querySelectorAll('canvas');
    if (!canvases) return;
    let low = Infinity;
    let high = -Infinity;
    for (const v of activation.data) [low, high] = [Math.min(low, v), Math.max(high, v)];
    canvases.forEach((canvas, c) => paintHeatmap(canvas, activation.data, c * height * width, height, width, low, high));
  }, [activation, height, width]);
  if (activation.shape.length !== 3) {
    const max = Math.max(1e-9, ...Array.from(activation.data, Math.abs));
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
    const limit = Math.max(1e-9, ...Array.from(kernels.data, Math.abs));
    canvases.forEach((canvas, k) => paintHeatmap(canvas, kernels.data, k * kH * kW, kH, kW, -limit, limit));
  }, [kernels, kH, kW]);
  return (
    <div className="kernels" ref={holder} data-testid="kernels" style={{ gridTemplateColumns: `repeat(${Math.min(inC === 1 ? outC : inC, 8) || 1}, 1fr)` }}>
      {Array.from({ length: shown }, (_, k) => <canvas key={k} className="kernels__kernel" aria-label={`filter ${Math.floor(k / inC)}, input channel ${k % inC}`} />)}
    </div>
  );
}

/** How many test images there are, once a run has evaluated them (the worker clamps an index past the end). */
function testImageCount(client: TrainingClient): number {
  const evaluation = client.getState().evaluation;
  return evaluation ? evaluation.confusion.flat().reduce((a, b) => a + b, 0) : 10_000;
}

export function ActivationView({ client, nodeId, running }: { client: TrainingClient; nodeId?: string; running: boolean }) {
  // The test image is the panel's choice (this field, a random pick, or an image of the confusion matrix).
  const sample = useSyncExternalStore(client.subscribe, () => client.getState().sample);
  const epochsDone = useSyncExternalStore(client.subscribe, () => client.getState().epochs.length);
  // undefined: the latest weights (live while training); a number: as they were after that epoch (0: before training).
  const [epoch, setEpoch] = useState<number | undefined>();
  const shownEpoch = epoch !== undefined && epoch < epochsDone ? epoch : undefined;
  const [result, setResult] = useState<{ activation?: ProbedActivation; kernels?: ProbedActivation; histograms?: Histogram[]; message?: string; label?: number; input?: { bytes: Uint8Array; shape: number[] } }>({});
  useEffect(() => {
    if (!nodeId) return;
    let cancelled = false;
    const ask = async () => {
      const reply = await client.probe({ kind: 'sample', index: sample }, [nodeId], shownEpoch);
      if (cancelled) return;
      if (reply.type === 'probe-failed') setResult({ message: reply.message });
      else setResult({ activation: reply.activations[0], kernels: reply.kernels[0], histograms: reply.histograms, input: { bytes: reply.input, shape: reply.inputShape }, ...(reply.label !== undefined ? { label: reply.label } : {}) });
    };
    void ask();
    const timer = running && shownEpoch === undefined ? window.setInterval(() => void ask(), 1000) : undefined;
    return () => {
      cancelled = true;
      if (timer !== undefined) window.clearInterval(timer);
    };
  }, [client, nodeId, sample, running, shownEpoch]);
  if (!nodeId) return null;
  return (
    <section className="activations" aria-label="Activations">
      <h3>What {nodeId} sees</h3>
      <label className="training__field">
        test image
        <input type="number" min={0} max={9999} value={sample} data-testid="activation-sample" onChange={(e) => client.selectSample(Number(e.target.value) || 0)} />
      </label>
      <button type="button" title="Another test image, chosen at random" data-testid="activation-random" onClick={() => client.selectSample(Math.floor(Math.random() * testImageCount(client)))}>Random image</button>
      {epochsDone > 0 && (
        <label className="training__field">
          {shownEpoch === undefined ? (running ? 'now (live)' : 'after the last epoch') : shownEpoch === 0 ? 'before training' : `after epoch ${shownEpoch}`}
          <input type="range" min={0} max={epochsDone} value={shownEpoch ?? epochsDone} data-testid="activation-epoch" aria-label="Weights after epoch"
            onChange={(e) => setEpoch(Number(e.target.value) >= epochsDone ? undefined : Number(e.target.value))} />
        </label>
      )}
      {result.input && <ImageThumb bytes={result.input.bytes} shape={result.input.shape} label={`test image ${sample}`} />}
      {result.message && <p className="inspector__empty">{result.message}</p>}
      {result.activation && <FeatureMaps activation={result.activation} />}
      {result.label !== undefined && <p className="training__reason">label of this image: {result.label}</p>}
      {result.histograms && result.histograms.length > 0 && (
        <div className="histograms" data-testid="histograms">
          {result.histograms.map((h) => (
            <figure key={h.name} className="histogram">
              <div className="bars" role="img" aria-label={`histogram of ${h.name} from ${h.min.toPrecision(3)} to ${h.max.toPrecision(3)}`}>
                {h.counts.map((c, i) => <span key={i} className="bars__bar" style={{ height: `${(c / Math.max(1, ...h.counts)) * 100}%` }} />)}
              </div>
              <figcaption>{h.name}: {h.min.toPrecision(2)} … {h.max.toPrecision(2)}</figcaption>
            </figure>
          ))}
        </div>
      )}
      {result.kernels && (
        <>
          <h3>Its kernels</h3>
          <Kernels kernels={result.kernels} />
        </>
      )}
    </section>
  );
}
