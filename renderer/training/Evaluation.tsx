/**
 * After a run: test accuracy per class and the confusion matrix (rows: actual
 * class, columns: predicted). Each cell opens the test images behind it, and
 * choosing one makes it the probe image: every node on the canvas, and the
 * activations view, shows what it sees in it.
 */
import { useState, useSyncExternalStore } from 'react';
import type { LiveActivations } from '../activations/liveActivations';
import { ImageThumb } from './ImageThumb';
import type { TrainingClient } from './trainingClient';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

type Gallery = { actual: number; predicted: number; indices: number[]; images: Uint8Array; shape: number[] } | { message: string };

export function EvaluationView({ client, live }: { client: TrainingClient; live: LiveActivations }) {
  const evaluation = useSyncExternalStore(client.subscribe, () => client.getState().evaluation);
  const image = useSyncExternalStore(live.subscribe, () => live.getState().image);
  const [gallery, setGallery] = useState<Gallery | undefined>();
  // A new run brings a new matrix: no cell's images stay open from the last one.
  const [galleryOf, setGalleryOf] = useState(evaluation);
  if (galleryOf !== evaluation) {
    setGalleryOf(evaluation);
    setGallery(undefined);
  }
  if (!evaluation) return <p className="inspector__empty" data-testid="evaluation-empty">Train the network to see its confusion matrix.</p>;
  const { classNames, accuracy, perClassAccuracy, confusion } = evaluation;
  const most = Math.max(1, ...confusion.flat());
  const sample = image.kind === 'sample' ? image.index : undefined;
  const open = async (actual: number, predicted: number) => {
    const reply = await client.examples(actual, predicted);
    setGallery(reply.ok ? { actual, predicted, indices: reply.indices, images: reply.images, shape: reply.shape } : { message: reply.message });
  };
  const size = 'shape' in (gallery ?? {}) ? (gallery as { shape: number[] }).shape.reduce((a, b) => a * b, 1) : 0;
  return (
    <section className="evaluation" aria-label="Evaluation" data-testid="evaluation">
      <h3>Test set: {pct(accuracy)}</h3>
      <table className="confusion">
        <caption>rows: actual class · columns: predicted · click a cell to see its images</caption>
        <thead>
          <tr><th />{classNames.map((_, j) => <th key={j} scope="col">{j}</th>)}<th scope="col">acc.</th></tr>
        </thead>
        <tbody>
          {confusion.map((row, i) => (
            <tr key={i}>
              <th scope="row" title={classNames[i]}>{i}</th>
              {row.map((n, j) => (
                <td key={j} style={{ background: `rgba(47, 111, 222, ${(n / most) * (i === j ? 0.6 : 1)})` }}>
                  {n > 0 && (
                    <button type="button" className="confusion__cell" data-testid={`confusion-${i}-${j}`} title={`${classNames[i]} predicted as ${classNames[j]}: ${n}`} onClick={() => void open(i, j)}>{n}</button>
                  )}
                </td>
              ))}
              <td>{pct(perClassAccuracy[i] ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {gallery && 'message' in gallery && <p className="inspector__empty">{gallery.message}</p>}
      {gallery && 'indices' in gallery && (
        <figure className="gallery" data-testid="gallery">
          <figcaption>
            {classNames[gallery.actual]} predicted as {classNames[gallery.predicted]}: {gallery.indices.length === 48 ? 'the first 48' : gallery.indices.length} test image{gallery.indices.length === 1 ? '' : 's'}
            <button type="button" aria-label="Close the images" onClick={() => setGallery(undefined)}>×</button>
          </figcaption>
          <div className="gallery__images">
            {gallery.indices.map((index, k) => (
              <button type="button" key={index} className={index === sample ? 'gallery__image gallery__image--chosen' : 'gallery__image'} title={`test image ${index}: show what each node sees`} onClick={() => live.selectSample(index)}>
                <ImageThumb bytes={gallery.images.subarray(k * size, (k + 1) * size)} shape={gallery.shape} label={`test image ${index}`} />
              </button>
            ))}
          </div>
        </figure>
      )}
    </section>
  );
}
