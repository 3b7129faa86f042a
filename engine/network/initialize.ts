/**
 * Starting weights for parameters the document does not store. He-normal for
 * convolution-like layers (they feed ReLUs); Glorot-uniform for dense layers;
 * biases start at zero.
 */
import type { Random } from './random';

export function heNormal(count: number, fanIn: number, random: Random): Float32Array {
  const std = Math.sqrt(2 / fanIn);
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) values[i] = random.normal() * std;
  return values;
}

export function glorotUniform(count: number, fanIn: number, fanOut: number, random: Random): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) values[i] = (random.next() * 2 - 1) * limit;
  return values;
}
