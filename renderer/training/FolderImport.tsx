/**
 * Import a folder of one's own pictures as a data set: one subfolder per
 * class. The worker reads each file as it decodes it and scales it to the
 * input node's size; progress is shown throughout, and every file that could
 * not be used is listed with the reason.
 */
import { useState } from 'react';
import type { GraphDocument } from '../../engine';
import { notAPictureReason, type SkippedFile } from '../../engine/data/folderImport';
import type { FolderPicture } from '../../engine/training/protocol';
import { imageInput } from './imageInput';
import { IMPORT_CANCELLED, type TrainingClient } from './trainingClient';

/** Skipped files listed by name; past this many a folder of thousands would cost the page more than the list is worth. */
const SKIPPED_SHOWN = 1000;

type ImportState =
  | { stage: 'idle' }
  | { stage: 'decoding'; done: number; total: number }
  | { stage: 'done'; summary: string; skipped: SkippedFile[] }
  | { stage: 'failed'; message: string; skipped: SkippedFile[] }
  | { stage: 'cancelled'; name: string };

/** Groups a folder picked with webkitdirectory into classes: root/<class>/<file>. */
export function classifyFiles(files: readonly { webkitRelativePath: string; name: string; size: number }[]): { classNames: string[]; usable: number[]; skipped: SkippedFile[] } {
  const classNames = new Set<string>();
  const usable: number[] = [];
  const skipped: SkippedFile[] = [];
  files.forEach((file, i) => {
    const parts = file.webkitRelativePath.split('/');
    const name = parts.slice(1).join('/') || file.name;
    if (parts.length < 3) return void skipped.push({ name, reason: 'not inside a class folder (put each image in a subfolder named after its class)' });
    if (parts.length > 3) return void skipped.push({ name, reason: 'in a folder inside a class folder (only the first level of subfolders are classes)' });
    classNames.add(parts[1] as string);
    const reason = notAPictureReason(file.name, file.size);
    if (reason) return void skipped.push({ name, reason });
    usable.push(i);
  });
  return { classNames: [...classNames].sort(), usable, skipped };
}

export function FolderImport({ client, document, disabled, onImported }: { client: TrainingClient; document: GraphDocument; disabled: boolean; onImported(name: string): void }) {
  const [state, setState] = useState<ImportState>({ stage: 'idle' });
  const busy = state.stage === 'decoding';

  const importFiles = async (list: FileList) => {
    try {
      await readAndImport(list);
    } catch (error) {
      setState({ stage: 'failed', message: `The folder was not imported: ${(error as Error).message}.`, skipped: [] });
    }
  };

  const readAndImport = async (list: FileList) => {
    const input = imageInput(document);
    if (typeof input === 'string') return setState({ stage: 'failed', message: `Cannot import pictures: ${input}.`, skipped: [] });
    const files = Array.from(list);
    const name = files[0]?.webkitRelativePath.split('/')[0] || 'my-pictures';
    const { classNames, usable, skipped } = classifyFiles(files);
    // The files themselves go to the worker, which reads each as it decodes it: the page never holds
    // a folder of photos in memory (nor keeps it, for the runs that decode it again).
    const images: FolderPicture[] = usable.map((i) => {
      const file = files[i] as File;
      return { className: file.webkitRelativePath.split('/')[1] as string, name: file.webkitRelativePath.split('/').slice(1).join('/'), handle: file };
    });
    setState({ stage: 'decoding', done: 0, total: images.length });
    const reply = await client.importFolder({ name, classNames, files: images, ...input }, (done, total) => setState({ stage: 'decoding', done, total }));
    if (!reply.ok && reply.message === IMPORT_CANCELLED) return setState({ stage: 'cancelled', name });
    if (!reply.ok) return setState({ stage: 'failed', message: `${name} was not imported: ${reply.message}.`, skipped });
    setState({ stage: 'done', summary: `${name}: ${reply.classNames.length} classes, ${reply.trainCount} training and ${reply.testCount} test images, ${input.width}×${input.height} ${input.color ? 'colour' : 'gray'}`, skipped: [...skipped, ...reply.skipped] });
    onImported(name);
    return undefined;
  };

  return (
    <div className="folder-import">
      <label className={disabled || busy ? 'button button--disabled' : 'button'} title="A folder with one subfolder of pictures per class (PNG, JPEG, GIF, BMP)">
        Import a folder…
        <input
          type="file"
          data-testid="import-folder"
          disabled={disabled || busy}
          // Non-standard but supported by every Chromium (and so Electron): pick a folder, get every file in it.
          {...{ webkitdirectory: '', directory: '' }}
          multiple
          hidden
          onChange={(e) => {
            if (e.target.files && e.target.files.length > 0) void importFiles(e.target.files);
            e.target.value = '';
          }}
        />
      </label>
      {busy && (
        <p className="training__numbers" data-testid="import-progress">
          decoding {state.done}/{state.total} images
          <progress max={state.total} value={state.done} aria-label="import progress" />
          <button type="button" data-testid="import-cancel" onClick={() => client.cancelImport()}>Cancel</button>
        </p>
      )}
      {state.stage === 'cancelled' && <p className="training__reason" role="status" data-testid="import-summary">Import of {state.name} cancelled: nothing was added.</p>}
      {state.stage === 'done' && <p className="training__reason" role="status" data-testid="import-summary">{state.summary}</p>}
      {state.stage === 'failed' && <p className="training__error" role="alert" data-testid="import-error">{state.message}</p>}
      {(state.stage === 'done' || state.stage === 'failed') && state.skipped.length > 0 && (
        <details className="folder-import__skipped" data-testid="import-skipped">
          <summary>{state.skipped.length} file{state.skipped.length === 1 ? '' : 's'} skipped</summary>
          <ul>
            {state.skipped.slice(0, SKIPPED_SHOWN).map((s) => <li key={s.name}>{s.name}: {s.reason}</li>)}
            {state.skipped.length > SKIPPED_SHOWN && <li>…and {state.skipped.length - SKIPPED_SHOWN} more</li>}
          </ul>
        </details>
      )}
    </div>
  );
}
