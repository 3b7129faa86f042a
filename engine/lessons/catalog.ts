/**
 * What each lesson of ./lessons.ts computes for `convstudio lesson NAME
 * --json`, from the same functions its view calls.
 */
import { costCaseOf, costTable, measureCosts } from './costs';
import { equivariance, type SharingLayer } from './equivariance';
import type { GraphAnalysis } from '../graph/analyze';
import type { GraphDocument } from '../graph/schema';
import { denseComparison, dependsOn, fieldStats, influences, unitIndex } from './receptiveField';
import { convolvePicture, explainPixel, parseKernel, type LessonPadding } from './kernels';
import { learnKernel } from './learnKernel';
import { LESSONS, type LessonId, type LessonInfo } from './lessons';
import { LessonOptionError, parseChoice, parseInteger, parsePair } from './options';
import type { Picture } from './picture';
import { DIRECTIONS, invariance } from './pooling';
import { lessonGrid, padded, PADDING_MODES, stackSizes } from './padding';
import { strides } from './strides';
import { levelName, sharingLayer, sharingLevels } from './sharing';
import { toeplitzCaseOf, toeplitzNumbers } from './toeplitz';
import { stepThroughOf } from './stepThrough';
import { breakDown, channelLayer } from './channels';
import type { Experiment } from './experiment';
import { poolingExperiment } from './poolingExperiment';
import { SHARING_DATASETS, sharingExperiment } from './sharingExperiment';
import { trainExperiment } from './trainArm';
import type { Dataset } from '../data/dataset';

export { LESSONS, type LessonId, type LessonInfo } from './lessons';

/** What a lesson needs from its host: pictures by name (a data set's image, the photograph, a file), graph documents, and a clock. */
export interface LessonHost {
  loadPicture(spec: string): Promise<Picture>;
  loadGraph(spec: string): Promise<{ document: GraphDocument; analysis: GraphAnalysis }>;
  /** A data set by name, built with seed 1 (a synthetic one from the bundled set it is based on). */
  loadDataset(name: string): Promise<Dataset>;
  /** Where a long computation stands (the experiment's training), for a progress line. */
  progress?(text: string): void;
  now(): number;
}

type Values = Readonly<Record<string, string>>;

