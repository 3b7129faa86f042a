/** Process entry of the bundled CLI (dist/cli/convstudio.mjs). */
import { runCli } from './main';

// `convstudio summary big.json | head` closes the pipe early; that is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

const interactive = process.stderr.isTTY === true;

try {
  process.exitCode = await runCli(
    process.argv.slice(2),
    {
      out: (text) => process.stdout.write(`${text}\n`),
      err: (text) => process.stderr.write(`${text}\n`),
      // A live progress line on a terminal; nothing when stderr is a file or a pipe.
      ...(interactive ? { status: (text: string) => process.stderr.write(`\r\x1b[2K${text.slice(0, process.stderr.columns ?? 120)}`) } : {}),
    },
    (stop) => {
      // First Ctrl-C stops training cleanly (and still writes --out); a second one quits at once.
      process.once('SIGINT', () => {
        process.stderr.write('\nstopping after this step (Ctrl-C again to quit now)\n');
        stop();
        process.once('SIGINT', () => process.exit(130));
      });
    },
  );
} catch (e) {
  // A bug in ConvStudio, not bad input: say so in one line and keep the trace for a report.
  process.stderr.write(`convstudio: internal error: ${(e as Error).message}\nPlease report this with the file that caused it.\n`);
  if (process.env['CONVSTUDIO_DEBUG']) process.stderr.write(`${(e as Error).stack}\n`);
  process.exitCode = 70;
}
