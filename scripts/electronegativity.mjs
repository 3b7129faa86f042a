// Runs Electronegativity (Doyensec's Electron security checker) over the desktop
// shell and the renderer, and fails on any finding of MEDIUM severity or higher
// that app/electronegativity-reviewed.json does not list with a reason.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

const SERIOUS = new Set(['MEDIUM', 'HIGH', 'CRITICAL']);
const reviewed = JSON.parse(readFileSync('app/electronegativity-reviewed.json', 'utf8')).reviewed;

// Only the app's own code (node_modules would be scanned too from the repository root).
const staging = mkdtempSync(join(tmpdir(), 'convstudio-electronegativity-'));
try {
  // Arguments name other folders to scan (the test scans a deliberately insecure fixture).
  const sources = process.argv.length > 2 ? process.argv.slice(2) : ['app', 'renderer', 'package.json'];
  for (const path of sources) cpSync(path, join(staging, basename(path)), { recursive: true });
  const report = join(staging, 'report.csv');
  // Its check for newer Electron security releases downloads a release list; without internet (as here)
  // it says "No connectivity?" after a few seconds and reports nothing (the tool cannot leave out global checks).
  const args = ['-i', staging, '-o', report, '-r', '-v', 'false'];
  const run = spawnSync(process.execPath, ['node_modules/@doyensec/electronegativity/dist/index.js', ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`electronegativity exited with ${run.status}:\n${run.stdout}${run.stderr}`);
  const findings = readFileSync(report, 'utf8').trim().split('\n').slice(1).map(parseCsvLine)
    .map(([check, severity, confidence, file, location, sample]) => ({ check, severity, confidence, file, location, sample }));
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

function parseCsvLine(line) {
  const cells = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (c === ',' && !quoted) {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += c;
    }
  }
  cells.push(cell.trim());
  return cells;
}
