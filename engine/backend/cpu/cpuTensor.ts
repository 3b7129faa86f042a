/** The CPU backend's tensor: a shape over a plain typed array. */
import { disposedTensorError, type Tensor } from '../backend';

export type Values = Float32Array | Float64Array;
export type ValuesConstructor = Float32ArrayConstructor | Float64ArrayConstructor;

export class CpuTensor implements Tensor {
  readonly size: number;
  /** Set by dispose: using the tensor afterwards is a bug, reported where it happens (as on the GPU backends). */
  disposed = false;
  constructor(
    readonly shape: readonly number[],
    readonly data: Values,
  ) {
    this.size = data.length;
  }
}

export function valuesOf(t: Tensor): Values {
  if (!(t instanceof CpuTensor)) throw new Error('a tensor from another backend was given to the cpu backend');
  if (t.disposed) throw disposedTensorError(t);
  return t.data;
}

export function disposeCpuTensor(t: Tensor): void {
  if (!(t instanceof CpuTensor)) throw new Error('a tensor from another backend was given to the cpu backend');
  if (t.disposed) throw disposedTensorError(t);
  // The values are garbage collected; the flag makes a later use fail loudly instead of reading stale values.
  t.disposed = true;
}
