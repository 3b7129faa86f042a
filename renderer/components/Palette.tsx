/** Every node type, grouped; drag one onto the canvas, or click to add it after the selection. */
import type { NodeType } from '../../engine';

export const PALETTE_GROUPS: { title: string; types: NodeType[] }[] = [
  { title: 'Input', types: ['input'] },
  { title: 'Convolution', types: ['conv2d', 'locallyConnected2d', 'tiledConv2d'] },
  { title: 'Activations', types: ['relu', 'leakyRelu', 'sigmoid', 'tanh'] },
  { title: 'Pooling', types: ['maxPool2d', 'avgPool2d'] },
  { title: 'Dense', types: ['dense'] },
  { title: 'Structure', types: ['flatten', 'dropout', 'add', 'concat'] },
  { title: 'Output', types: ['softmax'] },
];

export const DRAG_TYPE = 'application/x-convstudio-node-type';

export function Palette({ onAdd }: { onAdd(type: NodeType): void }) {
  return (
    <nav className="palette" aria-label="Node palette">
      {PALETTE_GROUPS.map((group) => (
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
