/** The renderer's entry, in the desktop shell and the browser alike: the workspace with LeNet-5 open, laid out for the window. */
import { ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LiveActivations, LiveActivationsContext } from './activations/liveActivations';
import { CommandRegistry } from './commands/registry';
import { prefetchLessonPictures } from './lessons/pictures';
import { autoLayout } from './graph/layout';
import { browserBridge } from './platform/browserBridge';
import { findDesktopBridge } from './platform/desktopBridge';
import { openDroppedFile } from './platform/documentActions';
import { startTheme } from './platform/theme';
import { createDocumentStore } from './store/documentStore';
import { EMPTY_DOCUMENT, TEMPLATES } from './templates';
import { TrainingSettingsStore } from './training/settingsStore';
import { TrainingClient } from './training/trainingClient';
import { App } from './workspace/App';
import { UiStore } from './workspace/uiStore';
import { defaultCanvasSize } from './workspace/Workspace';
import { firstStart } from './workspace/WelcomeSheet';
import './styles.css';

startTheme();
const bridge = findDesktopBridge() ?? browserBridge;
const first = TEMPLATES[0];
const store = createDocumentStore(autoLayout(structuredClone(first?.document ?? EMPTY_DOCUMENT), {}, defaultCanvasSize()), first?.file);
(window as unknown as { convstudioStore: typeof store }).convstudioStore = store;

// Dropping a .json file anywhere on the window opens it.
window.addEventListener('dragover', (e) => {
  if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
});
window.addEventListener('drop', (e) => {
  const file = e.dataTransfer?.files[0];
  if (!file) return;
  e.preventDefault();
  void openDroppedFile(store, file);
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

const settings = new TrainingSettingsStore(store);
const live = new LiveActivations(training, store);
const ui = new UiStore();
// The first start shows the welcome view, in the first render (before anyone can click behind it).
if (firstStart()) ui.openSheet('welcome');
const registry = new CommandRegistry({ store, bridge, training, settings, ui, live, bound: {} });
(window as unknown as { convstudioCommands: CommandRegistry }).convstudioCommands = registry;

// Asked once: taking the offer removes a damaged autosave (React runs effects twice in development).
const recoveryOffer = bridge.takeRecovery();

// The lessons' usual picture, decoded while the page is idle (the first lesson then opens at once).
prefetchLessonPictures();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ReactFlowProvider>
        <LiveActivationsContext.Provider value={live}>
          <App services={{ store, bridge, training, settings, live, registry, ui }} recoveryOffer={recoveryOffer} />
        </LiveActivationsContext.Provider>
      </ReactFlowProvider>
    </StrictMode>,
  );
}
