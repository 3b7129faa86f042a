/**
 * The primitive table (tinygrad's helper_test_op is the model): every Backend
 * primitive in its variants (padding modes, strides, kernel sets, transposes,
 * row widths that take the SIMD kernels or not) on small shapes, each case a
 * named function run on the backend under test and on the float64 reference.
 * A broken kernel variant is then reported by name ("conv2dBackwardInput
 * tiled 2×2 full stride 2 on 9 wide"), not as a network's gradient. Shared
 * by the Node suite and the one in Chromium, so it imports nothing from Node.
 */
import type { ActivationKind, Backend, Tensor } from '../../engine/backend/backend';
import { convInfo, windowInfo, type ConvInfo } from '../../engine/backend/convInfo';
import type { Padding } from '../../engine';
import { randomValues } from './network';

/** One case: what it computes, as the values of the tensors it returns. */
export interface PrimitiveCase {
  name: string;
  run(backend: Backend): Float64Array[];
}

const PADDINGS: Padding[] = ['valid', 'same', 'full', [2, 0, 1, 1]];

/** Runs `f` with tensors made from `inputs` (values fixed by the seed), reads back what it returns and frees everything. */
function compute(backend: Backend, inputs: { shape: number[]; seed: number }[], f: (...ts: Tensor[]) => Tensor[]): Float64Array[] {
  const ts = inputs.map(({ shape, seed }) => backend.tensor(shape, randomValues(shape.reduce((a, b) => a * b, 1), seed)));
  const out = f(...ts);
  const values = out.map((t) => Float64Array.from(backend.read(t)));
  for (const t of [...ts, ...out]) backend.dispose(t);
  return values;
}

function convCases(): PrimitiveCase[] {
  const cases: PrimitiveCase[] = [];
  const sets: [string, [number, number] | 'local'][] = [['shared', [1, 1]], ['tiled 2×2', [2, 2]], ['local', 'local']];
  for (const [setsName, tiles] of sets) {
    for (const padding of PADDINGS) {
      for (const strides of [1, 2]) {
        for (const width of [8, 9]) {
          const x = [2, 3, 7, width];
          const info: ConvInfo = convInfo(x, 4, [3, 2], [strides, strides], padding, tiles);
          const sets = info.tilesH * info.tilesW;
          const w = [sets * info.outC, info.inC, info.kH, info.kW];
          const dy = [info.batch, info.outC, info.outH, info.outW];
          const label = `${setsName} ${JSON.stringify(padding)} stride ${strides} on ${width} wide`;
          cases.push(
            { name: `conv2d ${label}`, run: (b) => compute(b, [{ shape: x, seed: 1 }, { shape: w, seed: 2 }], (xt, wt) => [b.conv2d(xt!, wt!, info)]) },
            { name: `conv2dBackwardInput ${label}`, run: (b) => compute(b, [{ shape: dy, seed: 3 }, { shape: w, seed: 2 }], (dyt, wt) => [b.conv2dBackwardInput(dyt!, wt!, info)]) },
            { name: `conv2dBackwardFilter ${label}`, run: (b) => compute(b, [{ shape: x, seed: 1 }, { shape: dy, seed: 3 }], (xt, dyt) => [b.conv2dBackwardFilter(xt!, dyt!, info)]) },
          );
        }
      }
    }
  }
  return cases;
}

function poolCases(): PrimitiveCase[] {
  const cases: PrimitiveCase[] = [];
  const windows: [string, [number, number], [number, number], Padding][] = [
    ['2×2 stride 2', [2, 2], [2, 2], 'valid'], ['3×3 stride 1 same', [3, 3], [1, 1], 'same'], ['3×3 stride 2 same', [3, 3], [2, 2], 'same'], ['3×2 stride 2×1 explicit', [3, 2], [2, 1], [1, 2, 0, 1]],
  ];
  for (const [label, window, strides, padding] of windows) {
    for (const width of [8, 9]) {
      const x = [2, 3, 8, width];
      const info = windowInfo(x, window, strides, padding);
      const dy = [info.batch, info.inC, info.outH, info.outW];
      const name = `${label} on ${width} wide`;
      cases.push(
        { name: `maxPool ${name}`, run: (b) => compute(b, [{ shape: x, seed: 4 }], (xt) => [b.maxPool(xt!, info).y]) },
        {
          name: `maxPoolBackward ${name}`,
          run: (b) => compute(b, [{ shape: x, seed: 4 }, { shape: dy, seed: 5 }], (xt, dyt) => {
            const { y, argmax } = b.maxPool(xt!, info);
            const dx = b.maxPoolBackward(dyt!, argmax, info);
            b.dispose(y);
            b.dispose(argmax);
            return [dx];
          }),
        },
        { name: `avgPool ${name}`, run: (b) => compute(b, [{ shape: x, seed: 4 }], (xt) => [b.avgPool(xt!, info)]) },
        { name: `avgPoolBackward ${name}`, run: (b) => compute(b, [{ shape: dy, seed: 5 }], (dyt) => [b.avgPoolBackward(dyt!, info)]) },
      );
    }
  }
  return cases;
}

