import { summarize } from '../../engine';
import { formatSummaryTable } from '../format';
import { loadDocumentFile, EXIT, type CliOutput } from '../io';

export function validateCommand(file: string, io: CliOutput): number {
  const { warnings } = loadDocumentFile(file, io);
  io.out(`${file}: valid${warnings > 0 ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : ''}`);
  return EXIT.ok;
}

export function summaryCommand(file: string, json: boolean, io: CliOutput): number {
  const { document, analysis } = loadDocumentFile(file, io);
  const table = summarize(document, analysis);
  io.out(json ? JSON.stringify(table, null, 2) : formatSummaryTable(table));
  return EXIT.ok;
}
