/**
 * `convstudio lesson NAME [--OPTION VALUE]... [--json]`: a lesson's numbers,
 * from the same engine code as its view, for a slide or a test. The lessons
 * and their options come from engine/lessons/catalog.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { findLesson, LESSONS, type LessonHost, type LessonInfo } from '../../engine/lessons/catalog';
import { LessonOptionError } from '../../engine/lessons/options';
import { datasetPicture, flatSpecPicture, parsePictureSpec, PHOTO, pictureFromPng } from '../../engine/lessons/pictureSources';
import { loadBundledDataset, loadDataset } from '../datasets';
import { CliError, EXIT, loadDocumentFile, type CliOutput } from '../io';

const PICTURES_DIR = new URL('../../resources/pictures/', import.meta.url);

export function lessonUsage(): string {
  const lines = ['Usage: convstudio lesson NAME [--OPTION VALUE]... [--json]', '', 'Lessons:'];
  for (const lesson of LESSONS as readonly LessonInfo[]) {
    lines.push(`  ${lesson.id.padEnd(10)} ${lesson.title}: ${lesson.summary}`);
    for (const option of lesson.options) lines.push(`      --${option.name.padEnd(9)} ${option.help}${option.default ? ` (default ${option.default})` : ''}`);
  }
  lines.push('', 'Without --json the numbers are printed as indented JSON too; --json prints them on one line.');
  return lines.join('\n');
}

export async function lessonCommand(argv: readonly string[], io: CliOutput): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(lessonUsage());
    return EXIT.ok;
  }
  const lesson = findLesson(name);
  if (!lesson) throw new CliError(`convstudio lesson: unknown lesson "${name}" (lessons: ${LESSONS.map((l) => l.id).join(', ')}; see convstudio lesson --help)`, EXIT.unreadable);
  let parsed;
  try {
    parsed = parseArgs({
      args: [...rest],
      options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, ...Object.fromEntries(lesson.options.map((o) => [o.name, { type: 'string' as const }])) },
    });
  } catch (error) {
    throw new CliError(`convstudio lesson ${name}: ${(error as Error).message.split('\n')[0]}`, EXIT.unreadable);
  }
  if (parsed.values.help) {
    io.out(lessonUsage());
    return EXIT.ok;
  }
  const values: Record<string, string> = {};
  for (const option of lesson.options) {
    const given = (parsed.values as Record<string, string | boolean | undefined>)[option.name];
    values[option.name] = typeof given === 'string' ? given : option.default;
  }
  try {
    const result = await lesson.run(values, nodeHost(io));
    io.out(parsed.values.json ? JSON.stringify(result) : JSON.stringify(result, null, 2));
    return EXIT.ok;
  } catch (error) {
    if (error instanceof LessonOptionError) throw new CliError(`convstudio lesson ${name}: ${error.message}`, EXIT.unreadable);
    throw error;
  }
}

/** Pictures from the bundled data sets, the bundled photograph, or a PNG file; graphs and data sets from files. */
const nodeHost = (io: CliOutput): LessonHost => ({
  now: () => performance.now(),
  progress: (text) => io.status?.(text),
  async loadDataset(name) {
    return loadDataset(name, { seed: 1 }, io);
  },
  async loadGraph(file) {
    const problems: string[] = [];
    try {
      const { document, analysis } = loadDocumentFile(file, { out: () => undefined, err: (line) => problems.push(line) });
      return { document, analysis };
    } catch (error) {
      throw new Error(problems[0] ?? ((error as Error).message || `${file} cannot be read`), { cause: error });
    }
  },
  async loadPicture(text) {
    const spec = parsePictureSpec(text);
    switch (spec.kind) {
      case 'dataset':
        return datasetPicture(spec.dataset, loadBundledDataset(spec.dataset).test, spec.index);
      case 'flat':
        return flatSpecPicture(spec.value);
      case 'photo':
        return pictureFromPng(PHOTO.name, new Uint8Array(readFileSync(new URL(PHOTO.file, PICTURES_DIR))));
      case 'file':
        if (!existsSync(spec.path)) throw new Error(`no file ${spec.path}`);
        return pictureFromPng(spec.path, new Uint8Array(readFileSync(spec.path)));
    }
  },
});
