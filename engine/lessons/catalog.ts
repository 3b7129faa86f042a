/**
 * The lessons, declared once: id, title, the lecture's concept, the options
 * and what `convstudio lesson NAME --json` prints. The Learn views, the
 * command palette, the Help sheet's links and `convstudio lesson --help` all
 * read this list; each lesson's view computes with the same functions.
 */
import { costTable, measureCosts, SLIDE_CASE, type CostCase, type ConvKind } from './costs';
import { convolvePicture, explainPixel, KERNEL_PRESET_NAMES, parseKernel, type LessonPadding } from './kernels';
import { LessonOptionError, parseChoice, parseInteger, parsePadding, parsePair, type LessonOption } from './options';
import type { Picture } from './picture';

/** What a lesson needs from its host: pictures by name (a data set's image, the photograph, a file) and a clock. */
export interface LessonHost {
  loadPicture(spec: string): Promise<Picture>;
  now(): number;
}

export interface LessonDeclaration {
  id: string;
  title: string;
  /** The lecture's words for the idea. */
  concept: string;
  summary: string;
  options: readonly LessonOption[];
  run(values: Readonly<Record<string, string>>, host: LessonHost): Promise<unknown>;
}

export const PICTURE_HELP = 'mnist:N or fashion-mnist:N (test image N), photo (the bundled photograph), flat:V (a 28×28 patch of value V), or a PNG file';

export const LESSONS = [
  {
    id: 'kernels',
    title: 'Kernels',
    concept: 'Kernels: the convolution operation',
    summary: 'a picture convolved with a kernel, and one output pixel taken apart: window, products, sum',
    options: [
      { name: 'picture', help: PICTURE_HELP, default: 'mnist:0' },
      { name: 'kernel', help: `${KERNEL_PRESET_NAMES.join(', ')}, or 9 or 25 numbers ("0 -1 0 -1 5 -1 0 -1 0")`, default: 'edge-detect' },
      { name: 'padding', help: 'valid (the window stays inside) or same (zero padding keeps the size)', default: 'same', choices: ['valid', 'same'] },
      { name: 'at', help: 'the output pixel to take apart, ROW,COLUMN (default: the middle)', default: '' },
    ],
    async run(values, host) {
      const kernel = parseOr('kernel', () => parseKernel(values['kernel'] ?? 'edge-detect'));
      const padding = parseChoice<LessonPadding>('padding', values['padding'] ?? 'same', ['valid', 'same']);
      const picture = await loadOr('picture', host, values['picture'] ?? 'mnist:0');
      const output = convolvePicture(picture, kernel, padding);
      const at = values['at'] ? parsePair('at', values['at'], 0, 1 << 20) : [Math.floor(output.height / 2), Math.floor(output.width / 2)] as const;
      const explained = parseOr('at', () => explainPixel(picture, kernel, padding, at[0], at[1]));
      return {
        lesson: 'kernels',
        picture: { name: picture.name, channels: picture.channels, height: picture.height, width: picture.width },
        kernel, padding,
        output: { height: output.height, width: output.width, ...rangeOf(output.data), data: Array.from(output.data) },
        explained,
      };
    },
  },
  {
    id: 'costs',
    title: 'Computational costs',
    concept: 'Sparse interactions: the computational-costs table',
    summary: 'stored floats and float multiplies or adds of a convolution, the same map as a dense matrix and as a sparse one, and the two timed',
    options: [
      { name: 'preset', help: 'slide (the lecture’s 320×280 picture and 2×1 kernel) or none (the options below)', default: 'slide', choices: ['slide', 'none'] },
      { name: 'layer', help: 'conv2d (shared kernel) or locallyConnected2d (a kernel per position)', default: 'conv2d', choices: ['conv2d', 'locallyConnected2d'] },
      { name: 'input', help: 'the input, CHANNELSxHEIGHTxWIDTH', default: '1x28x28' },
      { name: 'filters', help: 'output channels', default: '1' },
      { name: 'kernel', help: 'kernel rows x columns', default: '3x3' },
      { name: 'strides', help: 'strides, rows x columns', default: '1x1' },
      { name: 'padding', help: 'valid, same or full', default: 'valid', choices: ['valid', 'same', 'full'] },
      { name: 'measure', help: 'yes: time the convolution and the dense product on this machine', default: 'no', choices: ['yes', 'no'] },
    ],
    async run(values, host) {
      const c = costCaseOf(values);
      const table = parseOr('kernel', () => costTable(c));
      const measured = values['measure'] === 'yes' ? measureCosts(c, () => host.now()) : undefined;
      return { lesson: 'costs', ...table, ...(measured ? { measured } : {}) };
    },
  },
] as const satisfies readonly LessonDeclaration[];

export type LessonId = (typeof LESSONS)[number]['id'];

export function findLesson(id: string): LessonDeclaration | undefined {
  return (LESSONS as readonly LessonDeclaration[]).find((l) => l.id === id);
}

/** The cost case the options describe: the slide's, or the one spelled out. */
export function costCaseOf(values: Readonly<Record<string, string>>): CostCase {
  if (parseChoice('preset', values['preset'] ?? 'slide', ['slide', 'none']) === 'slide') return SLIDE_CASE;
  const input = (values['input'] ?? '1x28x28').split(/[x×,]/);
  if (input.length !== 3) throw new LessonOptionError('input', `expected CHANNELSxHEIGHTxWIDTH such as 1x28x28, not "${values['input']}"`);
  const [inChannels, height, width] = input.map((p) => parseInteger('input', p.trim(), 1, 100_000)) as [number, number, number];
  return {
    layer: parseChoice<ConvKind>('layer', values['layer'] ?? 'conv2d', ['conv2d', 'locallyConnected2d']),
    inChannels, height, width,
    filters: parseInteger('filters', values['filters'] ?? '1', 1, 4096),
    kernel: parsePair('kernel', values['kernel'] ?? '3x3', 1, 1024),
    strides: parsePair('strides', values['strides'] ?? '1x1', 1, 1024),
    padding: parsePadding('padding', values['padding'] ?? 'valid'),
  };
}

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
