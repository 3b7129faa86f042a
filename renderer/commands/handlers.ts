/**
 * What each command of the registry does and when it is enabled, bound to
 * the ids declared in app/shared/commands.ts. `satisfies Record<CommandId, …>`
 * makes a declared command without a handler a compile error. Edit commands
 * act on the focused text field when there is one (done by the browser
 * engine), else on the graph. Nothing here reaches another component through
 * the DOM: the canvas and the workspace bind their actions when they mount.
 */
import { exportOnnxWithBridge } from '../platform/exportModel';
import { exportPytorchWithBridge } from '../platform/exportPytorchProject';
import { importOnnxFromPicker } from '../platform/importModel';
import type { CommandId, ShellCommandId, ViewCommandId } from '../../app/shared/commands';
import { VIEWS, type ViewId } from '../../app/shared/views';
import type { GraphDocument, NodeType } from '../../engine';
import { summaryMarkdown } from '../export/summaryMarkdown';
import { fixedKernelLesson, openLesson } from '../lessons/explain';
import type { PlatformBridge } from '../platform/bridge';
import { confirmDiscard, openWithBridge, saveWithBridge } from '../platform/documentActions';
import { applyTheme, savedTheme } from '../platform/theme';
import type { DocumentStore } from '../store/documentStore';
import { EMPTY_DOCUMENT, TEMPLATES } from '../templates';
import type { TrainingSettingsStore } from '../training/settingsStore';
import type { TrainingClient } from '../training/trainingClient';
import type { UiStore } from '../workspace/uiStore';

/** What the canvas can do, bound by the canvas while it is mounted. */
export interface GraphActions {
  /** Adds a node where it was dropped, or after the selected node and wired to it. */
  add(type: NodeType, at?: { x: number; y: number }): void;
  copy(): boolean;
  paste(): void;
  duplicate(): void;
  deleteSelection(): void;
  arrange(): void;
  fit(): void;
  zoomIn(): void;
  zoomOut(): void;
  /** A document with its nodes laid out for this canvas's shape (a template about to open). */
  laidOut(doc: GraphDocument): GraphDocument;
}

/** What the docked layout can do, bound by the workspace while it is mounted. */
export interface LayoutActions {
  /** Opens a view (in its dock) or brings it to the front of its group. */
  show(id: ViewId): void;
  toggleView(id: ViewId): void;
  isOpen(id: ViewId): boolean;
  reset(): void;
  /** Present mode: the Charts and Activations views big; leaving restores the layout. */
  present(on: boolean): void;
}

export interface CommandContext {
  store: DocumentStore;
  bridge: PlatformBridge;
  training: TrainingClient;
  settings: TrainingSettingsStore;
  ui: UiStore;
  live: { toggle(): void; getState(): { enabled: boolean } };
  /** Set by the components that own them while they are on screen. */
  bound: { graph?: GraphActions | undefined; layout?: LayoutActions | undefined; focusQuickAdd?: (() => void) | undefined };
}

export interface CommandHandler {
  run(argument?: string): void;
  enabled?(): boolean;
  /** For toggles: whether it is on (the palette and menus show a check). */
  checked?(): boolean;
}

/** A text field has the focus: edit commands then act on its text, not on the graph. */
export function typingInField(target: EventTarget | null = document.activeElement): boolean {
  // Only fields that take text: a checkbox, a select or a slider keeps the focus after a click, and
  // Ctrl+Z or Delete must still reach the graph then.
  const field = target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && TEXT_INPUTS.has(target.type));
  // The command palette's search field is not a field the commands act on: from the palette, Undo undoes the graph.
  return field && !target.closest('.palette-dialog');
}
const TEXT_INPUTS = new Set(['text', 'number', 'search', 'email', 'url', 'tel', 'password']);

