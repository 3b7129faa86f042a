/**
 * The workspace's views, declared once: id, title, and the dock a view opens
 * in. Plain data, so the desktop menu (View > each view) and the renderer's
 * view registry (which adds what each view draws) read the same list, and a
 * toggle command exists for every view without anyone keeping a second list.
 */
import { LESSONS, type LessonId } from '../../engine/lessons/lessons';

export type Dock = 'right' | 'bottom';

export interface ViewDeclaration {
  id: ViewId;
  title: string;
  dock: Dock;
  /** A lesson: not in the default layout, opened from the palette, Help or an inspector's Explain button. */
  lesson?: LessonId;
}

const PANELS = [
  { id: 'inspector', title: 'Inspector', dock: 'right' },
  { id: 'train', title: 'Train', dock: 'right' },
  { id: 'activations', title: 'Activations', dock: 'right' },
  { id: 'learn', title: 'Learn', dock: 'right' },
  { id: 'charts', title: 'Charts', dock: 'bottom' },
  { id: 'evaluate', title: 'Evaluate', dock: 'bottom' },
  { id: 'draw', title: 'Draw', dock: 'bottom' },
] as const satisfies readonly { id: string; title: string; dock: Dock }[];

export type LessonViewId = `lesson-${LessonId}`;
export type ViewId = (typeof PANELS)[number]['id'] | LessonViewId;

export const lessonViewId = (lesson: LessonId): LessonViewId => `lesson-${lesson}`;

/** The panels, then one view per lesson of engine/lessons/lessons.ts (opened beside the Learn view). */
export const VIEWS: readonly ViewDeclaration[] = [
  ...PANELS,
  ...LESSONS.map((lesson) => ({ id: lessonViewId(lesson.id), title: lesson.title, dock: 'right' as const, lesson: lesson.id })),
];
