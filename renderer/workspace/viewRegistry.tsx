/**
 * The view registry: what each view declared in app/shared/views.ts draws,
 * and from which stores. The docked layout, the View menu and the palette's
 * toggles all come from the declarations; this adds only the drawing, and
 * the compiler checks that every declared view has one.
 */
import type { ReactNode } from 'react';
import { VIEWS, type ViewId } from '../../app/shared/views';
import { Inspector } from '../inspector/Inspector';
import { ActivationView } from '../training/ActivationView';
import { ChartsView } from '../training/ChartsView';
import { DrawPad } from '../training/DrawPad';
import { EvaluationView } from '../training/Evaluation';
import { TrainView } from '../training/TrainView';
import { useEditor } from '../store/useEditor';
import { LearnView } from './LearnView';
import type { WorkspaceServices } from './services';

/** The Train view needs the open document for folder import's scaling. */
function TrainViewOfDocument(s: WorkspaceServices) {
  const { document } = useEditor(s.store);
  return <TrainView client={s.training} settingsStore={s.settings} registry={s.registry} document={document} />;
}

const DRAWN: Record<ViewId, (s: WorkspaceServices) => ReactNode> = {
  inspector: (s) => <Inspector store={s.store} />,
  train: (s) => <TrainViewOfDocument {...s} />,
  activations: (s) => <ActivationView client={s.training} store={s.store} live={s.live} />,
  draw: (s) => <DrawPad client={s.training} store={s.store} live={s.live} />,
  learn: (s) => <LearnView registry={s.registry} />,
  charts: (s) => <ChartsView client={s.training} />,
  evaluate: (s) => <EvaluationView client={s.training} live={s.live} />,
};

export const VIEW_REGISTRY = VIEWS.map((view) => ({ ...view, render: DRAWN[view.id] }));

export function viewOf(id: string) {
  return VIEW_REGISTRY.find((v) => v.id === id);
}
