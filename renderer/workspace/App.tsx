/**
 * The app's frame: the toolbar, messages, the node palette, the docked
 * workspace (canvas and views), the status bar, and the sheets in front
 * (command palette, shortcuts, the lecture's concepts, About, welcome).
 * Keys go to the command registry; the title names the file and marks
 * unsaved changes.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { CommandPalette } from '../commands/CommandPalette';
import { ShortcutsSheet } from '../commands/ShortcutsSheet';
import { HelpSheet } from '../components/HelpSheet';
import { openLesson } from '../lessons/explain';
import { Palette } from '../components/Palette';
import { RecoveryBanner } from '../components/RecoveryBanner';
import { StatusBar } from '../components/StatusBar';
import { Toolbar } from '../components/Toolbar';
import type { RecoveryOffer } from '../platform/bridge';
import { usePersistence } from '../platform/usePersistence';
import { useEditor } from '../store/useEditor';
import { Notice } from './Notice';
import { ServicesContext, type WorkspaceServices } from './services';
import { WelcomeSheet } from './WelcomeSheet';
import { Workspace } from './Workspace';

export function App({ services, recoveryOffer }: { services: WorkspaceServices; recoveryOffer: Promise<RecoveryOffer> }) {
  const { store, bridge, registry, ui, training } = services;
  const state = useEditor(store);
  const { present, sheet } = useSyncExternalStore(ui.subscribe, ui.getState);
  const { recovery, answerRecovery } = usePersistence(store, bridge, recoveryOffer);

  useEffect(() => {
    window.addEventListener('keydown', registry.handleKey);
    const stopMenus = bridge.onCommand(registry.receive);
    return () => {
      window.removeEventListener('keydown', registry.handleKey);
      stopMenus();
    };
  }, [registry, bridge]);

  // The window title names the file and marks unsaved changes (the desktop shell also sets its own).
  const dirty = store.isDirty();
  useEffect(() => {
    document.title = `${dirty ? '• ' : ''}${state.fileName} — ConvStudio`;
  }, [dirty, state.fileName]);

  const close = () => ui.openSheet(undefined);
  return (
    <ServicesContext.Provider value={services}>
      <div className={present ? 'app app--present' : 'app'}>
        {!present && <Toolbar registry={registry} />}
        {recovery && <RecoveryBanner offer={recovery} onRestore={() => answerRecovery(true)} onDiscard={() => answerRecovery(false)} />}
        {state.notice && <Notice notice={state.notice} onDismiss={() => store.notify(undefined)} />}
        <div className="app__body">
          {!present && <Palette onAdd={(type) => registry.context.bound.graph?.add(type)} />}
          <Workspace />
        </div>
        {present && (
          <button type="button" className="present-exit" data-testid="present-exit" onClick={() => registry.run('present-exit')}>
            Leave Present mode ({registry.shortcutsOf(registry.get('present-exit')).join(' or ')})
          </button>
        )}
        <StatusBar analysis={state.analysis} dirty={dirty} fileName={state.fileName} locked={state.locked} training={training} onSelect={(id) => store.select([id])} />
        {sheet === 'palette' && <CommandPalette registry={registry} desktop={bridge.kind === 'desktop'} onClose={close} />}
        {sheet === 'shortcuts' && <ShortcutsSheet registry={registry} desktop={bridge.kind === 'desktop'} onClose={close} />}
        {(sheet === 'concepts' || sheet === 'about') && <HelpSheet topic={sheet} appInfo={bridge.appInfo} onClose={close} onOpenLesson={(lesson) => { close(); openLesson(ui, registry.context, lesson); }} />}
        {sheet === 'welcome' && <WelcomeSheet registry={registry} bridge={bridge} recovery={recovery} onRestore={() => answerRecovery(true)} onClose={close} />}
      </div>
    </ServicesContext.Provider>
  );
}
