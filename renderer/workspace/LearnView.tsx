/**
 * The Learn view: the lecture's concepts, each with where it can be seen and
 * touched in the app today. The lessons register here as they are built.
 */
import { ConceptList } from '../components/HelpSheet';
import type { CommandRegistry } from '../commands/registry';
import { openLesson } from '../lessons/explain';
import type { UiStore } from './uiStore';

export function LearnView({ registry, ui }: { registry: CommandRegistry; ui: UiStore }) {
  return (
    <section className="learn" aria-label="Learn">
      <h2>The lecture in ConvStudio</h2>
      <p className="inspector__empty">Each idea of the CNN lecture, and where to see it with your own network.</p>
      <ConceptList className="learn__concepts" onOpenLesson={(lesson) => openLesson(ui, registry.context, lesson)} />
      <button type="button" onClick={() => registry.run('help-concepts')}>Open as a sheet to project</button>
    </section>
  );
}
