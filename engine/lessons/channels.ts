/**
 * Lesson 6, multiple channels and feature maps: a C_in-channel picture into a
 * convolution with C_out filters. For one filter, each input channel's slice
 * of its kernel makes a map of its own (a one-channel convolution); their sum
 * plus the filter's bias is the feature map, which equals the layer's own
 * output for that filter (both computed by the CPU reference backend). The
 * layer stores (C_in·k_h·k_w + 1)·C_out parameters.
 */
import { convInfo } from '../backend/convInfo';
import { createCpuBackend } from '../backend/cpu/cpuBackend';
import { createRandom } from '../network/random';
import type { FeatureMap } from './kernels';
import type { Picture } from './picture';

export interface ChannelsCase {
  filters: number;
  /** Square kernel side. */
  kernel: number;
  /** Weights and biases are drawn from this seed (He-scaled normals; biases small). */
  seed: number;
}

export interface ChannelsResult {
  inChannels: number;
  /** [filters, inChannels, k, k], row-major. */
  weights: Float64Array;
  biases: Float64Array;
  /** The layer's output, one map per filter (same padding, stride 1). */
  outputs: FeatureMap[];
  parameters: number;
}

export interface FilterBreakdown {
  /** One map per input channel: that channel convolved with its slice of the filter's kernel. */
  slices: FeatureMap[];
  /** The kernel slice per input channel, k×k each. */
  kernels: number[][];
  bias: number;
  /** Σ slices + bias. */
  sum: FeatureMap;
}

function conv(backend: ReturnType<typeof createCpuBackend>, data: ArrayLike<number>, channels: number, height: number, width: number, weights: ArrayLike<number>, filters: number, k: number): Float64Array {
  const shape = [1, channels, height, width];
  const info = convInfo(shape, filters, [k, k], [1, 1], 'same', [1, 1]);
  const x = backend.tensor(shape, data);
  const w = backend.tensor([filters, channels, k, k], weights);
  const y = backend.conv2d(x, w, info);
  const out = Float64Array.from(backend.read(y));
  for (const t of [x, w, y]) backend.dispose(t);
  return out;
}

export function channelLayer(picture: Picture, c: ChannelsCase): ChannelsResult {
  const random = createRandom(c.seed);
  const fanIn = picture.channels * c.kernel * c.kernel;
  const weights = Float64Array.from({ length: c.filters * fanIn }, () => random.normal() * Math.sqrt(2 / fanIn));
  const biases = Float64Array.from({ length: c.filters }, () => 0.1 * random.normal());
  const backend = createCpuBackend('float64');
  const plane = picture.height * picture.width;
  const y = conv(backend, picture.data, picture.channels, picture.height, picture.width, weights, c.filters, c.kernel);
  const outputs = Array.from({ length: c.filters }, (_, f) => {
    const data = y.slice(f * plane, (f + 1) * plane);
    for (let i = 0; i < plane; i++) data[i]! += biases[f]!;
    return { height: picture.height, width: picture.width, data };
  });
  return { inChannels: picture.channels, weights, biases, outputs, parameters: (fanIn + 1) * c.filters };
}

/** Filter `f` taken apart: each channel's slice convolved alone, and their sum plus the bias. */
export function breakDown(picture: Picture, layer: ChannelsResult, kernel: number, f: number): FilterBreakdown {
  const backend = createCpuBackend('float64');
  const plane = picture.height * picture.width;
  const k2 = kernel * kernel;
  const kernels: number[][] = [];
  const slices: FeatureMap[] = [];
  const sum = new Float64Array(plane).fill(layer.biases[f]!);
  for (let ch = 0; ch < layer.inChannels; ch++) {
    const slice = Array.from(layer.weights.subarray((f * layer.inChannels + ch) * k2, (f * layer.inChannels + ch + 1) * k2));
    kernels.push(slice);
    const data = conv(backend, picture.data.subarray(ch * plane, (ch + 1) * plane), 1, picture.height, picture.width, slice, 1, kernel);
    for (let i = 0; i < plane; i++) sum[i]! += data[i]!;
    slices.push({ height: picture.height, width: picture.width, data });
  }
  return { slices, kernels, bias: layer.biases[f]!, sum: { height: picture.height, width: picture.width, data: sum } };
}
