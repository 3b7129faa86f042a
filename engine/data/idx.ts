/**
 * IDX, the format MNIST and Fashion-MNIST are published in: a big-endian
 * header (two zero bytes, a type byte 0x08 for unsigned bytes, the number of
 * dimensions, then each dimension as a 32-bit integer) followed by the bytes.
 */
export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

export function parseIdx(bytes: Uint8Array, what: string): IdxArray {
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) throw new Error(`${what} is not an IDX file`);
  if (bytes[2] !== 0x08) throw new Error(`${what}: only unsigned-byte IDX files are supported (type 0x${(bytes[2] ?? 0).toString(16)})`);
  const rank = bytes[3] ?? 0;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = 4 + 4 * rank;
  if (bytes.length < header) throw new Error(`${what}: the IDX header is cut short`);
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i, false));
  const size = dims.reduce((a, b) => a * b, 1);
  if (bytes.length !== header + size) throw new Error(`${what}: expected ${size} bytes of data after the header, found ${bytes.length - header}`);
  return { dims, data: bytes.subarray(header) };
}
