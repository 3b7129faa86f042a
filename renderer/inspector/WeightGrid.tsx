/**
 * The weights a document stores for a node (a hand-made kernel like the
 * lecture's edge detector, or trained ones), as grids of number fields: one
 * kH×kW grid per [filter, input channel], the bias as a row. Editing a cell
 * writes the tensor back as one undo step per cell; text that is not a
 * number shows its reason and changes nothing.
 */
import type { Problem, StoredTensor } from '../../engine';
import type { DocumentStore } from '../store/documentStore';
import { setWeight } from './edit';
import { FieldNote } from './FieldNote';
import { NumberField } from './NumberField';
import type { FieldProblem } from './values';
import { cellTestId, layoutTensor, MAX_GRIDS, type Grid } from './weights';

/** "filter 0, channel 1" for a convolution's [filter, input channel]; the indices otherwise. */
function gridName(tensor: string, rank: number, grid: Grid): string {
  if (tensor === 'weight' && rank === 4) return `filter ${grid.leading[0]}, channel ${grid.leading[1]}`;
  if (tensor === 'bias' && rank === 3) return `filter ${grid.leading[0]}`;
  return grid.leading.length === 0 ? '' : `[${grid.leading.join(', ')}]`;
}

function TensorGrids({ store, nodeId, name, tensor, problem, disabled }: { store: DocumentStore; nodeId: string; name: string; tensor: StoredTensor; problem?: FieldProblem | undefined; disabled?: boolean }) {
  const layout = layoutTensor(tensor);
  return (
    <section className="inspect__tensor" aria-label={`${nodeId} ${name} values`}>
      <h4>
        {name} <span className="inspect__hint">[{tensor.shape.join(', ')}]</span>
      </h4>
      <FieldNote note={problem ?? (layout.ok ? undefined : { message: layout.message, severity: 'error' })} />
      {layout.ok && layout.tooLarge && <p className="inspect__hint">{layout.tooLarge}</p>}
      {layout.ok &&
        layout.grids.map((grid) => {
          const title = gridName(name, tensor.shape.length, grid);
          return (
            <div key={grid.offset} className="inspect__grid-block">
              {title && <p className="inspect__grid-title">{title}</p>}
              <div className="inspect__grid" role="group" aria-label={`${nodeId} ${name} ${title}`.trim()} style={{ gridTemplateColumns: grid.vector ? 'repeat(auto-fill, minmax(3.6em, 1fr))' : `repeat(${grid.cols}, minmax(2.8em, 4.5em))` }}>
                {Array.from({ length: grid.rows * grid.cols }, (_, k) => {
                  const [i, j] = [Math.floor(k / grid.cols), k % grid.cols];
                  const flat = grid.offset + k;
                  const where = grid.vector ? `${j}` : `${title ? `${title}, ` : ''}row ${i}, column ${j}`;
                  return (
                    <NumberField
                      key={k}
                      className="inspect__cell"
                      testId={cellTestId(nodeId, name, grid, i, j)}
                      ariaLabel={`${nodeId} ${name} ${where}`}
                      value={layout.values[flat] ?? 0}
                      disabled={disabled}
                      onValue={(value) => {
                        setWeight(store, nodeId, name, flat, value);
                        return undefined;
                      }}
                    />
                  );
                })}
              </div>
            </div>
          );
        })}
      {layout.ok && !layout.tooLarge && layout.totalGrids > layout.grids.length && (
        <p className="inspect__hint">
          Showing the first {MAX_GRIDS} of {layout.totalGrids} grids.
        </p>
      )}
    </section>
  );
}

export function WeightGrid({ store, nodeId, tensors, problems, trainable, disabled }: {
  store: DocumentStore;
  nodeId: string;
  /** The node's stored tensors (weight, bias). */
  tensors: Record<string, StoredTensor>;
  /** The analysis's problems for this node; those about a stored tensor show at its grid. */
  problems: readonly Problem[];
  trainable: boolean;
  disabled?: boolean;
}) {
  const problemOf = (name: string) => problems.find((p) => p.path[0] === 'weights' && p.path[2] === name);
  return (
    <section className="inspect__weights" aria-label={`${nodeId} stored weights`}>
      <h3>Stored weights</h3>
      <p className="inspect__hint">{trainable ? 'Training starts from these values and changes them.' : 'Fixed: training leaves these values as they are (trainable is off).'}</p>
      {Object.entries(tensors).map(([name, tensor]) => (
        <TensorGrids key={name} store={store} nodeId={nodeId} name={name} tensor={tensor} problem={problemOf(name)} disabled={disabled} />
      ))}
    </section>
  );
}
