// Runs Electronegativity (Doyensec's Electron security checker) over the desktop
// shell and the renderer, and fails on any finding of MEDIUM severity or higher
// that app/electronegativity-reviewed.json does not list with a reason.
//
// It is called as a library, not through its CLI: the CLI's CSV output writes its
// header and its rows with two unawaited writes that race, and can come out garbled.
// Its check for newer Electron security releases downloads a release list; without
// internet (as here) it says "No connectivity?" after a few seconds and reports nothing.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

const runElectronegativity = createRequire(import.meta.url)('@doyensec/electronegativity');
const SERIOUS = new Set(['MEDIUM', 'HIGH', 'CRITICAL']);
const reviewed = JSON.parse(readFileSync('app/electronegativity-reviewed.json', 'utf8')).reviewed;

// Only the app's own code (node_modules would be scanned too from the repository root).
// Arguments name other folders to scan (the test scans a deliberately insecure fixture).
const staging = mkdtempSync(join(tmpdir(), 'convstudio-electronegativity-'));
try {
  const sources = process.argv.length > 2 ? process.argv.slice(2) : ['app', 'renderer', 'package.json'];
  for (const path of sources) cpSync(path, join(staging, basename(path)), { recursive: true });
  const result = await runElectronegativity({ input: staging, isRelative: true, customScan: [], excludeFromScan: [], parserPlugins: [], isVerbose: false });
  if (result.errors.length > 0) throw new Error(`electronegativity could not parse: ${JSON.stringify(result.errors).slice(0, 2000)}`);
  const findings = result.issues.map((issue) => ({
    check: issue.id,
    severity: issue.severity.name,
    file: issue.file,
    location: `${issue.location.line}:${issue.location.column}`,
    sample: String(issue.sample ?? ''),
  }));
  const isReviewed = (f) => reviewed.some((r) => r.check === f.check && r.file === f.file);
  const failing = findings.filter((f) => SERIOUS.has(f.severity) && !isReviewed(f));
  for (const f of findings) {
    const status = !SERIOUS.has(f.severity) ? 'below medium' : isReviewed(f) ? 'reviewed' : 'FAIL';
    console.log(`${status.padEnd(12)} ${f.severity.padEnd(8)} ${f.check} ${f.file}:${f.location} ${f.sample.slice(0, 100)}`);
  }
  console.log(`Electronegativity: ${findings.length} findings, ${failing.length} of MEDIUM or higher not reviewed.`);
  if (failing.length > 0) process.exitCode = 1;
} finally {
  rmSync(staging, { recursive: true, force: true });
}
