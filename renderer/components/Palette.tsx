/** Every node type, grouped; drag one onto the canvas, or click to add it after the selection. */
import type { NodeType } from '../../engine';
import { PALETTE_GROUPS, type PaletteGroup } from '../../engine/nodes/descriptor';
import { NODE_DESCRIPTORS } from '../../engine/nodes/registry';

/** The palette's sections in order, each with its node types in the registry's order. */
export const PALETTE_SECTIONS: { title: PaletteGroup; types: NodeType[] }[] = PALETTE_GROUPS.map((title) => ({
  title,
  types: NODE_DESCRIPTORS.filter((d) => d.paletteGroup === title).map((d) => d.schema.shape.type.value),
})).filter((section) => section.types.length > 0);

export const DRAG_TYPE = 'application/x-convstudio-node-type';

export function Palette({ onAdd }: { onAdd(type: NodeType): void }) {
  return (
    <nav className="palette" aria-label="Node palette">
      {PALETTE_SECTIONS.map((group) => (
        <section key={group.title}>
          <h2>{group.title}</h2>
          {group.types.map((type) => (
            <button
              key={type}
              type="button"
              className="palette__item"
              draggable
              data-testid={`palette-${type}`}
              title={`Drag onto the canvas, or click to add after the selected node`}
              onDragStart={(event) => {
                event.dataTransfer.setData(DRAG_TYPE, type);
                event.dataTransfer.effectAllowed = 'copy';
              }}
              onClick={() => onAdd(type)}
            >
              {type}
            </button>
          ))}
        </section>
      ))}
    </nav>
  );
}
