/**
 * Stored tensors in a document: `{ shape, data }` where data is base64 of
 * little-endian float32 (compact, exact) or a plain number array (readable,
 * handy when writing a kernel by hand, like the lecture's edge detector).
 */
import { base64ToBytes, bytesToBase64 } from './base64';
import type { StoredTensor } from './schema';

export type DecodedData = { ok: true; values: Float32Array } | { ok: false; message: string };

export function decodeTensorData(data: StoredTensor['data']): DecodedData {
  if (Array.isArray(data)) return { ok: true, values: Float32Array.from(data) };
  const bytes = base64ToBytes(data);
  if (!bytes) return { ok: false, message: 'data is not valid base64' };
  if (bytes.length % 4 !== 0) {
    return { ok: false, message: `data decodes to ${bytes.length} bytes, which is not a whole number of float32 values (4 bytes each)` };
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = new Float32Array(bytes.length / 4);
  for (let i = 0; i < values.length; i++) values[i] = view.getFloat32(i * 4, true);
  return { ok: true, values };
}

export function encodeTensor(shape: readonly number[], values: Float32Array): StoredTensor {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i] ?? 0, true);
  return { shape: [...shape], data: bytesToBase64(bytes) };
}
