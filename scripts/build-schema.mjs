// Writes the graph document's JSON Schema (`convstudio schema`) to resources/schema/, named by the
// document version it describes, so a version bump adds a file and the earlier versions' stay published.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const text = execFileSync(process.execPath, ['bin/convstudio.mjs', 'schema'], { encoding: 'utf8' });
const version = /\.v(\d+)\.schema\.json$/.exec(JSON.parse(text).$id)?.[1];
if (!version) throw new Error('the schema has no versioned $id');
writeFileSync(`resources/schema/convstudio-graph.v${version}.schema.json`, text);
