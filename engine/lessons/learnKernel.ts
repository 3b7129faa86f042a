/**
 * "Learn this kernel": gradient descent fits a kernel to a target, the output
 * of a hidden kernel on the picture, as training fits a conv2d layer. The
 * loss is the mean squared difference of the outputs; its gradient with
 * respect to the kernel is the backend's own conv2dBackwardFilter, and Adam
 * (the backend's update, as in training) takes the steps. Because the target
 * was made by a kernel of the same size, the loss reaches 0 only at that
 * kernel (when the picture has enough detail to tell the nine weights apart),
 * so its numbers converge to the hidden ones: no scale is left free.
 */
import { convInfo, type ConvInfo } from '../backend/convInfo';
import { createCpuBackend } from '../backend/cpu/cpuBackend';
import type { Backend, Tensor } from '../backend/backend';
import type { Kernel, LessonPadding } from './kernels';
import { toGray, type Picture } from './picture';

/** Adam's step size for the fit: converges on a 28×28 digit in a few hundred steps (0.05 took twice as many, 0.02 four times). */
export const LEARNING_RATE = 0.1;
/** "Close enough" to the hidden kernel: every weight within this. */
export const CLOSE_ENOUGH = 0.05;

export interface FitState {
  step: number;
  loss: number;
  kernel: number[];
  /** The largest |learned − hidden| over the weights. */
  largestError: number;
}

export interface KernelFit {
  readonly state: FitState;
  /** Takes `steps` steps of Adam; returns the new state. */
  run(steps: number): FitState;
  dispose(): void;
}

export function fitKernel(picture: Picture, hidden: Kernel, options: { padding?: LessonPadding; learningRate?: number } = {}): KernelFit {
  const gray = toGray(picture);
  const padding = options.padding ?? 'valid';
  const learningRate = options.learningRate ?? LEARNING_RATE;
  const backend: Backend = createCpuBackend('float64');
  const shape = [1, 1, gray.height, gray.width];
  const k = hidden.size;
  const info: ConvInfo = convInfo(shape, 1, [k, k], [1, 1], padding, [1, 1]);
  const x = backend.tensor(shape, gray.data);
  const hiddenW = backend.tensor([1, 1, k, k], hidden.values);
  const target = backend.conv2d(x, hiddenW, info);
  backend.dispose(hiddenW);
  const targetValues = backend.read(target);
  const n = targetValues.length;
  // Learning starts from zero: every number on screen is what descent made of it.
  const w = backend.tensor([1, 1, k, k], new Float64Array(k * k));
  const m = backend.tensor([1, 1, k, k], new Float64Array(k * k));
  const v = backend.tensor([1, 1, k, k], new Float64Array(k * k));
  let step = 0;

  const measure = (): FitState => {
    const y = backend.conv2d(x, w, info);
    const values = backend.read(y);
    backend.dispose(y);
    let loss = 0;
    for (let i = 0; i < n; i++) loss += (values[i]! - targetValues[i]!) ** 2;
    const kernel = Array.from(backend.read(w));
    return { step, loss: loss / n, kernel, largestError: Math.max(...kernel.map((value, i) => Math.abs(value - hidden.values[i]!))) };
  };
  let state = measure();

  const one = () => {
    const y = backend.conv2d(x, w, info);
    const values = backend.read(y);
    const dy = new Float64Array(n);
    for (let i = 0; i < n; i++) dy[i] = (2 * (values[i]! - targetValues[i]!)) / n;
    const dyT: Tensor = backend.tensor(y.shape, dy);
    const grad = backend.conv2dBackwardFilter(x, dyT, info);
    step++;
    backend.adamUpdate(w, grad, m, v, { learningRate, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0, step });
    for (const t of [y, dyT, grad]) backend.dispose(t);
  };

  return {
    get state() {
      return state;
    },
    run(steps) {
      for (let s = 0; s < steps; s++) one();
      state = measure();
      return state;
    },
    dispose() {
      for (const t of [x, target, w, m, v]) backend.dispose(t);
    },
  };
}

/** Runs `steps` steps (checking every `every`), and the first checked step at which every weight was within `tolerance`. */
export function learnKernel(picture: Picture, hidden: Kernel, steps: number, options: { learningRate?: number; every?: number; tolerance?: number } = {}): FitState & { withinStep?: number } {
  const fit = fitKernel(picture, hidden, options.learningRate === undefined ? {} : { learningRate: options.learningRate });
  const every = options.every ?? 10;
  let withinStep: number | undefined;
  try {
    while (fit.state.step < steps) {
      const state = fit.run(Math.min(every, steps - fit.state.step));
      if (withinStep === undefined && state.largestError < (options.tolerance ?? CLOSE_ENOUGH)) withinStep = state.step;
    }
    return { ...fit.state, ...(withinStep !== undefined ? { withinStep } : {}) };
  } finally {
    fit.dispose();
  }
}
