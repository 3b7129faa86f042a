/** The CPU backend's tensor: a shape over a plain typed array. */
import type { Tensor } from '../backend';

export type Values = Float32Array | Float64Array;
export type ValuesConstructor = Float32ArrayConstructor | Float64ArrayConstructor;

export class CpuTensor implements Tensor {
  readonly size: number;
  constructor(
    readonly shape: readonly number[],
    readonly data: Values,
  ) {
    this.size = data.length;
  }
}

export function valuesOf(t: Tensor): Values {
  if (!(t instanceof CpuTensor)) throw new Error('a tensor from another backend was given to the cpu backend');
  return t.data;
}