const RUNS: Record<LessonId, (values: Values, host: LessonHost) => Promise<unknown>> = {
  async kernels(values, host) {
    const kernel = parseOr('kernel', () => parseKernel(values['kernel'] ?? 'edge-detect'));
    const padding = parseChoice<LessonPadding>('padding', values['padding'] ?? 'same', ['valid', 'same']);
    const picture = await loadOr('picture', host, values['picture'] ?? 'mnist:0');
    const output = convolvePicture(picture, kernel, padding);
    const at = values['at'] ? parsePair('at', values['at'], 0, 1 << 20) : [Math.floor(output.height / 2), Math.floor(output.width / 2)] as const;
    const explained = parseOr('at', () => explainPixel(picture, kernel, padding, at[0], at[1]));
    const learnSteps = parseInteger('learn', values['learn'] ?? '0', 0, 100_000);
    return {
      lesson: 'kernels',
      picture: describePicture(picture),
      kernel, padding,
      output: { height: output.height, width: output.width, ...rangeOf(output.data), data: Array.from(output.data) },
      explained,
      ...(learnSteps > 0 ? { learned: learnKernel(picture, kernel, learnSteps) } : {}),
    };
  },
  async costs(values, host) {
    const c = costCaseOf(values);
    const table = parseOr('kernel', () => costTable(c));
    const measured = values['measure'] === 'yes' ? measureCosts(c, () => host.now()) : undefined;
    return { lesson: 'costs', ...table, ...(measured ? { measured } : {}) };
  },
  async equivariance(values, host) {
    const kernel = parseOr('kernel', () => parseKernel(values['kernel'] ?? 'edge-detect'));
    const c = {
      kernel,
      layer: parseChoice<SharingLayer>('layer', values['layer'] ?? 'conv2d', ['conv2d', 'locallyConnected2d']),
      padding: parseChoice<LessonPadding>('padding', values['padding'] ?? 'same', ['same', 'valid']),
      relu: parseChoice('relu', values['relu'] ?? 'no', ['yes', 'no']) === 'yes',
      dy: parseInteger('dy', values['dy'] ?? '0', -6, 6),
      dx: parseInteger('dx', values['dx'] ?? '2', -6, 6),
      seed: 1,
    };
    const picture = await loadOr('picture', host, values['picture'] ?? 'mnist:0');
    const result = equivariance(picture, c);
    return {
      lesson: 'equivariance',
      picture: describePicture(picture),
      ...c,
      largestInside: result.largestInside,
      largestInBand: result.largestInBand,
      bandUnits: result.band.reduce((a, b) => a + b, 0),
      difference: { height: result.difference.height, width: result.difference.width, data: Array.from(result.difference.data) },
      band: Array.from(result.band),
    };
  },
  async fields(values, host) {
    let graph;
    try {
      graph = await host.loadGraph(values['graph'] ?? '');
    } catch (error) {
      throw new LessonOptionError('graph', (error as Error).message);
    }
    const { document, analysis } = graph;
    const direction = parseChoice('direction', values['direction'] ?? 'depends', ['depends', 'influences']);
    const nodeId = direction === 'influences' ? (analysis.topology.inputId ?? '') : (values['node'] ?? 'c2');
    const shape = analysis.infoOf.get(nodeId)?.outputShape;
    if (!shape) throw new LessonOptionError('node', `the graph has no node "${nodeId}" with a known output (nodes: ${document.nodes.map((n) => n.id).join(', ')})`);
    const unit = parseOr('unit', () => unitIndex(shape, values['unit'] ?? ''));
    const masks = direction === 'depends' ? dependsOn(document, analysis, nodeId, unit) : influences(document, analysis, nodeId, unit);
    const stats = Object.fromEntries(fieldStats(document, analysis));
    return {
      lesson: 'fields',
      node: nodeId, unit, direction,
      stats,
      units: Object.fromEntries([...masks].map(([id, mask]) => [id, indicesOf(mask)])),
      dense: denseComparison(analysis, nodeId),
    };
  },
  async channels(values, host) {
    const filters = parseInteger('filters', values['filters'] ?? '4', 1, 8);
    const kernel = Number(parseChoice('kernel', values['kernel'] ?? '3', ['3', '5']));
    const filter = parseInteger('filter', values['filter'] ?? '1', 1, filters) - 1;
    const seed = parseInteger('seed', values['seed'] ?? '1', 0, 1_000_000);
    const picture = await loadOr('picture', host, values['picture'] ?? 'photo');
    const at = values['at'] ? parsePair('at', values['at'], 0, 1 << 20) : [Math.floor(picture.height / 2), Math.floor(picture.width / 2)] as const;
    if (at[0] >= picture.height || at[1] >= picture.width) throw new LessonOptionError('at', `pixel (${at[0]}, ${at[1]}) is outside the ${picture.height}×${picture.width} picture`);
    const layer = channelLayer(picture, { filters, kernel, seed });
    const parts = breakDown(picture, layer, kernel, filter);
    const index = at[0] * picture.width + at[1];
    return {
      lesson: 'channels', picture: describePicture(picture), filters, kernel, filter: filter + 1, seed,
      parameters: layer.parameters,
      kernels: parts.kernels, bias: parts.bias,
      at: { row: at[0], column: at[1], slices: parts.slices.map((s) => s.data[index]), sum: parts.sum.data[index], output: layer.outputs[filter]!.data[index] },
    };
  },
  async toeplitz(values) {
    const c = toeplitzCaseOf(values);
    const n = toeplitzNumbers(c);
    const step = stepThroughOf(values);
    return { lesson: 'toeplitz', case: c, outH: n.t.outH, outW: n.t.outW, W: Array.from(n.t.matrix), x: n.x, g: n.g, forward: n.forward, backward: n.backward, kernelGradient: n.kernelGradient, stepThrough: step };
  },
  async sharing(values, host) {
    const picture = await loadOr('picture', host, values['picture'] ?? 'mnist:0');
    const levels = sharingLevels(picture.height - 2, picture.width - 2);
    const level = levels[parseInteger('level', values['level'] ?? '0', 0, levels.length - 1)]!;
    const r = sharingLayer(picture, level);
    const train = parseChoice('train', values['train'] ?? 'no', ['yes', 'no']) === 'yes';
    const dataset = parseChoice('dataset', values['dataset'] ?? 'mnist', SHARING_DATASETS);
    return {
      lesson: 'sharing', picture: describePicture(picture), level, name: levelName(level), levels: levels.map(levelName), sets: r.sets, perSet: r.perSet, biases: r.biases, parameters: r.parameters, setMap: Array.from(r.setMap),
      ...(train ? { experiment: await runExperiment(sharingExperiment(dataset), host) } : {}),
    };
  },
  async padding(values) {
    const [height, width] = parsePair('size', values['size'] ?? '6x6', 2, 16);
    const kernel = parsePair('kernel', values['kernel'] ?? '3x3', 1, 7);
    if (kernel[0] > height || kernel[1] > width) throw new LessonOptionError('kernel', `a ${kernel.join('×')} kernel does not fit a ${height}×${width} input`);
    const c = { height, width, kernel };
    return {
      lesson: 'padding', ...c,
      input: lessonGrid(height, width),
      modes: Object.fromEntries(PADDING_MODES.map((mode) => {
        const r = padded(c, mode);
        return [mode, { padding: { rows: [r.plan.rows.padBefore, r.plan.rows.padAfter], cols: [r.plan.cols.padBefore, r.plan.cols.padAfter] }, output: r.output, visits: r.visits, stack: { rows: stackSizes(height, kernel[0], mode), cols: stackSizes(width, kernel[1], mode) } }];
      })),
    };
  },
  async strides(values, host) {
    const kernel = parseOr('kernel', () => parseKernel(values['kernel'] ?? 'edge-detect'));
    const stride = parseInteger('stride', values['stride'] ?? '2', 1, 6);
    const padding = parseChoice<LessonPadding>('padding', values['padding'] ?? 'valid', ['valid', 'same']);
    const picture = await loadOr('picture', host, values['picture'] ?? 'mnist:0');
    const r = strides(picture, kernel, stride, padding);
    return {
      lesson: 'strides', picture: describePicture(picture), kernel, stride, padding,
      stride1: { height: r.stride1.height, width: r.stride1.width },
      strided: { height: r.strided.height, width: r.strided.width, data: Array.from(r.strided.data) },
      keptAt: r.keptAt,
      unreadPixels: r.unread.reduce((a, b) => a + b, 0),
    };
  },
  async pooling(values, host) {
    const kernel = parseOr('kernel', () => parseKernel(values['kernel'] ?? 'sobel-x'));
    const direction = DIRECTIONS[parseChoice('direction', values['direction'] ?? 'right', ['right', 'left', 'down', 'up'])];
    const maxShift = parseInteger('shifts', values['shifts'] ?? '3', 1, 6);
    const picture = await loadOr('picture', host, values['picture'] ?? 'mnist:0');
    const experiment = parseChoice('experiment', values['experiment'] ?? 'no', ['yes', 'no']) === 'yes';
    const rows = invariance(picture, { kernel, direction, maxShift });
    if (!experiment) return { lesson: 'pooling', picture: describePicture(picture), kernel, direction, rows };
    return { lesson: 'pooling', picture: describePicture(picture), kernel, direction, rows, experiment: await runExperiment(poolingExperiment(), host) };
  },
};

