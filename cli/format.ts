/** Plain-text rendering of a summary for the terminal, Keras style. */
import { describeShape, type Summary } from '../engine';

const number = (n: number) => n.toLocaleString('en-US');

export function formatSummaryTable(summary: Summary): string {
  const header = ['Node', 'Type', 'Output shape', 'Params', 'Muls+adds'];
  const rows = summary.nodes.map((row) => [row.id, row.type, describeShape(row.outputShape), number(row.params), number(row.flops)]);
  const totals = ['Total', '', '', number(summary.totals.params), number(summary.totals.flops)];
  const widths = header.map((h, c) => Math.max(h.length, ...[...rows, totals].map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((cell, c) => (c >= 3 ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0))).join('  ').trimEnd();
  const rule = '─'.repeat(widths.reduce((a, b) => a + b + 2, -2));

  const out = [summary.name, rule, line(header), rule];
  summary.nodes.forEach((row, i) => {
    out.push(line(rows[i] ?? []));
    for (const note of row.notes) out.push(`    ↳ ${note}`);
    for (const warning of row.warnings) out.push(`    ⚠ ${warning}`);
  });
  out.push(rule, line(totals));

  const matrixRows = summary.nodes.filter((row) => row.matrixEquivalent);
  if (matrixRows.length > 0) {
    out.push('', 'The same linear maps written as matrices (bias left out), as in the lecture\'s "Computational Costs":');
    const cols = ['Node', 'Layer floats', 'Layer muls+adds', 'Dense floats', 'Dense muls+adds', 'Sparse floats', 'Sparse muls+adds'];
    const cells = matrixRows.map((row) => {
      const m = row.matrixEquivalent;
      return m ? [row.id, ...[m.convolution, m.dense, m.sparse].flatMap((c) => [number(c.storedFloats), number(c.flops)])] : [];
    });
    const w = cols.map((h, c) => Math.max(h.length, ...cells.map((r) => (r[c] ?? '').length)));
    const fmt = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(w[c] ?? 0) : cell.padStart(w[c] ?? 0))).join('  ');
    out.push(fmt(cols), ...cells.map(fmt));
  }
  return out.join('\n');
}
