/** A tensor shape for one sample (no batch axis): `[C, H, W]` or `[N]`. */
export type Shape = readonly number[];

export function sizeOf(shape: Shape): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** `6×24×24` or `120`: how the editor and the CLI write shapes. */
export function describeShape(shape: Shape): string {
  return shape.join('×');
}

export function isImage(shape: Shape): shape is readonly [number, number, number] {
  return shape.length === 3;
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