function denseCases(): PrimitiveCase[] {
  const cases: PrimitiveCase[] = [];
  for (const [m, k, n] of [[3, 5, 4], [8, 16, 12], [1, 7, 9]] as const) {
    for (const transposeA of [false, true]) {
      for (const transposeB of [false, true]) {
        const a = transposeA ? [k, m] : [m, k];
        const b = transposeB ? [n, k] : [k, n];
        cases.push({ name: `matmul ${m}×${k}·${k}×${n}${transposeA ? ' Aᵀ' : ''}${transposeB ? ' Bᵀ' : ''}`, run: (be) => compute(be, [{ shape: a, seed: 6 }, { shape: b, seed: 7 }], (at, bt) => [be.matmul(at!, bt!, transposeA, transposeB)]) });
      }
    }
  }
  for (const [label, y, bias] of [['per channel', [2, 3, 4, 5], [3]], ['per value', [2, 3, 4, 5], [3, 4, 5]], ['vector', [4, 6], [6]]] as const) {
    cases.push(
      { name: `addBias ${label}`, run: (b) => compute(b, [{ shape: [...y], seed: 8 }, { shape: [...bias], seed: 9 }], (yt, bt) => [b.addBias(yt!, bt!)]) },
      { name: `biasGradient ${label}`, run: (b) => compute(b, [{ shape: [...y], seed: 8 }], (dyt) => [b.biasGradient(dyt!, bias)]) },
    );
  }
  return cases;
}

function elementwiseCases(): PrimitiveCase[] {
  const kinds: ActivationKind[] = ['relu', 'leakyRelu', 'sigmoid', 'tanh'];
  const shape = [2, 3, 5, 8];
  return [
    ...kinds.flatMap((kind): PrimitiveCase[] => [
      { name: `activation ${kind}`, run: (b) => compute(b, [{ shape, seed: 10 }], (x) => [b.activation(kind, x!, 0.1)]) },
      {
        name: `activationBackward ${kind}`,
        run: (b) => compute(b, [{ shape, seed: 10 }, { shape, seed: 11 }], (x, dy) => {
          const y = b.activation(kind, x!, 0.1);
          const dx = b.activationBackward(kind, x!, y, dy!, 0.1);
          b.dispose(y);
          return [dx];
        }),
      },
    ]),
    { name: 'add', run: (b) => compute(b, [{ shape, seed: 12 }, { shape, seed: 13 }], (x, y) => [b.add(x!, y!)]) },
    { name: 'multiply', run: (b) => compute(b, [{ shape, seed: 12 }, { shape, seed: 13 }], (x, y) => [b.multiply(x!, y!)]) },
    { name: 'concat of images', run: (b) => compute(b, [{ shape: [2, 3, 4, 5], seed: 14 }, { shape: [2, 1, 4, 5], seed: 15 }], (x, y) => [b.concat([x!, y!])]) },
    { name: 'split of images', run: (b) => compute(b, [{ shape: [2, 4, 4, 5], seed: 14 }], (x) => b.split(x!, [3, 1])) },
    { name: 'softmax', run: (b) => compute(b, [{ shape: [5, 7], seed: 16 }], (x) => [b.softmax(x!)]) },
    {
      name: 'softmaxCrossEntropyBackward',
      run: (b) => compute(b, [{ shape: [5, 7], seed: 16 }], (x) => {
        const p = b.softmax(x!);
        const d = b.softmaxCrossEntropyBackward(p, Int32Array.from([0, 3, 6, 2, 2]));
        b.dispose(p);
        return [d];
      }),
    },
  ];
}

function optimizerCases(): PrimitiveCase[] {
  const shape = [3, 10];
  const sgd = (momentum: number, nesterov: boolean, weightDecay: number): PrimitiveCase => ({
    name: `sgdUpdate momentum ${momentum}${nesterov ? ' nesterov' : ''} decay ${weightDecay}, 3 steps`,
    run: (b) => compute(b, [{ shape, seed: 17 }, { shape, seed: 18 }], (param, grad) => {
      const velocity = b.tensor(shape);
      for (let i = 0; i < 3; i++) b.sgdUpdate(param!, grad!, velocity, { learningRate: 0.1, momentum, nesterov, weightDecay });
      const out = b.add(param!, velocity);
      b.dispose(velocity);
      return [out];
    }),
  });
  return [
    sgd(0, false, 0), sgd(0.9, false, 0), sgd(0.9, true, 0.01),
    {
      name: 'adamUpdate with decay, 3 steps',
      run: (b) => compute(b, [{ shape, seed: 17 }, { shape, seed: 18 }], (param, grad) => {
        const m = b.tensor(shape);
        const v = b.tensor(shape);
        for (let step = 1; step <= 3; step++) b.adamUpdate(param!, grad!, m, v, { learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.01, step });
        b.dispose(m);
        b.dispose(v);
        return [b.reshape(param!, shape)];
      }),
    },
  ];
}

export const PRIMITIVE_CASES: PrimitiveCase[] = [...convCases(), ...poolCases(), ...denseCases(), ...elementwiseCases(), ...optimizerCases()];
