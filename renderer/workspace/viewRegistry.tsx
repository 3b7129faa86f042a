/**
 * The view registry: what each view declared in app/shared/views.ts draws,
 * and from which stores. The docked layout, the View menu and the palette's
 * toggles all come from the declarations; this adds only the drawing, and
 * the compiler checks that every declared view has one.
 */
import type { ReactNode } from 'react';
import { VIEWS, type LessonViewId, type ViewId } from '../../app/shared/views';
import type { LessonId } from '../../engine/lessons/lessons';
import { openLesson } from '../lessons/explain';
import { LESSON_VIEWS } from '../lessons/lessonViews';
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

const PANELS_DRAWN: Record<Exclude<ViewId, LessonViewId>, (s: WorkspaceServices) => ReactNode> = {
  inspector: (s) => <Inspector store={s.store} onExplain={(e) => openLesson(s.ui, s.registry.context, e.lesson, e.values)} />,
  train: (s) => <TrainViewOfDocument {...s} />,
  activations: (s) => <ActivationView client={s.training} store={s.store} live={s.live} />,
  draw: (s) => <DrawPad client={s.training} store={s.store} live={s.live} />,
  learn: (s) => <LearnView registry={s.registry} ui={s.ui} />,
  charts: (s) => <ChartsView client={s.training} />,
  evaluate: (s) => <EvaluationView client={s.training} live={s.live} />,
};

const drawingOf = (id: ViewId) => (id.startsWith('lesson-') ? LESSON_VIEWS[id.slice('lesson-'.length) as LessonId] : PANELS_DRAWN[id as Exclude<ViewId, LessonViewId>]);

export const VIEW_REGISTRY = VIEWS.map((view) => ({ ...view, render: drawingOf(view.id) }));

export function viewOf(id: string) {
  return VIEW_REGISTRY.find((v) => v.id === id);
}
