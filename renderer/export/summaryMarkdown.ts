/** File > Export Summary: the layer table (shapes, parameters, muls+adds) as Markdown, for a report or homework. */
import { analyzeGraph, describeShape, summarize, type GraphDocument } from '../../engine';

const number = (n: number) => n.toLocaleString('en-US');

export function summaryMarkdown(document: GraphDocument): string {
  const summary = summarize(document, analyzeGraph(document));
  const lines = [
    `# ${summary.name}`,
    '',
    '| Node | Type | Output shape | Params | Muls+adds |',
    '|---|---|---|---:|---:|',
    ...summary.nodes.map((row) => `| ${row.id} | ${row.type} | ${describeShape(row.outputShape)} | ${number(row.params)} | ${number(row.flops)} |`),
    `| **Total** | | | **${number(summary.totals.params)}** | **${number(summary.totals.flops)}** |`,
  ];
  const notes = summary.nodes.flatMap((row) => [...row.notes, ...row.warnings].map((note) => `- ${row.id}: ${note}`));
  if (notes.length > 0) lines.push('', ...notes);
  return `${lines.join('\n')}\n`;
}
