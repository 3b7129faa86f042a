/**
 * Between a document's parameter values and the fields that show them: a
 * size pair as height and width, padding as a mode plus four sides, and the
 * values the engine uses where the document leaves a parameter out. Pure, so
 * the prefill rules are tested without a browser.
 */
import type { GraphNode, Padding, Problem, SizePair, WindowPlan } from '../../engine';
import type { WindowParams } from '../../engine/nodes/descriptor';
import { descriptorOf, NODE_DESCRIPTORS } from '../../engine/nodes/registry';

export type Pair = [height: number, width: number];
export type Sides = [top: number, bottom: number, left: number, right: number];
export type PaddingMode = 'valid' | 'same' | 'full' | 'explicit';

export const PADDING_MODES: readonly PaddingMode[] = ['valid', 'same', 'full', 'explicit'];
export const SIDE_NAMES = ['top', 'bottom', 'left', 'right'] as const;

export function toPair(size: SizePair): Pair {
  return typeof size === 'number' ? [size, size] : [size[0], size[1]];
}

/** What to write for `[height, width]`: one number where the document held one and both are equal. */
export function pairValue(original: SizePair | undefined, height: number, width: number): SizePair {
  return typeof original === 'number' && height === width ? height : [height, width];
}

export function paddingMode(padding: Padding | undefined): PaddingMode {
  return padding === undefined ? 'valid' : typeof padding === 'string' ? padding : 'explicit';
}

/**
 * The four sides a mode pads with, as the engine computes them: from the
 * node's window plan where its input is known, from the kernel alone for
 * `full`, zeros otherwise (`same` needs the input size).
 */
export function explicitPadding(padding: Padding | undefined, kernel: Pair, window?: WindowPlan): Sides {
  if (Array.isArray(padding)) return [...padding] as Sides;
  if (window) return [window.rows.padBefore, window.rows.padAfter, window.cols.padBefore, window.cols.padAfter];
  if (padding === 'full') return [kernel[0] - 1, kernel[0] - 1, kernel[1] - 1, kernel[1] - 1];
  return [0, 0, 0, 0];
}

/** A node's window parameters with every default filled in (what the engine will use); undefined for nodes without a window. */
export function windowParams(node: GraphNode): WindowParams | undefined {
  return descriptorOf(node).window?.(node);
}

/** The node's own parameters as the document holds them (none: an empty object). */
export function ownParams(node: GraphNode): Record<string, unknown> {
  return { ...((node as { params?: Record<string, unknown> }).params ?? {}) };
}

/** An analysis problem as a field shows it: an error marks the field invalid, a warning only explains. */
export type FieldProblem = Pick<Problem, 'message' | 'severity'>;

/** Whether a problem is pinned to parameter `key` of its node (path `nodes[i].params.key…`). */
const pinnedTo = (p: Problem, key: string) => p.path[0] === 'nodes' && p.path[2] === 'params' && p.path[3] === key;

/** The problems of the analysis pinned to parameter `key`, errors first, one per line; an error if any is. */
export function problemAt(problems: readonly Problem[], key: string): FieldProblem | undefined {
  const pinned = problems.filter((p) => pinnedTo(p, key)).sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  const first = pinned[0];
  return first && { message: pinned.map((p) => p.message).join('\n'), severity: first.severity };
}

/** Parameters whose fields show their own problems (flags have no problems of their own): every descriptor's, a window's three. */
export const FIELD_KEYS = [...new Set(NODE_DESCRIPTORS.flatMap((d) => d.fields.flatMap((f) => (f.kind === 'check' ? [] : f.kind === 'shape' ? ['shape'] : f.kind === 'window' ? ['kernelSize', 'poolSize', 'strides', 'padding'] : [f.key]))))];

/** The problems no field shows: the ones the inspector lists at its end. */
export function unpinnedProblems(problems: readonly Problem[], storedTensors: readonly string[]): Problem[] {
  return problems.filter((p) => !FIELD_KEYS.some((key) => pinnedTo(p, key)) && !(p.path[0] === 'weights' && storedTensors.includes(String(p.path[2]))));
}
