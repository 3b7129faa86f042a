/**
 * Every way a disposed tensor can be used, tried on one backend: what each
 * threw (undefined where nothing was thrown). Shared by the Node suite and
 * the one in Chromium, so it imports nothing from Node.
 */
import type { Backend } from '../../engine/backend/backend';
import { convInfo } from '../../engine/backend/convInfo';

export interface DisposedUse {
  use: string;
  message: string | undefined;
}

export function disposedUses(backend: Backend): DisposedUse[] {
  const results: DisposedUse[] = [];
  const attempt = (use: string, f: () => unknown) => {
    try {
      f();
      results.push({ use, message: undefined });
    } catch (e) {
      results.push({ use, message: (e as Error).message });
    }
  };
  const t = backend.tensor([2, 3], [1, -2, 3, -4, 5, -6]);
  const other = backend.tensor([2, 3], [1, 1, 1, 1, 1, 1]);
  backend.dispose(t);
  attempt('read', () => backend.read(t));
  attempt('add (first)', () => backend.add(t, other));
  attempt('add (second)', () => backend.add(other, t));
  attempt('activation', () => backend.activation('relu', t, 0));
  attempt('reshape', () => backend.reshape(t, [3, 2]));
  attempt('sgdUpdate', () => backend.sgdUpdate(t, other, backend.tensor([2, 3]), { learningRate: 0.1, momentum: 0, nesterov: false, weightDecay: 0 }));
  attempt('dispose again', () => backend.dispose(t));

  const x = backend.tensor([1, 1, 4, 4], Array.from({ length: 16 }, (_, i) => i));
  const w = backend.tensor([1, 1, 2, 2], [1, 0, 0, 1]);
  const info = convInfo(x.shape, 1, [2, 2], [1, 1], 'valid', [1, 1]);
  backend.dispose(backend.conv2d(x, w, info));
  backend.dispose(w);
  attempt('conv2d kernel', () => backend.conv2d(x, w, info));
  backend.dispose(x);
  attempt('conv2dBackwardFilter input', () => backend.conv2dBackwardFilter(x, backend.tensor([1, 1, 3, 3]), info));
  return results;
}

/** A reshaped view shares storage but is disposed on its own: its values after the original's dispose. */
export function viewAfterDispose(backend: Backend): number[] {
  const t = backend.tensor([2, 3], [1, 2, 3, 4, 5, 6]);
  const view = backend.reshape(t, [3, 2]);
  backend.dispose(t);
  const values = Array.from(backend.read(view));
  backend.dispose(view);
  return values;
}
