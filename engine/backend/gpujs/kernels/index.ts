/** The gpujs backend's kernel table: every primitive, by name (the type refuses a missing one). */
import type { KernelTable } from '../../kernelTable';
import type { GpujsContext } from '../gpujsContext';
import { activationKernels } from './activation';
import { arithmeticKernels } from './arithmetic';
import { biasKernels } from './bias';
import { channelKernels } from './channels';
import { conv2dKernels } from './conv2d';
import { matmulKernels } from './matmul';
import { optimizerKernels } from './optimizers';
import { poolingKernels } from './pooling';
import { reductionKernels } from './reductions';
import { softmaxLossKernels } from './softmaxLoss';

export const GPUJS_KERNELS: KernelTable<GpujsContext> = {
  ...conv2dKernels,
  ...biasKernels,
  ...poolingKernels,
  ...matmulKernels,
  ...activationKernels,
  ...arithmeticKernels,
  ...channelKernels,
  ...softmaxLossKernels,
  ...reductionKernels,
  ...optimizerKernels,
};
