/**
 * A problem found in a graph document, phrased for a student and pinned to a
 * place: the JSON path always, the node id when one node is at fault, and the
 * line and column once the document's source text is known.
 */
export type JsonPath = ReadonlyArray<string | number>;

export interface Problem {
  severity: 'error' | 'warning';
  /** Stable machine-readable kind, e.g. `cycle` or `kernel-too-large`. */
  code: string;
  message: string;
  path: JsonPath;
  nodeId?: string;
  /** 1-based, present when the document came from text. */
  line?: number;
  column?: number;
}

export function error(code: string, message: string, path: JsonPath, nodeId?: string): Problem {
  return nodeId === undefined
    ? { severity: 'error', code, message, path }
    : { severity: 'error', code, message, path, nodeId };
}

export function warning(code: string, message: string, path: JsonPath, nodeId?: string): Problem {
  return { ...error(code, message, path, nodeId), severity: 'warning' };
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/** `nodes[2].params.kernelSize`; the empty path is the document itself. */
export function formatPath(path: JsonPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out === '' ? '(document)' : out;
}

/**
 * One line per problem: `file:line:col: error: node c1 at nodes[1].params: message`.
 * Every part that is known is named, so a student can find the spot.
 */
export function formatProblem(problem: Problem, fileName?: string): string {
  const where = [fileName, problem.line, problem.column].filter((x) => x !== undefined).join(':');
  const node = problem.nodeId === undefined ? '' : `node "${problem.nodeId}" `;
  const prefix = where === '' ? '' : `${where}: `;
  const at = problem.path.length === 0 ? '' : `at ${formatPath(problem.path)}: `;
  return withoutControlCharacters(`${prefix}${problem.severity}: ${node}${at}${problem.message}`);
}

/**
 * A problem is one line: a newline, a terminal escape or a right-to-left
 * override inside an id or value the file chose is written as its \u escape,
 * so it can neither split the report nor disguise it.
 */
function withoutControlCharacters(line: string): string {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  return line.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
