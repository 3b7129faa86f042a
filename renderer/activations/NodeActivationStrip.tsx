/**
 * A node's live output, drawn small inside its card on the canvas: the first
 * feature maps of a C×H×W output (one colour scale per node), a bar strip for
 * a vector (dense, softmax), the probe image for the input node. Nothing
 * before any run or with the strips turned off.
 *
 * Cheap by design, since every node repaints a few times a second while a run
 * trains: the component re-renders only when its own node's data object
 * changes (see useNodeActivation), and the pixels are painted in an effect on
 * a fixed set of canvases, never as React elements.
 */
import { useEffect, useRef } from 'react';
import { ImageThumb } from '../training/ImageThumb';
import { paintHeatmap, valueRange } from '../training/heatmap';
import type { NodeActivation } from './liveActivations';
import { paintBars } from './paintBars';
import { useNodeActivation } from './useNodeActivation';
import './activations.css';

/** Enough to see what a layer picks up, few enough to fit a node card. */
export const MAX_STRIP_MAPS = 8;
export const MAX_STRIP_BARS = 32;

export function NodeActivationStrip({ nodeId, nodeType }: { nodeId: string; nodeType: string }) {
  const entry = useNodeActivation(nodeId);
  if (!entry) return null;
  if (nodeType === 'input' && entry.image) return <InputStrip entry={entry} image={entry.image} />;
  return entry.shape.length === 3 ? <MapStrip entry={entry} /> : <BarStrip entry={entry} />;
}

function InputStrip({ entry, image }: { entry: NodeActivation; image: NonNullable<NodeActivation['image']> }) {
  return (
    <div className="strip strip--image" data-testid={`strip-${entry.nodeId}`} role="img" aria-label={`${entry.nodeId}: ${entry.source}`}>
      <ImageThumb bytes={image.bytes} shape={image.shape} label={entry.source} className="strip__image" />
    </div>
  );
}

function MapStrip({ entry }: { entry: NodeActivation }) {
  const holder = useRef<HTMLDivElement>(null);
  const [channels = 0, height = 0, width = 0] = entry.shape;
  const shown = Math.min(channels, MAX_STRIP_MAPS);
  useEffect(() => {
    const canvases = holder.current?.querySelectorAll('canvas');
    if (!canvases) return;
    // One scale over all the node's channels (not only those shown), so the maps compare with each other.
    const { low, high } = valueRange(entry.data);
    canvases.forEach((canvas, c) => paintHeatmap(canvas, entry.data, c * height * width, height, width, low, high));
  }, [entry, height, width]);
  const more = channels - shown;
  return (
    <div className="strip strip--maps" ref={holder} data-testid={`strip-${entry.nodeId}`} role="img"
      aria-label={`${entry.nodeId}: ${channels} feature map${channels === 1 ? '' : 's'} for ${entry.source}${more > 0 ? `, the first ${shown} shown` : ''}`}>
      {Array.from({ length: shown }, (_, c) => <canvas key={c} className="strip__map" />)}
      {more > 0 && <span className="strip__more">+{more} more</span>}
    </div>
  );
}

function BarStrip({ entry }: { entry: NodeActivation }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const count = entry.data.length;
  const shown = Math.min(count, MAX_STRIP_BARS);
  useEffect(() => {
    if (canvas.current) paintBars(canvas.current, entry.data, shown);
  }, [entry, shown]);
  const more = count - shown;
  return (
    <div className="strip strip--bars" data-testid={`strip-${entry.nodeId}`} role="img"
      aria-label={`${entry.nodeId}: ${count} value${count === 1 ? '' : 's'} for ${entry.source}${more > 0 ? `, the first ${shown} shown` : ''}`}>
      <canvas ref={canvas} className="strip__bars" />
      {more > 0 && <span className="strip__more">+{more} more</span>}
    </div>
  );
}
