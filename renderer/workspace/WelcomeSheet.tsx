/**
 * The welcome view, on first start and after New: the templates with small
 * previews, the recent documents (desktop) or the unsaved work kept in this
 * browser, and the way into the lecture's lessons.
 */
import { useEffect, useState } from 'react';
import type { CommandRegistry } from '../commands/registry';
import type { PlatformBridge, RecentFile, RecoveryOffer } from '../platform/bridge';
import { confirmDiscard } from '../platform/documentActions';
import { EMPTY_DOCUMENT, TEMPLATES } from '../templates';
import { Sheet } from './Sheet';
import { TemplatePreview } from './TemplatePreview';

const WELCOMED_KEY = 'convstudio.welcomed';

/** Whether this is the first start in this browser (or desktop profile); asking marks it as started. */
export function firstStart(): boolean {
  try {
    if (localStorage.getItem(WELCOMED_KEY)) return false;
    localStorage.setItem(WELCOMED_KEY, '1');
  } catch {
    return false; // storage disabled: no welcome every time
  }
  return true;
}

export function WelcomeSheet({ registry, bridge, recovery, onRestore, onClose }: { registry: CommandRegistry; bridge: PlatformBridge; recovery?: RecoveryOffer | undefined; onRestore(): void; onClose(): void }) {
  const [recent, setRecent] = useState<RecentFile[]>([]);
  useEffect(() => {
    void bridge.recentFiles?.().then(setRecent, () => setRecent([]));
  }, [bridge]);
  const then = (run: () => void) => () => {
    onClose();
    run();
  };
  const recovered = recovery?.document;
  return (
    <Sheet title="Welcome to ConvStudio" onClose={onClose} wide>
      <p>Design, train and look inside convolutional networks. Start from a template, open a document, or begin with an empty canvas.</p>
      <h3>Templates</h3>
      <ul className="welcome__templates">
        {TEMPLATES.map((t) => (
          <li key={t.file}>
            <button type="button" className="welcome__template" data-testid={`welcome-template-${t.file}`} onClick={then(() => registry.run('new-from-template', t.file))}>
              <TemplatePreview document={t.document} />
              <span>{t.document.name}</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="welcome__columns">
        <section>
          <h3>{bridge.kind === 'desktop' ? 'Recent documents' : 'Unsaved work in this browser'}</h3>
          {bridge.kind === 'desktop' && (recent.length > 0 ? (
            <ul>{recent.map((r) => <li key={r.path}><button type="button" title={r.path} onClick={then(() => registry.run('open-recent', r.path))}>{r.name}</button></li>)}</ul>
          ) : <p className="inspector__empty">No recent documents yet.</p>)}
          {bridge.kind === 'browser' && (recovered ? (
            <button type="button" onClick={then(onRestore)}>Restore {recovered.fileName} (autosaved {new Date(recovered.savedAt).toLocaleString()})</button>
          ) : <p className="inspector__empty">Nothing unsaved: your work is autosaved here while you edit.</p>)}
          <p><button type="button" onClick={then(() => registry.run('open'))}>Open a document…</button> <button type="button" onClick={then(() => {
            // On a first start LeNet-5 is open behind this view: an empty canvas is asked for.
            const { store } = registry.context;
            if (store.getState().document.nodes.length > 0 && confirmDiscard(store)) store.reset(structuredClone(EMPTY_DOCUMENT), 'untitled.json');
          })}>Empty canvas</button></p>
        </section>
        <section>
          <h3>Learn</h3>
          <p>Every idea of the CNN lecture, and where to see it with your own network.</p>
          <button type="button" onClick={then(() => registry.context.bound.layout?.show('learn'))}>Open the lessons</button>
        </section>
      </div>
    </Sheet>
  );
}
