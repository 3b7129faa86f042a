/** Train the open graph: settings, start/pause/resume/stop, progress, the loss curve and accuracy per epoch. */
import { useMemo, useState, useSyncExternalStore } from 'react';
import type { GraphDocument } from '../../engine';
import { BUNDLED_DATASETS } from '../../engine/data/bundled';
import { SYNTHETIC_DATASETS } from '../../engine/data/registry';
import type { OptimizerName } from '../../engine/training/optimizer';
import { APP_BACKENDS, type TrainSettings } from '../../engine/training/protocol';
import { LossChart } from './charts/LossChart';
import { Evaluation } from './Evaluation';
import { FolderImport } from './FolderImport';
import { runLabel, type TrainingClient } from './trainingClient';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function defaultSettings(doc: GraphDocument): TrainSettings {
  const t = doc.training;
  return {
    dataset: t?.dataset ?? 'mnist',
    epochs: t?.epochs ?? 1,
    batchSize: t?.batchSize ?? 32,
    learningRate: t?.optimizer?.learningRate ?? 0.001,
    optimizer: t?.optimizer?.type === 'sgd' ? ((t.optimizer.momentum ?? 0) > 0 ? 'momentum' : 'sgd') : 'adam',
    seed: t?.seed ?? 1,
  };
}

export function TrainingPanel({ client, document }: { client: TrainingClient; document: GraphDocument }) {
  const run = useSyncExternalStore(client.subscribe, client.getState);
  const [settings, setSettings] = useState<TrainSettings>(() => defaultSettings(document));
  // Another document (opened, or a template) brings its own training settings; saving or editing keeps the user's.
  const [settingsFrom, setSettingsFrom] = useState(document.training);
  if (settingsFrom !== document.training) {
    setSettingsFrom(document.training);
    setSettings((before) => ({ ...defaultSettings(document), backend: before.backend }));
  }
  const active = run.state === 'running' || run.state === 'paused' || run.state === 'loading';
  const number = (key: 'epochs' | 'batchSize' | 'learningRate' | 'seed' | 'trainLimit') => (
    <label className="training__field">
      {key}
      <input type="number" data-testid={`train-${key}`} value={settings[key] ?? ''} disabled={active} min={key === 'learningRate' ? 0 : 1} step={key === 'learningRate' ? 0.0001 : 1}
        onChange={(e) => {
          const value = e.target.value === '' ? undefined : Number(e.target.value);
          setSettings((before) => ({ ...before, [key]: value }));
        }} />
    </label>
  );
  // The same object while the run's data is unchanged, so the charts recompute only when points arrive.
  const { runId, settings: runSettings, steps, losses, epochs } = run;
  const currentRun = useMemo(
    () => ({ id: runId, label: runLabel(runId, runSettings), learningRate: runSettings?.learningRate ?? 0, steps, losses, epochs }),
    [runId, runSettings, steps, losses, epochs],
  );
  const p = run.progress;
  return (
    <section className="training" aria-label="Training">
      <h2>Train</h2>
      <label className="training__field">
        data set
        <select value={settings.dataset} disabled={active} data-testid="train-dataset" onChange={(e) => {
          const dataset = e.target.value;
          setSettings((before) => ({ ...before, dataset }));
        }}>
          {[...BUNDLED_DATASETS.map((d) => d.name), ...SYNTHETIC_DATASETS.map((d) => d.name), ...run.folders].map((name) => <option key={name}>{name}</option>)}
        </select>
      </label>
      <FolderImport client={client} document={document} disabled={active} onImported={(name) => setSettings((s) => ({ ...s, dataset: name }))} />
      <label className="training__field">
        optimizer
        <select value={settings.optimizer} disabled={active} onChange={(e) => {
          const optimizer = e.target.value as OptimizerName;
          setSettings((before) => ({ ...before, optimizer }));
        }}>
          <option>adam</option><option>sgd</option><option>momentum</option>
        </select>
      </label>
      <label className="training__field">
        backend
        <select value={settings.backend ?? 'auto'} disabled={active} data-testid="train-backend" title="auto times each backend on this network and keeps the fastest" onChange={(e) => {
          const backend = e.target.value;
          setSettings((before) => ({ ...before, backend }));
        }}>
          {APP_BACKENDS.map((name) => <option key={name}>{name}</option>)}
        </select>
      </label>
      {number('epochs')}{number('batchSize')}{number('learningRate')}{number('seed')}{number('trainLimit')}
      <div className="training__buttons">
        {!active && <button type="button" data-testid="train-start" onClick={() => client.start(document, settings)}>Train</button>}
        {run.state === 'running' && <button type="button" data-testid="train-pause" onClick={() => client.pause()}>Pause</button>}
        {run.state === 'paused' && <button type="button" data-testid="train-resume" onClick={() => client.resume()}>Resume</button>}
        {active && <button type="button" data-testid="train-stop" onClick={() => client.stop()}>Stop</button>}
      </div>
      <p className="training__status" role="status" data-testid="train-status">
        {run.state}{run.status ? `: ${run.status}` : ''}{run.backend ? ` on ${run.backend}` : ''}
      </p>
      {run.backendReason && <p className="training__reason" data-testid="train-backend-reason">why {run.backend}: {run.backendReason}</p>}
      {p && (
        <>
          <progress max={p.totalSteps} value={p.step} aria-label="training progress" />
          <p className="training__numbers" data-testid="train-progress">
            epoch {p.epoch} · step {p.step}/{p.totalSteps} · loss {p.loss.toFixed(3)} · accuracy {pct(p.accuracy)} · {Math.round(p.samplesPerSec)} samples/s · {Math.round(p.secondsLeft)} s left
          </p>
        </>
      )}
      <LossChart
        current={currentRun}
        history={run.history}
      />
      {run.epochs.length > 0 && (
        <table className="training__epochs" data-testid="train-epoch-table">
          <thead><tr><th>epoch</th><th>train</th><th>test</th></tr></thead>
          {/* The last few epochs (the accuracy chart shows them all). */}
          <tbody>{run.epochs.slice(-5).map((e) => <tr key={e.epoch}><td>{e.epoch}</td><td>{pct(e.trainAccuracy)}</td><td>{pct(e.testAccuracy)}</td></tr>)}</tbody>
        </table>
      )}
      {run.evaluation && <Evaluation client={client} evaluation={run.evaluation} sample={run.sample} />}
      {run.error && <p className="training__error" role="alert" data-testid="train-error">{run.error}</p>}
    </section>
  );
}
