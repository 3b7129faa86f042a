/**
 * The lessons, declared once: id, title, the lecture's concept, a summary and
 * the options. Plain data with no engine code behind it, so the desktop
 * menu, the palette, the Help sheet and `convstudio lesson --help` read it
 * cheaply; ./catalog.ts adds what each lesson computes.
 */
import { KERNEL_PRESET_NAMES } from './kernelPresets';
import type { LessonOption } from './options';

export interface LessonInfo {
  id: string;
  title: string;
  /** The lecture's words for the idea. */
  concept: string;
  summary: string;
  options: readonly LessonOption[];
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
      { name: 'kernel', help: `${KERNEL_PRESET_NAMES.join(', ')}, or 9 or 25 numbers, row by row (--kernel="-1 0 1 -2 0 2 -1 0 1": with = when the first is negative)`, default: 'edge-detect' },
      { name: 'padding', help: 'valid (the window stays inside) or same (zero padding keeps the size)', default: 'same', choices: ['valid', 'same'] },
      { name: 'at', help: 'the output pixel to take apart, ROW,COLUMN (default: the middle)', default: '' },
      { name: 'learn', help: 'STEPS: also fit a kernel from zeros to this kernel\'s output by gradient descent (Adam, learning rate 0.1)', default: '0' },
    ],
  },
  {
    id: 'fields',
    title: 'Receptive fields',
    concept: 'Sparse interactions and receptive fields',
    summary: 'the input pixels one unit depends on, through every layer, or the units one input pixel influences; field size, jump and start per layer; the layer against a dense one',
    options: [
      { name: 'graph', help: 'a graph document (in the app: the open graph)', default: 'resources/examples/lenet-5.json' },
      { name: 'node', help: 'the node whose unit is followed back to the input (or, with --direction influences, the input node)', default: 'c2' },
      { name: 'unit', help: 'CHANNEL,ROW,COLUMN (or an index for a vector); default: the middle unit of channel 0', default: '' },
      { name: 'direction', help: 'depends (what the unit reads) or influences (what the input pixel reaches)', default: 'depends', choices: ['depends', 'influences'] },
    ],
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
  },
  {
    id: 'equivariance',
    title: 'Sharing and equivariance',
    concept: 'Parameter sharing and equivariance to translation',
    summary: 'conv(shift(x)) against shift(conv(x)) and their difference: zero away from the border band with a shared kernel, not with a locally-connected layer',
    options: [
      { name: 'picture', help: PICTURE_HELP, default: 'mnist:0' },
      { name: 'kernel', help: 'as for the kernels lesson', default: 'edge-detect' },
      { name: 'layer', help: 'conv2d (one kernel, shared) or locallyConnected2d (a kernel per position)', default: 'conv2d', choices: ['conv2d', 'locallyConnected2d'] },
      { name: 'padding', help: 'same or valid', default: 'same', choices: ['same', 'valid'] },
      { name: 'relu', help: 'yes: a ReLU after the layer', default: 'no', choices: ['yes', 'no'] },
      { name: 'dy', help: 'shift down by this many pixels, -6 to 6 (negative, up: --dy=-2)', default: '0' },
      { name: 'dx', help: 'shift right by this many pixels, -6 to 6 (negative, left: --dx=-2)', default: '2' },
    ],
  },
  {
    id: 'pooling',
    title: 'Pooling and invariance',
    concept: 'Pooling and invariance to small translations',
    summary: 'the fraction of max-pooled units (pool 1, 2, 3, stride 1) whose value survives a shift of the input by 0 to 3 pixels',
    options: [
      { name: 'picture', help: PICTURE_HELP, default: 'mnist:0' },
      { name: 'kernel', help: 'the detector (then ReLU), as for the kernels lesson', default: 'sobel-x' },
      { name: 'direction', help: 'right, left, down or up', default: 'right', choices: ['right', 'left', 'down', 'up'] },
      { name: 'shifts', help: 'the largest shift, 1 to 6 pixels', default: '3' },
      { name: 'experiment', help: 'yes: also train the same small network with and without pooling on shifted-digits (20,000 training images, 1 epoch; test on 2,000; about a minute) and compare test accuracy', default: 'no', choices: ['yes', 'no'] },
    ],
  },
  {
    id: 'channels',
    title: 'Channels',
    concept: 'Multiple channels and feature maps',
    summary: 'each input channel convolved with its slice of a filter\'s kernel, the slices summed with the bias into one feature map, and the parameter count',
    options: [
      { name: 'picture', help: PICTURE_HELP, default: 'photo' },
      { name: 'filters', help: 'output channels (C_out), 1 to 8', default: '4' },
      { name: 'kernel', help: '3 or 5 (square)', default: '3', choices: ['3', '5'] },
      { name: 'filter', help: 'the filter taken apart, 1 to C_out', default: '1' },
      { name: 'seed', help: 'the random weights\' seed', default: '1' },
      { name: 'at', help: 'the pixel whose numbers are printed, ROW,COLUMN (default: the middle)', default: '' },
    ],
  },
  {
    id: 'padding',
    title: 'Zero padding',
    concept: 'Zero padding: valid, same and full',
    summary: 'a small grid under valid, same and full padding: the padded zeros, the output size, how many outputs read each pixel, and five layers in a row',
    options: [
      { name: 'size', help: 'the input grid, ROWSxCOLUMNS, 2 to 16', default: '6x6' },
      { name: 'kernel', help: 'the kernel, ROWSxCOLUMNS, 1 to 7', default: '3x3' },
      { name: 'mode', help: 'the mode the view shows first (the command line prints all three)', default: 'valid', choices: ['valid', 'same', 'full'] },
    ],
  },
  {
    id: 'strides',
    title: 'Strides',
    concept: 'Strides: downsampling by skipping positions',
    summary: 'the stride-s output as the stride-1 output sampled every s positions, the skipped ones, and the input pixels no window reads',
    options: [
      { name: 'picture', help: PICTURE_HELP, default: 'mnist:0' },
      { name: 'kernel', help: 'as for the kernels lesson', default: 'edge-detect' },
      { name: 'stride', help: 'the stride, 1 to 6', default: '2' },
      { name: 'padding', help: 'valid or same', default: 'valid', choices: ['valid', 'same'] },
    ],
  },
  {
    id: 'toeplitz',
    title: 'Backprop as Wᵀ',
    concept: 'Back-propagation as a transposed convolution',
    summary: 'a small convolution as its matrix W (each row an offset copy of the kernel), W·x against the convolution, Wᵀ·g against the input gradient, the kernel gradient as a sum over its copies, and one training step of a tiny network taken apart operation by operation',
    options: [
      { name: 'input', help: 'the input, ROWSxCOLUMNS, up to 8x8', default: '4x4' },
      { name: 'kernel', help: 'the kernel, ROWSxCOLUMNS, up to 5x5', default: '2x2' },
      { name: 'weights', help: 'the kernel\'s numbers, row by row (default 1, 2, 3, …)', default: '' },
      { name: 'stride', help: '1 to 3', default: '1' },
      { name: 'padding', help: 'valid, same or full', default: 'valid', choices: ['valid', 'same', 'full'] },
      { name: 'seed', help: 'the step-through\'s tiny network: the seed its weights are drawn from', default: '1' },
      { name: 'rate', help: 'the step-through\'s SGD learning rate', default: '0.1' },
    ],
  },
  {
    id: 'sharing',
    title: 'Sharing: tiled, local',
    concept: 'Locally-connected and tiled convolution',
    summary: 'one layer from convolution (one kernel set) through tiled (t×t sets) to locally connected (a set per position): parameters, which set each position uses, the sets, the output',
    options: [
      { name: 'picture', help: PICTURE_HELP, default: 'mnist:0' },
      { name: 'level', help: '0: convolution, then tiled 2×2, 3×3, 4×4, and last locally connected', default: '0' },
      { name: 'train', help: 'yes: train all three (the same network with a convolution, a tiled 2×2 and a locally-connected first layer) and compare parameters, time and test accuracy', default: 'no', choices: ['yes', 'no'] },
      { name: 'dataset', help: 'what "train all three" trains on: an MNIST subset or shapes', default: 'mnist', choices: ['mnist', 'shapes'] },
    ],
  },
] as const satisfies readonly LessonInfo[];

export type LessonId = (typeof LESSONS)[number]['id'];

export function lessonInfo(id: LessonId): LessonInfo {
  return (LESSONS as readonly LessonInfo[]).find((l) => l.id === id)!;
}

/** Each option's default, by name. */
export function defaultValues(lesson: LessonInfo): Record<string, string> {
  return Object.fromEntries(lesson.options.map((o) => [o.name, o.default]));
}
