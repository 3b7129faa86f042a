/**
 * The CPU reference backend: plain TypeScript over typed arrays. It is the
 * oracle every other backend is checked against, so it favours clarity over
 * speed. `float64` precision exists for finite-difference gradient checks.
 */
import type { AdamSettings, Backend, SgdSettings, Tensor } from '../backend';
import type { ConvInfo } from '../convInfo';
import { meanCrossEntropy } from '../crossEntropy';
import { conv2dBackwardFilterDirect, conv2dBackwardFilterShared, conv2dBackwardInput, conv2dBackwardInputShared, conv2dDirect, conv2dShared, im2row, isShared } from './conv';
import { CpuTensor, disposeCpuTensor, valuesOf, type Values, type ValuesConstructor } from './cpuTensor';
import { activation, activationBackward } from './elementwise';
import { matmul } from './matmul';
import { avgPool, avgPoolBackward, maxPool, maxPoolBackward } from './pool';

export function createCpuBackend(precision: 'float32' | 'float64' = 'float32'): Backend {
  const make: ValuesConstructor = precision === 'float64' ? Float64Array : Float32Array;
  const wrap = (shape: readonly number[], data: Values) => new CpuTensor([...shape], data);
  /**
   * The unrolled input windows of a convolution's forward pass, handed to the
   * same layer's filter gradient (which needs exactly them) instead of
   * unrolling twice. The forward pass always unrolls afresh; the backward
   * pass takes them once, so values changed in between are never stale.
   */
  const pendingWindows = new WeakMap<Values, { key: string; windows: Values }>();
  const unrollForForward = (x: Tensor, info: ConvInfo): Values => {
    const windows = im2row(valuesOf(x), info, make);
    pendingWindows.set(valuesOf(x), { key: JSON.stringify(info), windows });
    return windows;
  };
  const unrollForBackward = (x: Tensor, info: ConvInfo): Values => {
    const pending = pendingWindows.get(valuesOf(x));
    pendingWindows.delete(valuesOf(x));
    return pending?.key === JSON.stringify(info) ? pending.windows : im2row(valuesOf(x), info, make);
  };

  const zip = (a: Tensor, b: Tensor, f: (x: number, y: number) => number): Tensor => {
    const av = valuesOf(a);
    const bv = valuesOf(b);
    if (av.length !== bv.length) throw new Error(`shape mismatch: [${a.shape.join(', ')}] and [${b.shape.join(', ')}]`);
    const out = new make(av.length);
    for (let i = 0; i < av.length; i++) out[i] = f(av[i] as number, bv[i] as number);
    return wrap(a.shape, out);
  };

  return {
    name: precision === 'float64' ? 'cpu (float64)' : 'cpu',

    tensor(shape, values) {
      const size = shape.reduce((a, b) => a * b, 1);
      const data = new make(size);
      if (values) {
        if (values.length !== size) throw new Error(`${values.length} values for shape [${shape.join(', ')}]`);
        data.set(values as ArrayLike<number>);
      }
      return wrap(shape, data);
    },
    read: (t) => valuesOf(t).slice(),
    dispose: disposeCpuTensor,
    reshape(t, shape) {
      const size = shape.reduce((a, b) => a * b, 1);
      if (size !== t.size) throw new Error(`cannot reshape [${t.shape.join(', ')}] to [${shape.join(', ')}]`);
      return wrap(shape, valuesOf(t));
    },

    conv2d: (x, w, info) =>
      wrap(
        [info.batch, info.outC, info.outH, info.outW],
        isShared(info) ? conv2dShared(unrollForForward(x, info), valuesOf(w), info, make) : conv2dDirect(valuesOf(x), valuesOf(w), info, make),
      ),
    conv2dBackwardInput: (dy, w, info) =>
      wrap([info.batch, info.inC, info.inH, info.inW], (isShared(info) ? conv2dBackwardInputShared : conv2dBackwardInput)(valuesOf(dy), valuesOf(w), info, make)),
    conv2dBackwardFilter: (x, dy, info) =>
      wrap(
        [info.tilesH * info.tilesW * info.outC, info.inC, info.kH, info.kW],
        isShared(info) ? conv2dBackwardFilterShared(unrollForBackward(x, info), valuesOf(dy), info, make) : conv2dBackwardFilterDirect(valuesOf(x), valuesOf(dy), info, make),
      ),

    addBias(y, b) {
      const yv = valuesOf(y);
      const bv = valuesOf(b);
      const perSample = y.size / (y.shape[0] ?? 1);
      // A per-channel bias repeats over each channel's positions; a full bias only over samples.
      const positions = perSample / bv.length;
      const out = new make(yv.length);
      let i = 0;
      for (let n = 0; n < yv.length / perSample; n++) {
        for (let j = 0; j < bv.length; j++) {
          const bias = bv[j] as number;
          for (let p = 0; p < positions; p++, i++) out[i] = (yv[i] as number) + bias;
        }
      }
      return wrap(y.shape, out);
    },
    biasGradient(dy, biasShape) {
      const dv = valuesOf(dy);
      const size = biasShape.reduce((a, b) => a * b, 1);
      const perSample = dy.size / (dy.shape[0] ?? 1);
      const positions = perSample / size;
      const out = new make(size);
      let i = 0;
      for (let n = 0; n < dv.length / perSample; n++) {
        for (let j = 0; j < size; j++) {
          let sum = 0;
          for (let p = 0; p < positions; p++, i++) sum += dv[i] as number;
          out[j] = (out[j] as number) + sum;
        }
      }
      return wrap(biasShape, out);
    },

    maxPool(x, info) {
      const { y, argmax } = maxPool(valuesOf(x), info, make);
      return { y: wrap([info.batch, info.inC, info.outH, info.outW], y), argmax: wrap([y.length], argmax) };
    },
    maxPoolBackward(dy, argmax, info) {
      const indices = valuesOf(argmax);
      const inputShape = [info.batch, info.inC, info.inH, info.inW];
      return wrap(inputShape, maxPoolBackward(valuesOf(dy), indices, inputShape.reduce((a, b) => a * b, 1), make));
    },
    avgPool: (x, info) => wrap([info.batch, info.inC, info.outH, info.outW], avgPool(valuesOf(x), info, make)),
    avgPoolBackward: (dy, info) => wrap([info.batch, info.inC, info.inH, info.inW], avgPoolBackward(valuesOf(dy), info, make)),

    matmul(a, b, transposeA, transposeB) {
      const [aRows = 0, aCols = 0] = a.shape;
      const [bRows = 0, bCols = 0] = b.shape;
      const { m, n, out } = matmul(valuesOf(a), aRows, aCols, transposeA, valuesOf(b), bRows, bCols, transposeB, make);
      return wrap([m, n], out);
    },

    activation: (kind, x, alpha) => wrap(x.shape, activation(kind, valuesOf(x), alpha, make)),
    activationBackward: (kind, x, y, dy, alpha) =>
      wrap(x.shape, activationBackward(kind, valuesOf(x), valuesOf(y), valuesOf(dy), alpha, make)),

    add: (a, b) => zip(a, b, (x, y) => x + y),
    multiply: (a, b) => zip(a, b, (x, y) => x * y),

    concat(xs) {
      const batch = xs[0]?.shape[0] ?? 0;
      const rest = xs[0]?.shape.slice(2) ?? [];
      const inner = rest.reduce((a, b) => a * b, 1);
      const channels = xs.map((x) => x.shape[1] ?? 0);
      const total = channels.reduce((a, b) => a + b, 0);
      const out = new make(batch * total * inner);
      for (let n = 0; n < batch; n++) {
        let offset = n * total * inner;
        xs.forEach((x, i) => {
          const block = (channels[i] ?? 0) * inner;
          out.set(valuesOf(x).subarray(n * block, (n + 1) * block), offset);
          offset += block;
        });
      }
      return wrap([batch, total, ...rest], out);
    },
    split(x, sizes) {
      const [batch = 0, total = 0, ...rest] = x.shape;
      const inner = rest.reduce((a, b) => a * b, 1);
      const xv = valuesOf(x);
      let channel = 0;
      return sizes.map((c) => {
        const out = new make(batch * c * inner);
        for (let n = 0; n < batch; n++) {
          const start = (n * total + channel) * inner;
          out.set(xv.subarray(start, start + c * inner), n * c * inner);
        }
        channel += c;
        return wrap([batch, c, ...rest], out);
      });
    },

    softmax(logits) {
      const [rows = 0, cols = 0] = logits.shape;
      const lv = valuesOf(logits);
      const out = new make(lv.length);
      for (let r = 0; r < rows; r++) {
        let max = -Infinity;
        for (let c = 0; c < cols; c++) max = Math.max(max, lv[r * cols + c] as number);
        let sum = 0;
        for (let c = 0; c < cols; c++) {
          const e = Math.exp((lv[r * cols + c] as number) - max); // shifted for stability
          out[r * cols + c] = e;
          sum += e;
        }
        for (let c = 0; c < cols; c++) out[r * cols + c] = (out[r * cols + c] as number) / sum;
      }
      return wrap(logits.shape, out);
    },
    crossEntropy: (probs, labels) => meanCrossEntropy(valuesOf(probs), probs.shape[0] ?? 0, probs.shape[1] ?? 0, labels),
    softmaxCrossEntropyBackward(probs, labels) {
      const [rows = 0, cols = 0] = probs.shape;
      const out = new make(valuesOf(probs));
      for (let r = 0; r < rows; r++) {
        const i = r * cols + (labels[r] as number);
        out[i] = (out[i] as number) - 1;
      }
      for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / rows;
      return wrap(probs.shape, out);
    },

    sum(t) {
      let total = 0;
      for (const v of valuesOf(t)) total += v;
      return total;
    },
    allFinite(t) {
      for (const v of valuesOf(t)) if (!Number.isFinite(v)) return false;
      return true;
    },

    sgdUpdate(param, grad, velocity, s: SgdSettings) {
      const p = valuesOf(param);
      const g = valuesOf(grad);
      const v = valuesOf(velocity);
      for (let i = 0; i < p.length; i++) {
        const gi = (g[i] as number) + s.weightDecay * (p[i] as number);
        const vi = s.momentum * (v[i] as number) + gi;
        v[i] = vi;
        p[i] = (p[i] as number) - s.learningRate * (s.nesterov ? gi + s.momentum * vi : vi); // with momentum 0, vi is gi
      }
    },
    adamUpdate(param, grad, m, v, s: AdamSettings) {
      const p = valuesOf(param);
      const g = valuesOf(grad);
      const mv = valuesOf(m);
      const vv = valuesOf(v);
      // Constants out of the loop; the bias corrections folded into the step size and the square root.
      const { beta1, beta2, epsilon, weightDecay } = s;
      const stepSize = s.learningRate / (1 - beta1 ** s.step);
      const inverseCorrection2 = 1 / (1 - beta2 ** s.step);
      for (let i = 0; i < p.length; i++) {
        const gi = (g[i] as number) + weightDecay * (p[i] as number);
        const mi = beta1 * (mv[i] as number) + (1 - beta1) * gi;
        const vi = beta2 * (vv[i] as number) + (1 - beta2) * gi * gi;
        mv[i] = mi;
        vv[i] = vi;
        p[i] = (p[i] as number) - (stepSize * mi) / (Math.sqrt(vi * inverseCorrection2) + epsilon);
      }
    },
  };
}
