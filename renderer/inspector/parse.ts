/**
 * From what a student types to a value, or to the reason it is not one, in
 * words that name the field ("kernel height must be at least 1"). Numbers are
 * read here; whether a node may hold them is the schema's call
 * (NodeSchema.safeParse), whose issues are worded here too.
 */
import { NodeSchema, type GraphNode } from '../../engine';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** A number as typed: "3", "-0.5", "1e-3"; not "", "abc" or "Infinity". */
export function parseNumber(text: string): Parsed<number> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: 'enter a number' };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { ok: false, message: `"${trimmed}" is not a number` };
  return { ok: true, value };
}

/** Numbers separated by commas or spaces ("1, 28, 28"), as an input's shape is typed. */
export function parseNumberList(text: string): Parsed<number[]> {
  const parts = text.trim().split(/[\s,×x]+/).filter(Boolean);
  if (parts.length === 0) return { ok: false, message: 'enter numbers separated by commas' };
  const values: number[] = [];
  for (const part of parts) {
    const parsed = parseNumber(part);
    if (!parsed.ok) return parsed;
    values.push(parsed.value);
  }
  return { ok: true, value: values };
}

/** How a number is shown in a field: as the document holds it, without float noise. */
export function formatNumber(value: number): string {
  return String(Number(value.toPrecision(7)));
}

interface Issue {
  code: string;
  message: string;
  path: PropertyKey[];
  minimum?: unknown;
  maximum?: unknown;
  inclusive?: boolean;
  expected?: unknown;
  origin?: unknown;
}

/** One schema issue in a student's words; `label` names the field ("filters", "kernel height"). */
export function describeIssue(issue: Issue, label: string): string {
  if (issue.code === 'too_small' && issue.origin === 'number') {
    return `${label} must be ${issue.inclusive ? 'at least' : 'more than'} ${String(issue.minimum)}`;
  }
  if (issue.code === 'too_big' && issue.origin === 'number') {
    return `${label} must be ${issue.inclusive ? 'at most' : 'less than'} ${String(issue.maximum)}`;
  }
  if (issue.code === 'invalid_type' && issue.expected === 'int') return `${label} must be a whole number`;
  if (issue.code === 'invalid_union' && issue.path.at(-1) === 'shape') return 'shape is channels, height, width (three numbers) or features (one number)';
  return `${label}: ${issue.message}`;
}

/** Why `node` with these params is not a valid node, or undefined when it is. */
export function refusal(node: GraphNode, params: Record<string, unknown>, label: string): string | undefined {
  const checked = NodeSchema.safeParse({ ...node, params });
  if (checked.success) return undefined;
  const issue = checked.error.issues[0];
  return issue ? describeIssue(issue as Issue, label) : `${label} is not allowed here`;
}
