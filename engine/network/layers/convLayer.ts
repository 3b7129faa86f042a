/**
 * conv2d, locallyConnected2d and tiledConv2d are one computation with a
 * different amount of weight sharing: one kernel set everywhere, one per
 * output position, or t×t sets cycled through space. The backend's kernel-set
 * convolution runs all three; only the weight shape and the bias differ.
 */
import type { Backend, Tensor } from '../../backend/backend';
import { convInfo, type ConvInfo } from '../../backend/convInfo';
import type { NodeOfType } from '../../graph/schema';
import { kernelExtent, resolveConv, toPair, type Pair } from '../../shapes/params';
import type { LayerInfo } from '../../shapes/infer';
import type { Layer, Parameter } from '../layer';
import { setGrad } from '../layer';

type ConvLikeNode = NodeOfType<'conv2d'> | NodeOfType<'locallyConnected2d'> | NodeOfType<'tiledConv2d'>;

export function createConvLayer(node: ConvLikeNode, info: LayerInfo, params: Parameter[]): Layer {
  const conv = resolveConv(node);
  const tiles = node.type === 'conv2d' ? ([1, 1] as const) : node.type === 'tiledConv2d' ? toPair(node.params.tiles) : ('local' as const);
  const weight = params.find((p) => p.name === 'weight') as Parameter;
  const bias = params.find((p) => p.name === 'bias');
  const biasShape = info.weightShapes['bias']?.shape ?? [];
  let saved: { x: Tensor; info: ConvInfo; kernels: Tensor } | undefined;
  const dilation = conv.dilation[0] > 1 || conv.dilation[1] > 1 ? dilatedKernels(conv.filters, weight.value.shape[1] ?? 1, conv.kernel, conv.dilation) : undefined;

  return {
    id: node.id,
    params,
    forward([x], { backend, keep }) {
      if (!x) throw new Error(`${node.id}: no input`);
      const ci = convInfo(x.shape, conv.filters, dilation ? kernelExtent(conv.kernel, conv.dilation) : conv.kernel, conv.strides, conv.padding, tiles);
      const kernels = dilation ? keep(dilation.spread(backend, weight.value)) : weight.value;
      saved = { x, info: ci, kernels };
      const z = backend.conv2d(x, kernels, ci);
      if (!bias) return z;
      const y = backend.addBias(z, bias.value);
      backend.dispose(z);
      return y;
    },
    backward(dy, backend: Backend, inputGradients) {
      if (!saved) throw new Error(`${node.id}: backward before forward`);
      const { x, info: ci, kernels } = saved;
      if (bias) setGrad(bias, backend.biasGradient(dy, biasShape), backend);
      const dwFlat = backend.conv2dBackwardFilter(x, dy, ci);
      setGrad(weight, dilation ? dilation.gather(backend, dwFlat, weight.value.shape) : backend.reshape(dwFlat, weight.value.shape), backend);
      backend.dispose(dwFlat);
      return inputGradients ? [backend.conv2dBackwardInput(dy, kernels, ci)] : [];
    },
  };
}

/**
 * A dilated convolution runs as the ordinary convolution of its kernels
 * spread over their span, zeros between the taps, so every backend's kernels
 * run it (at the cost of multiplying the zeros: about d² times the work of a
 * dedicated kernel). Spreading is a product with a constant 0/1 matrix S
 * [k_h·k_w, e_h·e_w] (tap (i, j) to pixel (i·d_h, j·d_w) of the span); the
 * kernels' gradient is the span's gradient times Sᵀ, which picks the taps back.
 */
function dilatedKernels(filters: number, inC: number, kernel: Pair, dilation: Pair) {
  const [kH, kW] = kernel;
  const [eH, eW] = kernelExtent(kernel, dilation);
  const rows = filters * inC;
  const select = new Float32Array(kH * kW * eH * eW);
  for (let i = 0; i < kH; i++) for (let j = 0; j < kW; j++) select[(i * kW + j) * eH * eW + i * dilation[0] * eW + j * dilation[1]] = 1;
  let spreader: { backend: Backend; s: Tensor } | undefined;
  const matrix = (backend: Backend) => {
    if (spreader?.backend !== backend) spreader = { backend, s: backend.tensor([kH * kW, eH * eW], select) };
    return spreader.s;
  };
  return {
    /** The kernels [filters, inC, kH, kW] spread to [filters, inC, eH, eW]. */
    spread(backend: Backend, w: Tensor): Tensor {
      const flat = backend.reshape(w, [rows, kH * kW]);
      const spreadFlat = backend.matmul(flat, matrix(backend), false, false);
      const spread = backend.reshape(spreadFlat, [filters, inC, eH, eW]);
      backend.dispose(flat);
      backend.dispose(spreadFlat);
      return spread;
    },
    /** The span's gradient (e_h·e_w per kernel) back to the taps', shaped like the weight. */
    gather(backend: Backend, dSpread: Tensor, shape: readonly number[]): Tensor {
      const flat = backend.reshape(dSpread, [rows, eH * eW]);
      const taps = backend.matmul(flat, matrix(backend), false, true);
      const dw = backend.reshape(taps, shape);
      backend.dispose(flat);
      backend.dispose(taps);
      return dw;
    },
  };
}