export function createHandlers(ctx: CommandContext): Record<CommandId, CommandHandler> {
  const { store, bridge, training, settings, ui } = ctx;
  const hasNodes = () => store.getState().selection.some((id) => store.getState().document.nodes.some((n) => n.id === id));
  const unlocked = () => store.getState().locked === undefined;
  const runState = () => training.getState().state;
  const desktop = () => bridge.kind === 'desktop';
  /** An edit command: the focused field's own when typing, else the graph's. */
  const edit = (native: Parameters<PlatformBridge['nativeEdit']>[0], onGraph: () => void, graphEnabled: () => boolean = () => true): CommandHandler => ({
    run: () => (typingInField() ? bridge.nativeEdit(native) : onGraph()),
    enabled: () => typingInField() || graphEnabled(),
  });
  const graph = () => ctx.bound.graph;
  const sheet = (name: Parameters<UiStore['openSheet']>[0]): CommandHandler => ({ run: () => ui.openSheet(name) });
  const theme = (choice: 'light' | 'dark' | 'system'): CommandHandler => ({ run: () => applyTheme(choice), checked: () => savedTheme() === choice });
  const shell = (id: ShellCommandId): CommandHandler => ({ run: () => bridge.shellCommand?.(id), enabled: desktop });

  const viewCommands = Object.fromEntries(
    VIEWS.map((view): [ViewCommandId, CommandHandler] => [`view:${view.id}`, {
      run: () => ctx.bound.layout?.toggleView(view.id),
      checked: () => ctx.bound.layout?.isOpen(view.id) ?? false,
    }]),
  ) as Record<ViewCommandId, CommandHandler>;

  return {
    new: { run: () => void (confirmDiscard(store) && (store.reset(structuredClone(EMPTY_DOCUMENT), 'untitled.json'), ui.openSheet('welcome'))), enabled: unlocked },
    'new-from-template': {
      run: (file) => {
        const template = TEMPLATES.find((t) => t.file === file);
        if (!template || !confirmDiscard(store)) return;
        const doc = structuredClone(template.document);
        store.reset(graph()?.laidOut(doc) ?? doc, template.file);
        const lesson = fixedKernelLesson(doc);
        if (lesson) openLesson(ui, ctx, lesson.lesson, lesson.values);
      },
      enabled: unlocked,
    },
    welcome: sheet('welcome'),
    open: { run: () => void openWithBridge(store, bridge), enabled: unlocked },
    'import-onnx': { run: () => void importOnnxFromPicker(store, graph()?.laidOut), enabled: unlocked },
    'open-recent': {
      run: (path) => {
        if (!path || !bridge.openRecent || !confirmDiscard(store)) return;
        bridge.openRecent(path).then(
          (file) => file && store.open(file.text, file.name, { handle: file.handle }),
          (error: Error) => store.notify({ kind: 'error', text: `Not opened: ${error.message} Your graph is unchanged.` }),
        );
      },
      enabled: desktop,
    },
    'clear-recent': shell('clear-recent'),
    save: { run: () => void saveWithBridge(store, bridge) },
    'save-as': { run: () => void saveWithBridge(store, bridge, true) },
    'save-and-close': { run: () => void saveWithBridge(store, bridge).then((saved) => saved && bridge.closeConfirmed()) },
    export: {
      run: () => {
        const { document: doc, fileName } = store.getState();
        bridge.exportFile({ suggestedName: `${fileName.replace(/\.[^.]+$/, '')}-summary.md`, text: summaryMarkdown(doc), kind: 'markdown' }).then(
          (saved) => saved && store.notify({ kind: 'info', text: `Exported the summary to ${saved.name}` }),
          (error: Error) => store.notify({ kind: 'error', text: `Not exported: ${error.message}` }),
        );
      },
    },
    'export-onnx': { run: () => void exportOnnxWithBridge(store, bridge) },
    'export-pytorch': { run: () => void exportPytorchWithBridge(store, bridge) },
    close: shell('close'),
    quit: shell('quit'),

    undo: edit('undo', () => store.undo(), () => store.getState().history.past.length > 0),
    redo: edit('redo', () => store.redo(), () => store.getState().history.future.length > 0),
    cut: edit('cut', () => void (graph()?.copy() && graph()?.deleteSelection()), hasNodes),
    copy: edit('copy', () => void graph()?.copy(), hasNodes),
    paste: edit('paste', () => graph()?.paste()),
    duplicate: { run: () => graph()?.duplicate(), enabled: hasNodes },
    delete: edit('delete', () => graph()?.deleteSelection(), () => store.getState().selection.length > 0),
    'select-all': edit('selectAll', () => store.select(store.getState().document.nodes.map((n) => n.id))),
    'present-exit': { run: () => ctx.bound.layout?.present(false), enabled: () => ui.getState().present },
    'clear-selection': { run: () => store.select([]), enabled: () => store.getState().selection.length > 0 },
    'quick-add': { run: () => ctx.bound.focusQuickAdd?.(), enabled: () => !ui.getState().present },

    palette: {
      run: () => {
        if (ui.getState().sheet === 'palette') return ui.openSheet(undefined);
        // The palette's commands act on the app, not on a field that was being typed in.
        if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
        return ui.openSheet('palette');
      },
    },
    'close-sheet': { run: () => ui.openSheet(undefined), enabled: () => ui.getState().sheet !== undefined },
    'zoom-in': { run: () => graph()?.zoomIn() },
    'zoom-out': { run: () => graph()?.zoomOut() },
    fit: { run: () => graph()?.fit() },
    arrange: { run: () => graph()?.arrange(), enabled: unlocked },
    'toggle-activations': { run: () => ctx.live.toggle(), checked: () => ctx.live.getState().enabled },
    'reset-layout': { run: () => ctx.bound.layout?.reset() },
    present: { run: () => ctx.bound.layout?.present(!ui.getState().present), checked: () => ui.getState().present },
    'theme-light': theme('light'),
    'theme-dark': theme('dark'),
    'theme-system': theme('system'),

    'train-start': {
      run: () => (runState() === 'paused' ? training.resume() : training.start(store.getState().document, settings.getState())),
      enabled: () => !['loading', 'running'].includes(runState()),
    },
    'train-pause': { run: () => training.pause(), enabled: () => runState() === 'running' },
    'train-stop': { run: () => training.stop(), enabled: () => ['loading', 'running', 'paused'].includes(runState()) },

    'help-concepts': sheet('concepts'),
    'help-shortcuts': sheet('shortcuts'),
    'help-about': sheet('about'),
    ...viewCommands,
  } satisfies Record<CommandId, CommandHandler>;
}
