/** Stored weights as editable grids: layout, caps, test ids, and writing a cell in the tensor's own encoding. */
import { describe, expect, it } from 'vitest';
import { decodeTensorData, encodeTensor, type GraphDocument, type StoredTensor } from '../../engine';
import { cellTestId, layoutTensor, MAX_GRIDS, writeCell } from '../../renderer/inspector/weights';
import { TEMPLATES } from '../../renderer/templates';

const edgeKernel = () =>
  structuredClone((TEMPLATES.find((t) => t.file === 'edge-detection.json')?.document as GraphDocument).weights?.['edges']?.['weight']) as StoredTensor;

describe('layoutTensor', () => {
  it('shows the edge detector as one 3×3 grid with its numbers as written', () => {
    const layout = layoutTensor(edgeKernel());
    if (!layout.ok) throw new Error(layout.message);
    expect(layout.grids).toEqual([{ leading: [0, 0], rows: 3, cols: 3, offset: 0, vector: false }]);
    expect(Array.from(layout.values)).toEqual([-1, -1, -1, -1, 8, -1, -1, -1, -1]);
  });

  it('has one grid per [filter, input channel], capped with the total known', () => {
    const layout = layoutTensor(encodeTensor([8, 3, 3, 3], new Float32Array(8 * 3 * 9)));
    if (!layout.ok) throw new Error(layout.message);
    expect(layout.totalGrids).toBe(24);
    expect(layout.grids).toHaveLength(MAX_GRIDS);
    expect(layout.grids[4]).toEqual({ leading: [1, 1], rows: 3, cols: 3, offset: 4 * 9, vector: false });
  });

  it('shows a bias as one row', () => {
    const layout = layoutTensor({ shape: [4], data: [1, 2, 3, 4] });
    if (!layout.ok) throw new Error(layout.message);
    expect(layout.grids).toEqual([{ leading: [], rows: 1, cols: 4, offset: 0, vector: true }]);
  });

  it('says when a tensor is too large to edit by hand', () => {
    const layout = layoutTensor(encodeTensor([120, 400], new Float32Array(48000)));
    expect(layout.ok && layout.tooLarge).toBe('120×400 values: too large to edit here');
    expect(layout.ok && layout.grids).toEqual([]);
  });

  it('reports data that does not fit its shape', () => {
    expect(layoutTensor({ shape: [2, 2], data: [1, 2, 3] })).toEqual({ ok: false, message: 'shape [2, 2] needs 4 numbers but data holds 3' });
    expect(layoutTensor({ shape: [1], data: 'A' })).toMatchObject({ ok: false });
  });
});

describe('writeCell', () => {
  it('keeps a number array a number array, exactly as typed', () => {
    const before = edgeKernel();
    const after = writeCell(before, 4, 0.1);
    expect(after).toEqual({ shape: [1, 1, 3, 3], data: [-1, -1, -1, -1, 0.1, -1, -1, -1, -1] });
    expect(before.data[4]).toBe(8); // not changed in place
  });

  it('keeps base64 base64', () => {
    const before = encodeTensor([2, 2], Float32Array.from([1, 2, 3, 4]));
    const after = writeCell(before, 3, -0.5);
    expect(typeof after.data).toBe('string');
    const decoded = decodeTensorData(after.data);
    expect(decoded.ok && Array.from(decoded.values)).toEqual([1, 2, 3, -0.5]);
  });
});

it('names cells by filter, input channel, row and column; a bias by its index', () => {
  expect(cellTestId('edges', 'weight', { leading: [0, 0], rows: 3, cols: 3, offset: 0, vector: false }, 1, 2)).toBe('weight-edges-0-0-1-2');
  expect(cellTestId('c1', 'bias', { leading: [], rows: 1, cols: 6, offset: 0, vector: true }, 0, 3)).toBe('bias-c1-3');
});
