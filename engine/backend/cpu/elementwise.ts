/** Element-wise activations and their derivatives. */
import type { ActivationKind } from '../backend';
import type { Values, ValuesConstructor } from './cpuTensor';

export function activation(kind: ActivationKind, x: Values, alpha: number, make: ValuesConstructor): Values {
  const y = new make(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as number;
    switch (kind) {
      case 'relu':
        y[i] = v > 0 ? v : 0;
        break;
      case 'leakyRelu':
        y[i] = v > 0 ? v : alpha * v;
        break;
      case 'sigmoid':
        y[i] = 1 / (1 + Math.exp(-v));
        break;
      case 'tanh':
        y[i] = Math.tanh(v);
        break;
    }
  }
  return y;
}

/** dL/dx from x, y = f(x) and dL/dy; sigmoid and tanh use y, which is cheaper and exact. */
export function activationBackward(kind: ActivationKind, x: Values, y: Values, dy: Values, alpha: number, make: ValuesConstructor): Values {
  const dx = new make(x.length);
  for (let i = 0; i < x.length; i++) {
    const g = dy[i] as number;
    const v = x[i] as number;
    const out = y[i] as number;
    switch (kind) {
      case 'relu':
        dx[i] = v > 0 ? g : 0;
        break;
      case 'leakyRelu':
        dx[i] = v > 0 ? g : alpha * g;
        break;
      case 'sigmoid':
        dx[i] = g * out * (1 - out);
        break;
      case 'tanh':
        dx[i] = g * (1 - out * out);
        break;
    }
  }
  return dx;
}
