/**
 * Loading a document: text → JSON (syntax errors with line and column) →
 * migrations → schema (errors with JSON path and node id) → graph analysis
 * (cycles, shapes, weights). Loading never throws on bad input; it returns
 * the problems instead, so a caller can show them and keep what it had open.
 */
import { analyzeGraph, type GraphAnalysis } from './analyze';
import { migrateDocument } from './migrations';
import { hasErrors, type Problem } from './problems';
import { atNeededVersion } from '../nodes/registry';
import { GraphDocumentSchema, type GraphDocument } from './schema';
import { schemaProblems } from './schemaProblems';
import { locateProblems, parseSourceText } from './sourceText';

export type LoadResult =
  | { ok: true; document: GraphDocument; analysis: GraphAnalysis; /** warnings only */ problems: Problem[] }
  | { ok: false; stage: 'syntax' | 'document'; problems: Problem[]; document?: GraphDocument; analysis?: GraphAnalysis };

/** Load from the text of a file; problems carry line and column. */
export function loadDocumentText(text: string): LoadResult {
  const parsed = parseSourceText(text);
  if (!parsed.ok) return parsed;
  const result = loadDocumentValue(parsed.source.value);
  return { ...result, problems: [...locateProblems(result.problems, parsed.source), ...parsed.source.warnings] };
}

/** Load from an already parsed value (the editor's store, a test). */
export function loadDocumentValue(raw: unknown): LoadResult {
  const migrated = migrateDocument(raw);
  if (!migrated.ok) return { ok: false, stage: 'document', problems: migrated.problems };
  const parsed = GraphDocumentSchema.safeParse(migrated.value);
  if (!parsed.success) return { ok: false, stage: 'document', problems: schemaProblems(parsed.error.issues, migrated.value) };
  // Kept at the oldest version that holds it (see versionNeeded), whatever the file said.
  const document = atNeededVersion(parsed.data);
  const analysis = analyzeGraph(document);
  const problems = sortProblems(analysis.problems, document);
  return hasErrors(problems)
    ? { ok: false, stage: 'document', problems, document, analysis }
    : { ok: true, document, analysis, problems };
}

/** Errors first, then in document order (by node), so the first line is the first thing to fix. */
function sortProblems(problems: readonly Problem[], doc: GraphDocument): Problem[] {
  const nodeOrder = new Map(doc.nodes.map((n, i) => [n.id, i]));
  const rank = (p: Problem) => [p.severity === 'error' ? 0 : 1, p.nodeId === undefined ? -1 : (nodeOrder.get(p.nodeId) ?? -1)] as const;
  return [...problems].sort((a, b) => {
    const [sa, na] = rank(a);
    const [sb, nb] = rank(b);
    return sa - sb || na - nb;
  });
}
