/**
 * Reading a document from text with positions kept, so that every problem can
 * say the line and column it is about. JSON.parse only gives a character
 * offset for syntax errors and nothing at all for later schema errors.
 */
import {
  findNodeAtLocation,
  getNodeValue,
  parseTree,
  printParseErrorCode,
  type Node as JsonNode,
  type ParseError,
} from 'jsonc-parser';
import { error, warning, type JsonPath, type Problem } from './problems';

export interface SourceText {
  value: unknown;
  /** Warnings about the text itself, such as a key given twice (the last one wins). */
  warnings: Problem[];
  /** Line and column (1-based) of the value at a path, or of its nearest existing parent. */
  locate(path: JsonPath): { line: number; column: number };
}

export type ParsedText =
  | { ok: true; source: SourceText }
  | { ok: false; stage: 'syntax' | 'document'; problems: Problem[] };

/** Real documents nest about six levels; far deeper input is refused before it can exhaust the stack. */
export const MAX_NESTING = 64;
/**
 * The most values (numbers, strings, arrays, objects) a document may hold. The
 * schema's largest graph (10,000 nodes, 100,000 edges) needs under a million;
 * large weights are stored as base64, one value each. Counted before the
 * parse tree is built, which takes about 60 bytes a value: a 200 MB array of
 * numbers would need 6 GB.
 */
export const MAX_VALUES = 2_000_000;

export function parseSourceText(text: string): ParsedText {
  // Limits first, before anything is allocated per value or per line.
  const tooBig = firstOverLimit(text);
  if (tooBig !== undefined) {
    const message = tooBig.limit === 'nesting'
      ? `values are nested more than ${MAX_NESTING} levels deep here; a graph document never needs that`
      : `the document holds more than ${MAX_VALUES.toLocaleString('en-US')} values by here; a graph document stores large weights as base64 text, not as arrays of numbers`;
    const position = offsetToPosition(lineStartOffsets(text, tooBig.offset), tooBig.offset);
    return { ok: false, stage: 'document', problems: [{ ...error(tooBig.limit === 'nesting' ? 'too-deep' : 'too-many-values', message, []), ...position }] };
  }
  const lineStarts = lineStartOffsets(text);
  const position = (offset: number) => offsetToPosition(lineStarts, offset);
  if (text.trim() === '') {
    return { ok: false, stage: 'syntax', problems: [{ ...error('json-syntax', 'the file is empty', []), ...position(0) }] };
  }

  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  const [first] = errors;
  if (first || tree === undefined) {
    // Only the first syntax error: the ones after it are usually echoes of it.
    const { message, offset } = first ? describeSyntaxError(first, text) : { message: 'the file is empty', offset: 0 };
    return { ok: false, stage: 'syntax', problems: [{ ...error('json-syntax', message, []), ...position(offset) }] };
  }

  const keyProblems = checkKeys(tree).map(({ problem, offset }) => ({ ...problem, ...position(offset) }));
  const keyErrors = keyProblems.filter((p) => p.severity === 'error');
  if (keyErrors.length > 0) return { ok: false, stage: 'document', problems: keyErrors };

  return {
    ok: true,
    source: {
      value: getNodeValue(tree) as unknown,
      warnings: keyProblems,
      locate(path) {
        for (let depth = path.length; depth >= 0; depth--) {
          const node: JsonNode | undefined = findNodeAtLocation(tree, [...path.slice(0, depth)]);
          if (node) return position(propertyStart(node));
        }
        return position(0);
      },
    },
  };
}

/** Attach line and column to problems found in a document that came from text. */
export function locateProblems(problems: readonly Problem[], source: SourceText): Problem[] {
  return problems.map((p) => ({ ...p, ...source.locate(p.path) }));
}

const SYNTAX_MESSAGES: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected ":"',
  CommaExpected: 'expected "," between items',
  CloseBraceExpected: 'expected "}"',
  CloseBracketExpected: 'expected "]"',
  EndOfFileExpected: 'unexpected text after the end of the document',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character in a string',
  InvalidCharacter: 'invalid character in a string',
};

function describeSyntaxError(e: ParseError, text: string): { message: string; offset: number } {
  const code = printParseErrorCode(e.error);
  // A value or key expected right after a comma, before a closing bracket: the comma is the mistake.
  if (code === 'ValueExpected' || code === 'PropertyNameExpected') {
    let before = e.offset - 1;
    while (before >= 0 && /\s/.test(text.charAt(before))) before--;
    const closer = text.charAt(e.offset);
    if (text.charAt(before) === ',' && (closer === ']' || closer === '}')) {
      return { message: `JSON syntax error: trailing comma: remove the "," before "${closer}"`, offset: before };
    }
  }
  const found =
    e.offset < text.length
      ? `, found ${JSON.stringify(text.slice(e.offset, e.offset + Math.max(1, e.length)).slice(0, 20))}`
      : ' at the end of the file';
  return { message: `JSON syntax error: ${SYNTAX_MESSAGES[code] ?? code}${found}`, offset: e.offset };
}

/** Offset of the first bracket that opens level `limit + 1`, skipping strings; undefined if none. */
/** Where the text first nests deeper than MAX_NESTING or passes MAX_VALUES (commas and openings, outside strings, count the values). */
function firstOverLimit(text: string): { offset: number; limit: 'nesting' | 'values' } | undefined {
  let depth = 0;
  let values = 1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // a backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 91 || c === 123) {
      if (++depth > MAX_NESTING) return { offset: i, limit: 'nesting' };
      if (++values > MAX_VALUES) return { offset: i, limit: 'values' };
    } else if (c === 44) {
      if (++values > MAX_VALUES) return { offset: i, limit: 'values' };
    } else if (c === 93 || c === 125) {
      depth--;
    }
  }
  return undefined;
}

/**
 * Keys JSON allows but a document must not have: a key given twice (JSON
 * keeps the last one silently: a warning) and "__proto__" (JavaScript turns
 * it into the object's prototype, so the entry would vanish: an error).
 */
function checkKeys(root: JsonNode): { problem: Problem; offset: number }[] {
  const found: { problem: Problem; offset: number }[] = [];
  const walk = (node: JsonNode, path: (string | number)[]) => {
    if (node.type === 'array') node.children?.forEach((child, i) => walk(child, [...path, i]));
    if (node.type !== 'object') return;
    const seen = new Set<string>();
    for (const property of node.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      const key = String(keyNode?.value);
      const at = [...path, key];
      if (key === '__proto__') {
        found.push({ problem: error('forbidden-key', 'the key "__proto__" is not allowed (JavaScript reserves it)', at), offset: property.offset });
        continue;
      }
      if (seen.has(key)) {
        found.push({ problem: warning('duplicate-key', `"${key}" is given twice in the same object; the last one is used`, at), offset: property.offset });
      }
      seen.add(key);
      if (valueNode) walk(valueNode, at);
    }
  };
  walk(root, []);
  return found;
}

/** A property's value is reported at its key, where the eye looks for it. */
function propertyStart(node: JsonNode): number {
  return node.parent?.type === 'property' ? node.parent.offset : node.offset;
}

/** Offsets where lines begin (up to `end`), in a typed array: 4 bytes a line, however the file is laid out. */
function lineStartOffsets(text: string, end = text.length): Uint32Array {
  let lines = 1;
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) lines++;
  const starts = new Uint32Array(lines);
  let line = 1;
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) starts[line++] = i + 1;
  return starts;
}

function offsetToPosition(lineStarts: Uint32Array, offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (lineStarts[lo] ?? 0) + 1 };
}
