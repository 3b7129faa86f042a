/**
 * The docked workspace (dockview): the canvas in the middle, the views as
 * tabs in a right dock and a bottom dock. Any view can be dragged to the
 * other dock or beside another, resized with the splitters, closed and
 * reopened from View > Views or the palette. The layout is the user's (kept
 * in localStorage, not in the document); View > Reset Layout brings the
 * default back, and a stored layout that cannot be read is ignored with a
 * notice. Present mode enlarges the Charts and Activations views and leaves
 * the user's layout as it was when it ends.
 */
import { DockviewReact, type DockviewApi, type DockviewReadyEvent, type IDockviewPanelHeaderProps, type IDockviewPanelProps } from 'dockview-react';
import 'dockview-react/dist/styles/dockview.css';
import { useCallback, useEffect, useRef } from 'react';
import { VIEWS, type ViewId } from '../../app/shared/views';
import { GraphCanvas } from '../canvas/GraphCanvas';
import type { LayoutActions } from '../commands/handlers';
import { clearLayout, loadLayout, saveLayout } from './layoutStorage';
import { useServices, type WorkspaceServices } from './services';
import { viewOf } from './viewRegistry';
import './workspace.css';

const CANVAS = 'canvas';
const THEME = { name: 'convstudio', className: 'dockview-theme-convstudio' };
/** The docks' first sizes: the right one wide enough for the inspector's fields, the bottom one for a chart (less on a short screen). */
const dockSize = () => ({ right: 440, bottom: Math.round(Math.min(250, window.innerHeight * 0.3)) });
/** The node palette's column and the toolbar, tab strips and status bar around the canvas, roughly. */
const CHROME = { width: 150, height: 130 };

/** The canvas's size in the default layout of this window, before it exists (to lay out the first graph). */
export function defaultCanvasSize(): { width: number; height: number } {
  const docks = dockSize();
  return { width: Math.max(400, window.innerWidth - CHROME.width - docks.right), height: Math.max(300, window.innerHeight - CHROME.height - docks.bottom) };
}

function CanvasPanel() {
  const { store, ui, registry } = useServices();
  return <GraphCanvas store={store} ui={ui} bound={registry.context.bound} />;
}

function ViewPanel({ params }: IDockviewPanelProps<{ view: ViewId }>) {
  const services = useServices();
  const view = viewOf(params.view);
  return <div className="view" data-testid={`view-${params.view}`}>{view ? view.render(services) : null}</div>;
}

const COMPONENTS = { canvas: CanvasPanel, view: ViewPanel };

/**
 * A view's tab: its title, and a close mark for the mouse. The tab itself is the control (dockview
 * gives it role="tab" and keyboard focus); a button inside it would be a control nested in a control,
 * so keyboard users close a view with View › Views or the palette instead.
 */
function ViewTab({ api }: IDockviewPanelHeaderProps) {
  return (
    <span className="view-tab">
      {api.title}
      <span className="view-tab__close" aria-hidden="true" title={`Close ${api.title}`} onPointerDown={(e) => e.stopPropagation()} onClick={() => api.close()}>×</span>
    </span>
  );
}

function addView(api: DockviewApi, id: ViewId, inactive = false) {
  const declared = VIEWS.find((v) => v.id === id);
  if (!declared) return;
  // Into the group that already holds a view of the same dock, else a new dock beside the canvas.
  const neighbour = api.panels.find((p) => p.id !== CANVAS && VIEWS.find((v) => v.id === p.id)?.dock === declared.dock);
  const position = neighbour
    ? { referenceGroup: neighbour.group, direction: 'within' as const }
    : { referencePanel: CANVAS, direction: declared.dock === 'right' ? ('right' as const) : ('below' as const) };
  api.addPanel({
    id, component: 'view', title: declared.title, params: { view: id }, position, inactive,
    ...(neighbour ? {} : declared.dock === 'right' ? { initialWidth: dockSize().right } : { initialHeight: dockSize().bottom }),
  });
  // A lesson needs room for two pictures side by side: its dock grows to half the window (the splitter still moves).
  const group = api.getPanel(id)?.group;
  if (declared.lesson && group && group.api.width < api.width * 0.5) group.api.setSize({ width: Math.round(api.width * 0.5) });
}

/** The canvas's own group has no tab strip and takes no tabs: it is the workspace's middle, not a view. */
function settleCanvas(api: DockviewApi) {
  const canvas = api.getPanel(CANVAS);
  if (!canvas) return;
  canvas.group.header.hidden = true;
  canvas.group.locked = 'no-drop-target';
}