/** Trains every arm of an experiment, telling the host where it stands. */
async function runExperiment(experiment: Experiment, host: LessonHost) {
  const dataset = await host.loadDataset(experiment.settings.dataset);
  const arms = await trainExperiment(experiment, dataset, (arm, step, total) => host.progress?.(`${arm}: step ${step}/${total}`));
  return { settings: experiment.settings, arms };
}

function describePicture(picture: Picture) {
  return { name: picture.name, channels: picture.channels, height: picture.height, width: picture.width };
}

export function findLesson(id: string): (LessonInfo & { run(values: Values, host: LessonHost): Promise<unknown> }) | undefined {
  const lesson = (LESSONS as readonly LessonInfo[]).find((l) => l.id === id);
  return lesson && { ...lesson, run: RUNS[lesson.id as LessonId] };
}

export { costCaseOf } from './costs';
export { DIRECTIONS } from './pooling';
export { unitIndex } from './receptiveField';

function parseOr<T>(option: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof LessonOptionError) throw error;
    throw new LessonOptionError(option, (error as Error).message);
  }
}

async function loadOr(option: string, host: LessonHost, spec: string): Promise<Picture> {
  try {
    return await host.loadPicture(spec);
  } catch (error) {
    throw new LessonOptionError(option, (error as Error).message);
  }
}

function rangeOf(data: Float64Array): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of data) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

function indicesOf(mask: Uint8Array): number[] {
  const out: number[] = [];
  mask.forEach((v, i) => v && out.push(i));
  return out;
}
