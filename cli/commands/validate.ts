import { summarize } from '../../engine';
import { formatSummaryTable } from '../format';
import { CliError, loadDocumentFile, EXIT, type CliOutput } from '../io';

/**
 * Checks each file in turn (a class's homework in one command): a file's
 * problems go to stderr, each prefixed with its name, and the next file is
 * still checked. The exit code is the worst of them.
 */
export function validateCommand(files: readonly string[], io: CliOutput): number {
  let worst: number = EXIT.ok;
  for (const file of files) {
    try {
      const { warnings } = loadDocumentFile(file, io);
      io.out(`${file}: valid${warnings > 0 ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : ''}`);
    } catch (error) {
      if (!(error instanceof CliError) || files.length === 1) throw error;
      if (error.message) io.err(error.message);
      worst = Math.max(worst, error.exitCode);
    }
  }
  return worst;
}

export function summaryCommand(file: string, json: boolean, io: CliOutput): number {
  const { document, analysis } = loadDocumentFile(file, io);
  const table = summarize(document, analysis);
  io.out(json ? JSON.stringify(table, null, 2) : formatSummaryTable(table));
  return EXIT.ok;
}
