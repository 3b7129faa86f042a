/**
 * Documents are upgraded one version at a time before validation, so a file
 * saved by any earlier ConvStudio still opens (test/fixtures/v1/ holds a
 * version-1 document that must keep loading), and an older ConvStudio says a
 * newer one made the file. A new version adds `{ from, migrate }` here.
 */
import { error, type Problem } from './problems';
import { CURRENT_VERSION, GRAPH_FORMAT } from './schema';

export type JsonObject = Record<string, unknown>;

export interface Migration {
  /** Upgrades a document of version `from` to version `from + 1`. */
  from: number;
  migrate(doc: JsonObject): JsonObject;
}

export const MIGRATIONS: readonly Migration[] = [
  // Version 2 only added a node type (batchNorm2d): a version-1 document is a version-2 one as it is.
  { from: 1, migrate: (doc) => doc },
];

export type Migrated = { ok: true; value: JsonObject } | { ok: false; problems: Problem[] };

/** Checks the envelope (`format`, `version`) and runs the migrations up to `target`. */
export function migrateDocument(raw: unknown, migrations: readonly Migration[] = MIGRATIONS, target = CURRENT_VERSION): Migrated {
  const fail = (message: string, path: (string | number)[]): Migrated => ({ ok: false, problems: [error('not-a-graph', message, path)] });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return fail(`a graph document is a JSON object, but this file holds ${Array.isArray(raw) ? 'an array' : raw === null ? 'null' : `a ${typeof raw}`}`, []);
  }
  let doc = raw as JsonObject;
  if (doc['format'] !== GRAPH_FORMAT) {
    return fail(`not a ConvStudio graph: "format" must be "${GRAPH_FORMAT}"${'format' in doc ? `, not ${JSON.stringify(doc['format'])}` : ' and is missing'}`, ['format']);
  }
  const version = doc['version'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    const allowed = `must be ${Array.from({ length: target }, (_, i) => i + 1).join(' or ')}`;
    return fail(`"version" ${allowed}, not ${JSON.stringify(version) ?? 'missing'}`, ['version']);
  }
  if (version > target) {
    return fail(`this document is version ${version}, written by a newer ConvStudio; this one reads versions up to ${target}`, ['version']);
  }
  for (let v = version; v < target; v++) {
    const step = migrations.find((m) => m.from === v);
    if (!step) return fail(`no migration from version ${v} to ${v + 1}`, ['version']);
    doc = { ...step.migrate(doc), version: v + 1 };
  }
  return { ok: true, value: doc };
}
