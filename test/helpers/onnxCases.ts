/** Documents that exercise every ONNX mapping: each example, the every-feature fixture, and the mappings' corners. */
import { readFileSync } from 'node:fs';
import type { GraphDocument } from '../../engine';
import { chainDocument, type LayerSpec } from './graphs';

export const json = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as GraphDocument;

const head: LayerSpec[] = [{ type: 'dense', params: { units: 3 } }, { type: 'softmax' }];

export const ONNX_CASES: [string, GraphDocument][] = [
  ...['lenet-5', 'small-cnn', 'mlp', 'branches', 'shapes-cnn', 'edge-detection', 'lecture-computational-costs'].map((name): [string, GraphDocument] => [`example ${name}`, json(`resources/examples/${name}.json`)]),
  ['every feature (fixture v1)', json('test/fixtures/v1/every-feature.json')],
  ...(['maxPool2d', 'avgPool2d'] as const).flatMap((type) => [
    [`${type} same, stride 2`, chainDocument([2, 7, 6], [{ type, params: { poolSize: 3, strides: 2, padding: 'same' } } as LayerSpec, ...head])] as [string, GraphDocument],
    // Pads as large as the window, which onnxruntime refuses on the pooling operators: windows over padding alone give 0.
    [`${type} with pads as large as the window`, chainDocument([2, 5, 5], [{ type, params: { poolSize: 2, strides: 1, padding: [2, 3, 0, 2] } } as LayerSpec, ...head])] as [string, GraphDocument],
    [`${type} full`, chainDocument([1, 6, 6], [{ type, params: { poolSize: [3, 2], strides: [2, 1], padding: 'full' } } as LayerSpec, ...head])] as [string, GraphDocument],
  ]),
  ['conv2d dilated, same, stride 2', chainDocument([2, 9, 10], [{ type: 'conv2d', params: { filters: 3, kernelSize: 3, dilation: [2, 3], strides: 2, padding: 'same' } }, { type: 'relu' }, ...head])],
  ['conv2d with pads larger than the kernel', chainDocument([1, 5, 5], [{ type: 'conv2d', params: { filters: 2, kernelSize: 2, padding: [3, 0, 2, 2] } }, ...head])],
  ['locallyConnected2d, strided, same', chainDocument([2, 7, 6], [{ type: 'locallyConnected2d', params: { filters: 3, kernelSize: 3, strides: 2, padding: 'same' } }, { type: 'tanh' }, ...head])],
  ['tiledConv2d 2×3 tiles, full, without bias', chainDocument([2, 6, 7], [{ type: 'tiledConv2d', params: { filters: 2, kernelSize: 2, tiles: [2, 3], padding: 'full', useBias: false } }, ...head])],
  ['batchNorm2d, globalAvgPool2d, leakyRelu with alpha 0', chainDocument([3, 6, 6], [
    { type: 'conv2d', params: { filters: 4, kernelSize: 3, padding: 'same', useBias: false } }, { type: 'batchNorm2d', params: { momentum: 0.2, epsilon: 0.001 } },
    { type: 'leakyRelu', params: { alpha: 0 } }, { type: 'globalAvgPool2d' }, { type: 'softmax' },
  ])],
  ['a three-way add', {
    format: 'convstudio-graph', version: 1, name: 'three-way add',
    nodes: [
      { id: 'in', type: 'input', params: { shape: [1, 6, 6] } },
      { id: 'a', type: 'conv2d', params: { filters: 2, kernelSize: 3, padding: 'same' } },
      { id: 'b', type: 'conv2d', params: { filters: 2, kernelSize: 1 } },
      { id: 'c', type: 'sigmoid' },
      { id: 'sum', type: 'add' }, { id: 'f', type: 'flatten' }, { id: 'd', type: 'dense', params: { units: 4 } }, { id: 's', type: 'softmax' },
    ],
    edges: [
      { from: 'in', to: 'a' }, { from: 'in', to: 'b' }, { from: 'b', to: 'c' },
      { from: 'a', to: 'sum' }, { from: 'b', to: 'sum' }, { from: 'c', to: 'sum' }, { from: 'sum', to: 'f' }, { from: 'f', to: 'd' }, { from: 'd', to: 's' },
    ],
  }],
];

