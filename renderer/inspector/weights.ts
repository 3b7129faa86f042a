/**
 * Weights stored in a document, laid out for editing by hand: a tensor as
 * grids over its last two axes (one kH×kW kernel per [filter, input channel]
 * for a convolution), a vector as one row. Writing a cell keeps the tensor's
 * encoding: a hand-written number array stays readable, base64 stays base64.
 */
import { decodeTensorData, encodeTensor, sizeOf, type StoredTensor } from '../../engine';

/** At most this many grids are shown per tensor; a note says how many more there are. */
export const MAX_GRIDS = 16;
/** A grid (or row) with more cells than this is too large to edit here. */
export const MAX_CELLS = 256;

export interface Grid {
  /** Indices on the leading axes, e.g. [filter, input channel]. */
  leading: number[];
  rows: number;
  cols: number;
  /** Flat index of the grid's first cell in the tensor's data. */
  offset: number;
  /** The tensor is one vector (a bias), shown as a single row. */
  vector: boolean;
}

export type TensorLayout =
  | { ok: true; values: ArrayLike<number>; grids: Grid[]; totalGrids: number; tooLarge?: string }
  | { ok: false; message: string };

export function layoutTensor(tensor: StoredTensor): TensorLayout {
  const decoded = decodeTensorData(tensor.data);
  if (!decoded.ok) return decoded;
  const count = sizeOf(tensor.shape);
  if (decoded.values.length !== count) return { ok: false, message: `shape [${tensor.shape.join(', ')}] needs ${count} numbers but data holds ${decoded.values.length}` };
  // A number array is shown as written (no float32 rounding); base64 as its float32 values.
  const values = Array.isArray(tensor.data) ? tensor.data : decoded.values;
  const shape = tensor.shape;
  const rows = shape.length === 1 ? 1 : (shape.at(-2) ?? 1);
  const cols = shape.at(-1) ?? 1;
  const leadingShape = shape.length <= 2 ? [] : shape.slice(0, -2);
  const totalGrids = sizeOf(leadingShape);
  if (rows * cols > MAX_CELLS) {
    return { ok: true, values, grids: [], totalGrids, tooLarge: `${shape.join('×')} values: too large to edit here` };
  }
  const grids: Grid[] = [];
  for (let g = 0; g < Math.min(totalGrids, MAX_GRIDS); g++) grids.push({ leading: unflatten(g, leadingShape), rows, cols, offset: g * rows * cols, vector: shape.length === 1 });
  return { ok: true, values, grids, totalGrids };
}

/** Indices of flat position `flat` in a tensor of `shape` (row-major). */
function unflatten(flat: number, shape: readonly number[]): number[] {
  const out: number[] = [];
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const size = shape[axis] ?? 1;
    out.unshift(flat % size);
    flat = Math.floor(flat / size);
  }
  return out;
}

/** The tensor with cell `flat` set to `value`, in the encoding it had. */
export function writeCell(tensor: StoredTensor, flat: number, value: number): StoredTensor {
  if (Array.isArray(tensor.data)) {
    const data = [...tensor.data];
    data[flat] = value;
    return { shape: [...tensor.shape], data };
  }
  const decoded = decodeTensorData(tensor.data);
  if (!decoded.ok) throw new Error(decoded.message);
  const values = Float32Array.from(decoded.values);
  values[flat] = value;
  return encodeTensor(tensor.shape, values);
}

/**
 * A cell's test id: `weight-c1-0-0-1-2` for filter 0, input channel 0, row 1,
 * column 2 of a convolution's weight; `bias-c1-3` for the fourth bias.
 */
export function cellTestId(nodeId: string, tensor: string, grid: Grid, i: number, j: number): string {
  const indices = grid.vector ? [j] : [...grid.leading, i, j];
  return `${tensor}-${nodeId}-${indices.join('-')}`;
}
