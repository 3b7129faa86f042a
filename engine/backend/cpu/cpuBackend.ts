/**
 * The CPU reference backend: plain TypeScript over typed arrays. It is the
 * oracle every other backend is checked against, so it favours clarity over
 * speed. `float64` precision exists for finite-difference gradient checks.
 * Its storage is here; its kernels, one file per primitive, in kernels/.
 */
import type { Backend } from '../backend';
import { bindKernels } from '../kernelTable';
import { createCpuContext } from './cpuContext';
import { disposeCpuTensor, valuesOf } from './cpuTensor';
import { CPU_KERNELS } from './kernels';

export function createCpuBackend(precision: 'float32' | 'float64' = 'float32'): Backend {
  const context = createCpuContext(precision === 'float64' ? Float64Array : Float32Array);
  const { make, wrap } = context;
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
    ...bindKernels(context, CPU_KERNELS),
  };
}
