/**
 * A run's loss per step, kept to a fixed number of points whatever the run's
 * length: once it holds MAX_LOSS_POINTS, neighbouring points are merged in
 * pairs (their mean, at the later step) and each point stands for twice as
 * many steps from then on. A 30-minute run (tens of thousands of steps) costs
 * the page's memory and the chart's redraw what a two-minute run does, and
 * the curve's shape is kept: a point is the mean loss of the steps it covers.
 */

export const MAX_LOSS_POINTS = 4096;

export interface LossSeries {
  /** The last step each point covers. */
  readonly steps: readonly number[];
  /** The mean loss of the steps each point covers. */
  readonly losses: readonly number[];
  /** How many steps a full point covers (1 until the run outgrows MAX_LOSS_POINTS, then 2, 4, …). */
  readonly stepsPerPoint: number;
  /** How many steps the last point covers so far (it fills up to stepsPerPoint before a new one starts). */
  readonly lastPointSteps: number;
  /** Every step that arrived, for the chart's label. */
  readonly stepCount: number;
}

export const EMPTY_LOSS_SERIES: LossSeries = { steps: [], losses: [], stepsPerPoint: 1, lastPointSteps: 0, stepCount: 0 };

/** The series with `losses[i]` at `steps[i]` added (a new series: the state it lives in is immutable). */
export function appendLosses(series: LossSeries, steps: ArrayLike<number>, losses: ArrayLike<number>, maxPoints = MAX_LOSS_POINTS): LossSeries {
  const pointSteps = [...series.steps];
  const pointLosses = [...series.losses];
  let { stepsPerPoint, lastPointSteps } = series;
  for (let i = 0; i < losses.length; i++) {
    const last = pointLosses.length - 1;
    if (last >= 0 && lastPointSteps < stepsPerPoint) {
      pointLosses[last] = (pointLosses[last]! * lastPointSteps + losses[i]!) / (lastPointSteps + 1);
      pointSteps[last] = steps[i]!;
      lastPointSteps++;
      continue;
    }
    if (pointLosses.length === maxPoints) {
      lastPointSteps = halve(pointSteps, pointLosses, stepsPerPoint, lastPointSteps);
      stepsPerPoint *= 2;
      i--; // the step goes into the merged series: its last point may have room now
      continue;
    }
    pointSteps.push(steps[i]!);
    pointLosses.push(losses[i]!);
    lastPointSteps = 1;
  }
  return { steps: pointSteps, losses: pointLosses, stepsPerPoint, lastPointSteps, stepCount: series.stepCount + losses.length };
}

/** Merges points in pairs, in place; returns how many steps the new last point covers. */
function halve(steps: number[], losses: number[], stepsPerPoint: number, lastPointSteps: number): number {
  const count = losses.length;
  let lastSteps = 0;
  for (let pair = 0; 2 * pair < count; pair++) {
    const a = 2 * pair;
    const b = a + 1;
    const weightA = a === count - 1 ? lastPointSteps : stepsPerPoint;
    if (b === count) {
      steps[pair] = steps[a]!;
      losses[pair] = losses[a]!;
      lastSteps = weightA;
      continue;
    }
    const weightB = b === count - 1 ? lastPointSteps : stepsPerPoint;
    steps[pair] = steps[b]!;
    losses[pair] = (losses[a]! * weightA + losses[b]! * weightB) / (weightA + weightB);
    lastSteps = weightA + weightB;
  }
  const kept = Math.ceil(count / 2);
  steps.length = kept;
  losses.length = kept;
  return lastSteps;
}
