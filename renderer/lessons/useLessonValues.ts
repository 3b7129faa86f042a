/**
 * A lesson view's option values (text, as `convstudio lesson` takes them):
 * the defaults at first, replaced by a request to open the lesson on
 * particular values (an inspector's Explain button, a template).
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { defaultValues, lessonInfo, type LessonId } from '../../engine/lessons/lessons';
import type { UiStore } from '../workspace/uiStore';

export function useLessonValues(lesson: LessonId, ui: UiStore): [Record<string, string>, (change: Record<string, string>) => void] {
  const info = lessonInfo(lesson);
  const [values, setValues] = useState(() => ({ ...defaultValues(info), ...(ui.getState().lesson?.id === lesson ? ui.getState().lesson?.values : {}) }));
  const request = useSyncExternalStore(ui.subscribe, () => ui.getState().lesson);
  useEffect(() => {
    if (request?.id === lesson) setValues({ ...defaultValues(info), ...request.values });
  }, [request, lesson, info]);
  return [values, (change) => setValues((now) => ({ ...now, ...change }))];
}
