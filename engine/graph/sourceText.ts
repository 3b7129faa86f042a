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

export type ParsedText = { ok: true; source: SourceText } | { ok: false; problems: Problem[] };

export function parseSourceText(text: string): ParsedText {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  const lineStarts = lineStartOffsets(text);
  const position = (offset: number) => offsetToPosition(lineStarts, offset);

  if (errors.length > 0 || tree === undefined) {
    const problems = errors.map((e) => ({
      ...error('json-syntax', describeSyntaxError(e, text), []),
      ...position(e.offset),
    }));
    if (problems.length === 0) problems.push({ ...error('json-syntax', 'the file is empty', []), ...position(0) });
    return { ok: false, problems };
  }

  return {
    ok: true,
    source: {
      value: getNodeValue(tree) as unknown,
      warnings: duplicateKeys(tree).map(({ path, key, offset }) => ({
        ...warning('duplicate-key', `"${key}" is given twice in the same object; the last one is used`, path),
        ...position(offset),
      })),
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

function describeSyntaxError(e: ParseError, text: string): string {
  const code = printParseErrorCode(e.error);
  const found = e.offset < text.length ? `, found ${JSON.stringify(text.slice(e.offset, e.offset + Math.max(1, e.length)).slice(0, 20))}` : ' at the end of the file';
  const readable: Record<string, string> = {
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
  return `JSON syntax error: ${readable[code] ?? code}${found}`;
}

function duplicateKeys(root: JsonNode): { path: JsonPath; key: string; offset: number }[] {
  const found: { path: JsonPath; key: string; offset: number }[] = [];
  const walk = (node: JsonNode, path: (string | number)[]) => {
    if (node.type === 'array') node.children?.forEach((child, i) => walk(child, [...path, i]));
    if (node.type !== 'object') return;
    const seen = new Set<string>();
    for (const property of node.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      const key = String(keyNode?.value);
      if (seen.has(key)) found.push({ path: [...path, key], key, offset: property.offset });
      seen.add(key);
      if (valueNode) walk(valueNode, [...path, key]);
    }
  };
  walk(root, []);
  return found;
}

/** A property's value is reported at its key, where the eye looks for it. */
function propertyStart(node: JsonNode): number {
  return node.parent?.type === 'property' ? node.parent.offset : node.offset;
}

function lineStartOffsets(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function offsetToPosition(lineStarts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (lineStarts[lo] ?? 0) + 1 };
}
