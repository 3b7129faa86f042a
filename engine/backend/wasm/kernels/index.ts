/** The wasm backend's kernel table: the module's SIMD kernels where they pay, the CPU reference's for the rest. */
import type { KernelTable } from '../../kernelTable';
import { viaCpu, type WasmContext } from '../wasmContext';
import { activationKernels } from './activation';
import { arithmeticKernels } from './arithmetic';
import { biasKernels } from './bias';
import { conv2dKernels } from './conv2d';
import { matmulKernels } from './matmul';
import { optimizerKernels } from './optimizers';
import { poolingKernels } from './pooling';

export const WASM_KERNELS: KernelTable<WasmContext> = {
  ...conv2dKernels,
  ...biasKernels,
  ...poolingKernels,
  ...matmulKernels,
  ...activationKernels,
  ...arithmeticKernels,
  ...optimizerKernels,
  concat: viaCpu('concat'),
  split: viaCpu('split'),
  softmax: viaCpu('softmax'),
  crossEntropy: viaCpu('crossEntropy'),
  softmaxCrossEntropyBackward: viaCpu('softmaxCrossEntropyBackward'),
  sum: viaCpu('sum'),
  allFinite: viaCpu('allFinite'),
};
