/**
 * Turns zod's schema issues into problems a student can act on: the node id
 * when the issue is inside a node, and plain words instead of type jargon.
 */
import type { z } from 'zod';
import { error, type Problem } from './problems';
import { NODE_TYPES } from './schema';

export function schemaProblems(issues: readonly z.core.$ZodIssue[], raw: unknown): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const issue of issues) {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    // An unknown key is pointed at where it is written, not at its object.
    const at = issue.code === 'unrecognized_keys' && issue.keys.length === 1 ? [...path, issue.keys[0] ?? ''] : path;
    const problem = error(`schema-${issue.code}`, describeIssue(issue, path, raw), at, nodeIdAt(raw, path));
    const key = `${JSON.stringify(path)} ${problem.message}`;
    if (!seen.has(key)) problems.push(problem);
    seen.add(key);
  }
  return problems;
}

const SIZE_PAIR_FIELDS = new Set(['kernelSize', 'strides', 'poolSize', 'tiles']);

function describeIssue(issue: z.core.$ZodIssue, path: (string | number)[], raw: unknown): string {
  const field = path[path.length - 1];
  const value = valueAt(raw, path);
  switch (issue.code) {
    case 'invalid_union': {
      if (path.length === 3 && path[0] === 'nodes' && field === 'type') return describeBadNodeType(valueAt(raw, path.slice(0, 2)));
      if (typeof field === 'string' && SIZE_PAIR_FIELDS.has(field)) {
        return `${field} must be a whole number from 1 to 65536, or two of them as [height, width]; got ${show(value)}`;
      }
      if (field === 'padding') return `padding must be "valid", "same", "full", or [top, bottom, left, right]; got ${show(value)}`;
      if (field === 'data') {
        const huge = Array.isArray(value) ? value.findIndex((v) => typeof v === 'number' && !Number.isFinite(v)) : -1;
        if (huge >= 0) return `value ${huge} is too large to store as a number`;
        return 'data must be base64 text (little-endian float32) or an array of numbers';
      }
      if (field === 'shape') return `an input shape is [channels, height, width] or [features], each a whole number from 1 to 65536; got ${show(value)}`;
      if (path[0] === 'training' && path[1] === 'optimizer') return `optimizer type must be "sgd" or "adam"; got ${show(valueAt(raw, ['training', 'optimizer', 'type']))}`;
      return `${show(value)} is not allowed here`;
    }
    case 'unrecognized_keys': {
      const names = issue.keys.map((k) => `"${k}"`).join(', ');
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${names}${suggest(issue.keys[0] ?? '', KNOWN_FIELD_NAMES)}`;
    }
    case 'invalid_type':
      if (typeof value === 'number') return 'this number is too large to store (more than about 1.8e308)';
      if (value === undefined) return `"${String(field)}" is missing (expected ${article(issue.expected)})`;
      return `expected ${article(issue.expected)}, got ${show(value)}`;
    case 'invalid_value':
      return `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}; got ${show(value)}`;
    case 'too_small':
      return issue.origin === 'array' || issue.origin === 'string'
        ? `needs at least ${String(issue.minimum)} ${issue.origin === 'array' ? 'items' : 'characters'}`
        : `must be ${issue.inclusive ? 'at least' : 'more than'} ${String(issue.minimum)}; got ${show(value)}`;
    case 'too_big':
      return issue.origin === 'array' || issue.origin === 'string'
        ? `allows at most ${String(issue.maximum)} ${issue.origin === 'array' ? 'items' : 'characters'}`
        : `must be ${issue.inclusive ? 'at most' : 'less than'} ${String(issue.maximum)}; got ${show(value)}`;
    case 'not_multiple_of':
      return `must be a whole number; got ${show(value)}`;
    case 'invalid_format':
      return `${issue.message}; got ${show(value)}`;
    default:
      return issue.message;
  }
}

function describeBadNodeType(node: unknown): string {
  const type = (node as { type?: unknown } | undefined)?.type;
  if (typeof node !== 'object' || node === null) return `a node is an object like {"id": "c1", "type": "conv2d", "params": {...}}; got ${show(node)}`;
  if (type === undefined) return `node has no "type"; use one of ${NODE_TYPES.join(', ')}`;
  // Only a string can be near a known name; String() of an object such as {"toString": null} throws.
  const near = typeof type === 'string' ? suggest(type, NODE_TYPES) : '';
  return `unknown node type ${show(type)}${near}; known types: ${NODE_TYPES.join(', ')}`;
}

function nodeIdAt(raw: unknown, path: readonly (string | number)[]): string | undefined {
  if (path[0] === 'weights' && typeof path[1] === 'string') return path[1];
  if (path[0] !== 'nodes' || typeof path[1] !== 'number') return undefined;
  const id = (valueAt(raw, path.slice(0, 2)) as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}

function valueAt(raw: unknown, path: readonly (string | number)[]): unknown {
  let value = raw;
  for (const part of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[part];
  }
  return value;
}

const KNOWN_FIELD_NAMES = [
  'filters', 'kernelSize', 'strides', 'padding', 'useBias', 'trainable', 'tiles', 'poolSize', 'units', 'rate',
  'alpha', 'shape', 'id', 'type', 'params', 'label', 'from', 'to', 'port', 'format', 'version', 'name',
  'description', 'nodes', 'edges', 'weights', 'training', 'view', 'dataset', 'epochs', 'batchSize',
  'optimizer', 'seed', 'augmentation', 'maxShift', 'learningRate', 'momentum', 'nesterov', 'beta1', 'beta2', 'epsilon', 'weightDecay', 'data',
];

function suggest(word: string, candidates: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    // Case slips ("conv2D") count as closer than any other typo.
    const d = candidate.toLowerCase() === word.toLowerCase() ? 0.5 : editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best === undefined ? '' : ` (did you mean "${best}"?)`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' && !Number.isFinite(value)) return 'a number too large to store';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