function defaultLayout(api: DockviewApi) {
  api.clear();
  api.addPanel({ id: CANVAS, component: 'canvas', title: 'Graph' });
  settleCanvas(api);
  // The first of each dock is the one shown: the inspector on the right, the charts below. Lessons open when asked for.
  for (const view of VIEWS.filter((v) => !v.lesson)) addView(api, view.id, api.panels.some((p) => p.id !== CANVAS && VIEWS.find((v) => v.id === p.id)?.dock === view.dock));
}

/** A stored layout is used only if it has the canvas and nothing but known views. */
function restore(api: DockviewApi, services: WorkspaceServices): void {
  const stored = loadLayout();
  if (stored && 'layout' in stored) {
    try {
      api.fromJSON(stored.layout);
      // Each panel must be what its id says: the one canvas, or a known view drawing itself.
      const unknown = api.panels.find((p) => (p.id === CANVAS ? p.api.component !== 'canvas' : !viewOf(p.id) || p.api.component !== 'view' || (p.params as { view?: string } | undefined)?.view !== p.id));
      if (!api.getPanel(CANVAS) || unknown) throw new Error(unknown ? `it has a view "${unknown.id}" this version does not know` : 'it has no canvas');
      settleCanvas(api);
      return;
    } catch (error) {
      notifyUnreadable(services, (error as Error).message);
    }
  } else if (stored) notifyUnreadable(services, stored.problem);
  clearLayout();
  defaultLayout(api);
}

function notifyUnreadable(services: WorkspaceServices, why: string) {
  services.store.notify({ kind: 'info', text: `Your saved layout could not be read (${why}), so the default layout is shown.` });
}

export function Workspace() {
  const services = useServices();
  const api = useRef<DockviewApi | undefined>(undefined);
  const presented = useRef<ReturnType<DockviewApi['toJSON']> | undefined>(undefined);

  const onReady = useCallback((event: DockviewReadyEvent) => {
    api.current = event.api;
    restore(event.api, services);
    event.api.onDidLayoutChange(() => {
      if (!presented.current) saveLayout(event.api.toJSON());
    });
  }, [services]);

  useEffect(() => {
    const { ui, registry } = services;
    const layout: LayoutActions = {
      show(id) {
        const dock = api.current;
        if (!dock) return;
        if (!dock.getPanel(id)) addView(dock, id);
        dock.getPanel(id)?.api.setActive();
      },
      toggleView(id) {
        const dock = api.current;
        if (!dock) return;
        const panel = dock.getPanel(id);
        if (!panel) return addView(dock, id);
        // A view behind another tab comes to the front; the one in front closes.
        if (panel.api.isVisible) panel.api.close();
        else panel.api.setActive();
      },
      isOpen: (id) => api.current?.getPanel(id) !== undefined,
      reset() {
        if (!api.current) return;
        // Reset in Present mode resets the layout Present mode will go back to.
        presented.current = undefined;
        ui.set({ present: false });
        clearLayout();
        defaultLayout(api.current);
        saveLayout(api.current.toJSON());
      },
      present(on) {
        const dock = api.current;
        if (!dock || on === ui.getState().present) return;
        if (on) {
          presented.current = dock.toJSON();
          for (const id of ['charts', 'activations'] as const) {
            if (!dock.getPanel(id)) addView(dock, id);
            dock.getPanel(id)?.api.setActive();
          }
          dock.getPanel('activations')?.group.api.setSize({ width: Math.round(dock.width * 0.34) });
          dock.getPanel('charts')?.group.api.setSize({ height: Math.round(dock.height * 0.36) });
        } else if (presented.current) {
          // The same panels, resized and re-tabbed: rebuilding them would lose a drawing, an open gallery, a zoomed chart.
          dock.fromJSON(presented.current, { reuseExistingPanels: true });
          settleCanvas(dock);
          presented.current = undefined;
        }
        ui.set({ present: on });
      },
    };
    registry.context.bound.layout = layout;
    return () => {
      if (registry.context.bound.layout === layout) registry.context.bound.layout = undefined;
    };
  }, [services]);

  return <DockviewReact className="workspace" components={COMPONENTS} defaultTabComponent={ViewTab} onReady={onReady} theme={THEME} disableFloatingGroups />;
}
