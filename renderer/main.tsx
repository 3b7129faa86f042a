/** The renderer's entry, in the desktop shell and the browser alike: the editor with LeNet-5 open. */
import { ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Editor } from './components/Editor';
import { browserBridge } from './platform/browserBridge';
import { findDesktopBridge } from './platform/desktopBridge';
import { confirmDiscard } from './platform/documentActions';
import { startTheme } from './platform/theme';
import { createDocumentStore } from './store/documentStore';
import { TEMPLATES } from './templates';
import { TrainingClient } from './training/trainingClient';
import './styles.css';

startTheme();
const bridge = findDesktopBridge() ?? browserBridge;
const first = TEMPLATES[0];
const store = createDocumentStore(structuredClone(first?.document ?? { format: 'convstudio-graph', version: 1, name: 'Untitled', nodes: [], edges: [] }), first?.file);
(window as unknown as { convstudioStore: typeof store }).convstudioStore = store;

// Dropping a .json file anywhere on the window opens it.
window.addEventListener('dragover', (e) => {
  if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
});
window.addEventListener('drop', async (e) => {
  const file = e.dataTransfer?.files[0];
  if (!file) return;
  e.preventDefault();
  if (!confirmDiscard(store)) return;
  try {
    store.open(await file.text(), file.name); // no handle: Save asks where (the page never learns a path)
  } catch (error) {
    store.notify({ kind: 'error', text: `${file.name} could not be read (${(error as Error).message}). Your graph is unchanged.` });
  }
});
// In the browser the page asks before a tab with unsaved changes closes; the desktop shell asks itself.
window.addEventListener('beforeunload', (e) => {
  if (bridge.kind === 'browser' && store.isDirty()) e.preventDefault();
});

// The graph is locked while a run uses it; the trained weights go into it as one undo step.
const training = new TrainingClient(new URL('worker/trainingWorker.js', window.location.href), (trained) => {
  store.update((doc) => ({ ...doc, weights: { ...doc.weights, ...trained.weights } }), undefined, true);
});
training.subscribe(() => {
  const { state } = training.getState();
  const busy = state === 'loading' || state === 'running' || state === 'paused';
  if (busy !== (store.getState().locked !== undefined)) store.lock(busy ? 'the graph is training; stop the run to edit it' : undefined);
});

// Asked once: taking the offer removes a damaged autosave (React runs effects twice in development).
const recoveryOffer = bridge.takeRecovery();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ReactFlowProvider>
        <Editor store={store} bridge={bridge} training={training} recoveryOffer={recoveryOffer} />
      </ReactFlowProvider>
    </StrictMode>,
  );
}
