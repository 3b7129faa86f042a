/**
 * The training settings live outside any panel: they start from the
 * document's `training` section, keep the user's edits while the document is
 * edited, and follow a newly opened document (keeping the chosen backend).
 */
import { describe, expect, it } from 'vitest';
import type { GraphDocument } from '../../engine';
import { createDocumentStore } from '../../renderer/store/documentStore';
import { TrainingSettingsStore } from '../../renderer/training/settingsStore';
import { TEMPLATES } from '../../renderer/templates';

const template = (file: string) => structuredClone(TEMPLATES.find((t) => t.file === file)?.document as GraphDocument);

describe('the training settings store', () => {
  it('starts from the document, keeps edits through graph edits, and follows another document', () => {
    const store = createDocumentStore(template('lenet-5.json'), 'lenet-5.json');
    const settings = new TrainingSettingsStore(store);
    expect(settings.getState()).toMatchObject({ dataset: 'mnist', optimizer: 'adam' });
    let heard = 0;
    settings.subscribe(() => heard++);
    settings.update({ epochs: 7, backend: 'cpu', trainLimit: 500 });
    expect(settings.getState()).toMatchObject({ epochs: 7, backend: 'cpu', trainLimit: 500 });
    settings.update({ trainLimit: undefined });
    expect('trainLimit' in settings.getState()).toBe(false);
    // An edit to the graph keeps the user's settings.
    store.update((doc) => ({ ...doc, name: 'renamed' }));
    expect(settings.getState().epochs).toBe(7);
    // Another document brings its own, but the backend the user chose stays.
    const shapes = template('shapes-cnn.json');
    store.reset(shapes, 'shapes-cnn.json');
    expect(settings.getState()).toMatchObject({ dataset: shapes.training?.dataset, epochs: shapes.training?.epochs ?? 1, backend: 'cpu' });
    expect(heard).toBe(3);
  });
});
