/** Histograms of weights and gradients, for the activations view. */
/** Counts of values in equal bins between min and max. */
export interface Histogram {
  /** `c1.weight` or `c1.weight |gradient|`. */
  name: string;
  min: number;
  max: number;
  counts: number[];
}

export function histogram(name: string, values: ArrayLike<number>, bins = 24): Histogram {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) [min, max] = [Math.min(min, values[i] as number), Math.max(max, values[i] as number)];
  const counts = new Array<number>(bins).fill(0);
  const span = max - min || 1;
  for (let i = 0; i < values.length; i++) {
    const bin = Math.min(bins - 1, Math.floor((((values[i] as number) - min) / span) * bins));
    counts[bin] = (counts[bin] ?? 0) + 1;
  }
  return { name, min, max, counts };
}
