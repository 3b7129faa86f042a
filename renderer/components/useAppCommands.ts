/**
 * The editor's commands, one place for all who ask: the desktop menus (over
 * the bridge), the toolbar, and the keyboard shortcuts. Edit commands act on
 * the focused text field when there is one (done by the browser engine),
 * else on the graph.
 */
import { useReactFlow } from '@xyflow/react';
import { useCallback, useEffect } from 'react';
import { summaryMarkdown } from '../export/summaryMarkdown';
import type { AppCommand, PlatformBridge } from '../platform/bridge';
import { confirmDiscard, openWithBridge, saveWithBridge } from '../platform/documentActions';
import { applyTheme } from '../platform/theme';
import type { DocumentStore } from '../store/documentStore';
import { EMPTY_DOCUMENT, TEMPLATES } from '../templates';

/** A text field has the focus: edit commands then act on its text, not on the graph. */
export function typingInField(target: EventTarget | null = document.activeElement): boolean {
  return target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement;
}

export interface GraphActions {
  copy(): boolean;
  paste(): void;
  deleteSelection(): void;
  arrange(): void;
  showSheet(sheet: 'shortcuts' | 'concepts' | 'about'): void;
  toggleSidebar(): void;
}

/** Presses one of the training panel's buttons, so a run is started, paused or stopped one way only. */
function press(testId: string): boolean {
  const button = document.querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`);
  button?.click();
  return button !== null;
}

export function useAppCommands(store: DocumentStore, bridge: PlatformBridge, actions: GraphActions): (command: AppCommand) => void {
  const flow = useReactFlow();
  const { copy, paste, deleteSelection, arrange, showSheet, toggleSidebar } = actions;
  const run = useCallback((message: AppCommand) => {
    const inField = typingInField();
    switch (message.command) {
      case 'new': return void (confirmDiscard(store) && store.reset(structuredClone(EMPTY_DOCUMENT), 'untitled.json'));
      case 'new-from-template': {
        const template = TEMPLATES.find((t) => t.file === message.template);
        return void (template && confirmDiscard(store) && store.reset(structuredClone(template.document), template.file));
      }
      case 'open-file': return void (confirmDiscard(store) && store.open(message.file.text, message.file.name, { handle: message.file.handle }));
      case 'open': return void openWithBridge(store, bridge);
      case 'save': return void saveWithBridge(store, bridge);
      case 'save-as': return void saveWithBridge(store, bridge, true);
      case 'save-and-close': return void saveWithBridge(store, bridge).then((saved) => saved && bridge.closeConfirmed());
      case 'export': {
        const { document: doc, fileName } = store.getState();
        return void bridge.exportFile({ suggestedName: `${fileName.replace(/\.[^.]+$/, '')}-summary.md`, text: summaryMarkdown(doc), kind: 'markdown' })
          .then((saved) => saved && store.notify({ kind: 'info', text: `Exported the summary to ${saved.name}` }), (error: Error) => store.notify({ kind: 'error', text: `Not exported: ${error.message}` }));
      }
      case 'undo': return inField ? bridge.nativeEdit('undo') : store.undo();
      case 'redo': return inField ? bridge.nativeEdit('redo') : store.redo();
      case 'cut': return inField ? bridge.nativeEdit('cut') : void (copy() && deleteSelection());
      case 'copy': return inField ? bridge.nativeEdit('copy') : void copy();
      case 'paste': return inField ? bridge.nativeEdit('paste') : paste();
      case 'delete': return inField ? bridge.nativeEdit('delete') : deleteSelection();
      case 'select-all': return inField ? bridge.nativeEdit('selectAll') : store.select(store.getState().document.nodes.map((n) => n.id));
      case 'zoom-in': return void flow.zoomIn();
      case 'zoom-out': return void flow.zoomOut();
      case 'fit': return void flow.fitView({ padding: 0.2 });
      case 'arrange': return arrange();
      case 'toggle-sidebar': return toggleSidebar();
      case 'theme-light': return applyTheme('light');
      case 'theme-dark': return applyTheme('dark');
      case 'theme-system': return applyTheme('system');
      case 'train-start': return void (press('train-resume') || press('train-start'));
      case 'train-pause': return void press('train-pause');
      case 'train-stop': return void press('train-stop');
      case 'help-shortcuts': return showSheet('shortcuts');
      case 'help-concepts': return showSheet('concepts');
      case 'help-about': return showSheet('about');
    }
  }, [store, bridge, flow, copy, paste, deleteSelection, arrange, showSheet, toggleSidebar]);
  useEffect(() => bridge.onCommand(run), [bridge, run]);
  return run;
}
