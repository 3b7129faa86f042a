/**
 * Lesson 1, kernels: a picture convolved with a 3×3 or 5×5 kernel by the
 * engine's own CPU reference backend (float64), and one output pixel taken
 * apart: its window, the products and their sum.
 *
 * "Convolution" here is what the layers compute (and what the lecture and
 * every deep-learning library call convolution): the kernel is not flipped,
 * output(y, x) = Σ input(y + i − pad, x + j − pad) · kernel(i, j).
 */
import { convInfo } from '../backend/convInfo';
import { createCpuBackend } from '../backend/cpu/cpuBackend';
import { planWindow } from '../shapes/windowArithmetic';
import { KERNEL_PRESET_NAMES, KERNEL_PRESETS, type Kernel } from './kernelPresets';
import { toGray, type Picture } from './picture';

export { KERNEL_PRESET_NAMES, KERNEL_PRESETS, type Kernel, type KernelPreset } from './kernelPresets';




/** The output sizes a lesson offers: valid (the window stays inside) or same (zero padding keeps the size). */
export type LessonPadding = 'valid' | 'same';

/**
 * A kernel from text: a preset's name, or 9 or 25 numbers separated by spaces, commas or semicolons
 * ("0 -1 0; -1 5 -1; 0 -1 0"). Throws with the reason otherwise.
 */
export function parseKernel(text: string): Kernel {
  const preset = (KERNEL_PRESETS as Record<string, Kernel>)[text.trim()];
  if (preset) return { size: preset.size, values: [...preset.values] };
  const parts = text.split(/[\s,;]+/).filter((p) => p !== '');
  const values = parts.map(Number);
  const bad = parts.findIndex((p, i) => !Number.isFinite(values[i]));
  if (bad >= 0) throw new Error(`"${parts[bad]}" is not a number (a kernel is a preset name, ${KERNEL_PRESET_NAMES.join(', ')}, or 9 or 25 numbers)`);
  if (values.length !== 9 && values.length !== 25) throw new Error(`a kernel has 9 (3×3) or 25 (5×5) numbers, not ${values.length}`);
  return { size: Math.sqrt(values.length), values };
}

export interface FeatureMap {
  height: number;
  width: number;
  /** H×W, row-major. */
  data: Float64Array;
}

/** The picture (in gray) convolved with the kernel (stride 1 unless given), by the CPU reference backend. */
export function convolvePicture(picture: Picture, kernel: Kernel, padding: LessonPadding, stride = 1): FeatureMap {
  const gray = toGray(picture);
  const backend = createCpuBackend('float64');
  const shape = [1, 1, gray.height, gray.width];
  const info = convInfo(shape, 1, [kernel.size, kernel.size], [stride, stride], padding, [1, 1]);
  const x = backend.tensor(shape, gray.data);
  const w = backend.tensor([1, 1, kernel.size, kernel.size], kernel.values);
  const y = backend.conv2d(x, w, info);
  const data = Float64Array.from(backend.read(y));
  for (const t of [x, w, y]) backend.dispose(t);
  return { height: info.outH, width: info.outW, data };
}

export interface WindowTerm {
  /** Kernel row and column. */
  i: number;
  j: number;
  /** The input pixel under it; outside the picture (zero padding) when `padded`. */
  y: number;
  x: number;
  padded: boolean;
  input: number;
  weight: number;
  product: number;
}

export interface PixelExplanation {
  outY: number;
  outX: number;
  /** The window's top-left corner in input coordinates (negative under padding). */
  top: number;
  left: number;
  terms: WindowTerm[];
  /** Σ of the products, summed in kernel order. */
  sum: number;
}

/** Output pixel (outY, outX) taken apart, from the same window arithmetic as the layers. */
export function explainPixel(picture: Picture, kernel: Kernel, padding: LessonPadding, outY: number, outX: number): PixelExplanation {
  const gray = toGray(picture);
  const plan = planWindow(gray.height, gray.width, [kernel.size, kernel.size], [1, 1], padding);
  if (!(outY >= 0 && outY < plan.rows.outSize && outX >= 0 && outX < plan.cols.outSize)) {
    throw new Error(`output pixel (${outY}, ${outX}) is outside the ${plan.rows.outSize}×${plan.cols.outSize} output`);
  }
  const top = outY - plan.rows.padBefore;
  const left = outX - plan.cols.padBefore;
  const terms: WindowTerm[] = [];
  let sum = 0;
  for (let i = 0; i < kernel.size; i++) {
    for (let j = 0; j < kernel.size; j++) {
      const y = top + i;
      const x = left + j;
      const padded = y < 0 || y >= gray.height || x < 0 || x >= gray.width;
      const input = padded ? 0 : gray.data[y * gray.width + x]!;
      const weight = kernel.values[i * kernel.size + j]!;
      terms.push({ i, j, y, x, padded, input, weight, product: input * weight });
      sum += input * weight;
    }
  }
  return { outY, outX, top, left, terms, sum };
}
