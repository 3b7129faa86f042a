/**
 * The inspector's Explain buttons: which lessons a node is about, and the
 * option values that open each on the node's own parameters and weights.
 */
import { decodeTensorData, type GraphDocument, type GraphNode } from '../../engine';
import type { LessonId } from '../../engine/lessons/lessons';
import { WINDOWED } from '../../engine/lessons/receptiveField';
import { lessonViewId } from '../../app/shared/views';
import type { UiStore } from '../workspace/uiStore';
import type { CommandContext } from '../commands/handlers';

export interface Explanation {
  lesson: LessonId;
  label: string;
  values: Record<string, string>;
}

type ConvParams = { filters: number; kernelSize: [number, number]; strides: [number, number]; padding: unknown };

export function explanationsFor(node: GraphNode, inputShape: readonly number[] | undefined, weights?: { shape: number[]; data: unknown }): Explanation[] {
  const fields: Explanation[] = WINDOWED.has(node.type) ? [{ lesson: 'fields', label: `Explain: receptive field of ${node.id}`, values: { node: node.id, direction: 'depends', unit: '' } }] : [];
  if (node.type === 'maxPool2d') return [...fields, { lesson: 'pooling', label: 'Explain: pooling and invariance', values: {} }];
  const p0 = node.params as { kernelSize?: [number, number]; strides?: [number, number]; padding?: unknown } | undefined;
  const [kh, kw] = p0?.kernelSize ?? [0, 0];
  const geometry: Explanation[] = WINDOWED.has(node.type) && typeof p0?.padding === 'string' && kh > 0
    ? [{ lesson: 'padding', label: 'Explain: zero padding', values: { size: '6x6', kernel: `${Math.min(kh, 7)}x${Math.min(kw, 7)}`, mode: p0.padding } }]
    : [];
  if ((p0?.strides?.[0] ?? 1) > 1 && kh === kw && (kh === 3 || kh === 5)) geometry.push({ lesson: 'strides', label: 'Explain: strides', values: { stride: String(p0!.strides![0]), padding: p0!.padding === 'valid' ? 'valid' : 'same' } });
  fields.push(...geometry);
  if (node.type !== 'conv2d' && node.type !== 'locallyConnected2d') return fields;
  const p = node.params as ConvParams;
  const out: Explanation[] = [...fields];
  const [kH, kW] = p.kernelSize;
  if (node.type === 'conv2d' && kH === kW && (kH === 3 || kH === 5)) {
    // The node's first kernel (filter 1, input channel 1) when it has weights; the lecture's edge detector otherwise.
    const decoded = weights ? decodeTensorData(weights.data as never) : undefined;
    const kernel = decoded?.ok ? Array.from(decoded.values.slice(0, kH * kW), (v) => Number(v.toPrecision(4))).join(' ') : kH === 3 ? 'edge-detect' : undefined;
    if (kernel) out.push({ lesson: 'kernels', label: `Explain: kernels (${node.id}'s first kernel)`, values: { kernel, padding: p.padding === 'valid' ? 'valid' : 'same' } });
    if (kernel) out.push({ lesson: 'equivariance', label: 'Explain: sharing and equivariance', values: { kernel, layer: 'conv2d', padding: p.padding === 'valid' ? 'valid' : 'same' } });
  }
  if (inputShape?.length === 3 && typeof p.padding === 'string') {
    out.push({
      lesson: 'costs',
      label: 'Explain: computational costs',
      values: { preset: 'none', layer: node.type, input: inputShape.join('x'), filters: String(p.filters), kernel: `${kH}x${kW}`, strides: p.strides.join('x'), padding: p.padding },
    });
  }
  return out;
}

/** Opens a lesson's view, on the given values when there are some. */
export function openLesson(ui: UiStore, context: Pick<CommandContext, 'bound'>, lesson: LessonId, values?: Record<string, string>): void {
  if (values) ui.set({ lesson: { id: lesson, values } });
  context.bound.layout?.show(lessonViewId(lesson));
}

/**
 * A document built around one fixed kernel (the "Edge detection (lecture)" template: a conv2d node
 * that is not trained, with its weights stored) opens the Kernels lesson on that kernel.
 */
export function fixedKernelLesson(doc: GraphDocument): Explanation | undefined {
  for (const node of doc.nodes) {
    if (node.type !== 'conv2d' || (node.params as { trainable?: boolean }).trainable !== false) continue;
    const kernels = explanationsFor(node, undefined, doc.weights?.[node.id]?.['weight']).find((e) => e.lesson === 'kernels');
    if (kernels && doc.weights?.[node.id]) return kernels;
  }
  return undefined;
}
