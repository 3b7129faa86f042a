/** A lesson's frame: its title and the lecture's concept, what to try, then the lesson. */
import type { ReactNode } from 'react';
import { lessonInfo, type LessonId } from '../../engine/lessons/lessons';
import './lessons.css';

export function LessonFrame({ lesson, testId, children }: { lesson: LessonId; testId: string; children: ReactNode }) {
  const info = lessonInfo(lesson);
  return (
    <section className="lesson" aria-label={`Lesson: ${info.title}`} data-testid={testId}>
      <header className="lesson__header">
        <h2>{info.title}</h2>
        <p className="lesson__concept">{info.concept}: {info.summary}. Also on the command line: <code>convstudio lesson {info.id} --json</code></p>
      </header>
      {children}
    </section>
  );
}
