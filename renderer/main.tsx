/** The browser build's entry: the editor with LeNet-5 open, files through the browser bridge. */
import { ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Editor } from './components/Editor';
import { browserBridge } from './platform/bridge';
import { createDocumentStore } from './store/documentStore';
import { TEMPLATES } from './templates';
import { TrainingClient } from './training/trainingClient';
import './styles.css';

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
  if (!store.isDirty() || window.confirm('The open graph has unsaved changes. Discard them?')) store.open(await file.text(), file.name);
});
window.addEventListener('beforeunload', (e) => {
  if (store.isDirty()) e.preventDefault();
});

// Trained weights go into the document (one undo step) for the nodes that still exist.
const training = new TrainingClient(new URL('worker/trainingWorker.js', window.location.href), (trained) => {
  store.update((doc) => {
    const weights = Object.fromEntries(Object.entries(trained.weights ?? {}).filter(([id]) => doc.nodes.some((n) => n.id === id)));
    return { ...doc, weights: { ...doc.weights, ...weights } };
  });
});

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ReactFlowProvider>
        <Editor store={store} bridge={browserBridge} training={training} />
      </ReactFlowProvider>
    </StrictMode>,
  );
}
