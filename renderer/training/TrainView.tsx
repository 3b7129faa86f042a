/**
 * The Train view: the run's settings (kept in the training settings store,
 * so the Train menu and the palette start the same run), start / pause /
 * resume / stop through the command registry, the backend and why, progress,
 * and the last epochs. The charts and the evaluation are views of their own.
 */
import { useSyncExternalStore } from 'react';
import type { GraphDocument } from '../../engine';
import { BUNDLED_DATASETS } from '../../engine/data/bundled';
import { SYNTHETIC_DATASETS } from '../../engine/data/registry';
import type { OptimizerName } from '../../engine/training/optimizer';
import { APP_BACKENDS } from '../../engine/backend/registry';
import type { TrainSettings } from '../../engine/training/protocol';
import type { CommandRegistry } from '../commands/registry';
import { FolderImport } from './FolderImport';
import { ProgressLine } from './ProgressLine';
import type { TrainingSettingsStore } from './settingsStore';
import type { TrainingClient } from './trainingClient';

type NumberSetting = 'epochs' | 'batchSize' | 'learningRate' | 'seed' | 'maxShift' | 'trainLimit' | 'threads';
const NUMBER_LABELS: Record<NumberSetting, string> = { epochs: 'epochs', batchSize: 'batch size', learningRate: 'learning rate', seed: 'seed', maxShift: 'random shift (pixels)', trainLimit: 'use only the first N images', threads: 'threads (wasm)' };
const NUMBER_TITLES: Partial<Record<NumberSetting, string>> = {
  maxShift: 'moves each training image by a random shift of up to this many pixels on each axis (the document\'s augmentation.maxShift)',
  threads: 'how many cores the wasm backend trains on; empty: all cores but one (at least one), which is left to keep the page smooth',
};
const PLACEHOLDERS: Partial<Record<NumberSetting, string>> = { threads: 'auto' };
const MINIMUM: Partial<Record<NumberSetting, number>> = { learningRate: 0, maxShift: 0 };

export function TrainView({ client, settingsStore, registry, document }: { client: TrainingClient; settingsStore: TrainingSettingsStore; registry: CommandRegistry; document: GraphDocument }) {
  const run = useSyncExternalStore(client.subscribe, client.getState);
  const settings = useSyncExternalStore(settingsStore.subscribe, settingsStore.getState);
  const active = run.state === 'running' || run.state === 'paused' || run.state === 'loading';
  const set = (change: Partial<TrainSettings>) => settingsStore.update(change);
  const number = (key: NumberSetting) => (
    <label className="training__field" title={NUMBER_TITLES[key]}>
      {NUMBER_LABELS[key]}
      <input type="number" data-testid={`train-${key}`} value={settings[key] ?? ''} placeholder={PLACEHOLDERS[key]} disabled={active} min={MINIMUM[key] ?? 1} step={key === 'learningRate' ? 0.0001 : 1}
        onChange={(e) => set({ [key]: e.target.value === '' ? undefined : Number(e.target.value) })} />
    </label>
  );
  const button = (id: 'train-start' | 'train-pause' | 'train-stop', label: string, testId: string) => (
    <button type="button" data-testid={testId} title={[registry.get(id).label, ...registry.shortcutsOf(registry.get(id))].join(' · ')} onClick={() => registry.run(id)}>{label}</button>
  );
  return (
    <section className="training" aria-label="Training">
      <div className="training__buttons">
        {!active && button('train-start', 'Train', 'train-start')}
        {run.state === 'running' && button('train-pause', 'Pause', 'train-pause')}
        {run.state === 'paused' && button('train-start', 'Resume', 'train-resume')}
        {active && button('train-stop', 'Stop', 'train-stop')}
      </div>
      <p className="training__status" role="status" data-testid="train-status">
        {run.state}{run.status ? `: ${run.status}` : ''}{run.backend ? ` on ${run.backend}` : ''}
      </p>
      {run.backendReason && <p className="training__reason" data-testid="train-backend-reason">why {run.backend}: {run.backendReason}</p>}
      <ProgressLine client={client} />
      {run.error && <p className="training__error" role="alert" data-testid="train-error">{run.error}</p>}
      <label className="training__field">
        data set
        <select value={settings.dataset} disabled={active} data-testid="train-dataset" onChange={(e) => set({ dataset: e.target.value })}>
          {[...BUNDLED_DATASETS.map((d) => d.name), ...SYNTHETIC_DATASETS.map((d) => d.name), ...run.folders].map((name) => <option key={name}>{name}</option>)}
        </select>
      </label>
      <FolderImport client={client} document={document} disabled={active} onImported={(name) => set({ dataset: name })} />
      <label className="training__field">
        optimizer
        <select value={settings.optimizer} disabled={active} onChange={(e) => set({ optimizer: e.target.value as OptimizerName })}>
          <option>adam</option><option>sgd</option><option>momentum</option>
        </select>
      </label>
      <label className="training__field">
        backend
        <select value={settings.backend ?? 'auto'} disabled={active} data-testid="train-backend" title="auto times each backend on this network and keeps the fastest" onChange={(e) => set({ backend: e.target.value })}>
          {APP_BACKENDS.map((name) => <option key={name}>{name}</option>)}
        </select>
      </label>
      {number('epochs')}{number('batchSize')}{number('learningRate')}{number('seed')}{number('maxShift')}{number('trainLimit')}{number('threads')}
    </section>
  );
}
