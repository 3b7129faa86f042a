/**
 * The safetensors format (https://github.com/huggingface/safetensors):
 * 8 bytes of little-endian header length, a JSON header naming each tensor's
 * dtype, shape and byte range, then the tensors' bytes. Written here for
 * float32 tensors; the exported project reads it with torch.frombuffer, so it
 * needs no extra Python package.
 */

export interface NamedTensor {
  name: string;
  shape: readonly number[];
  values: Float32Array;
}

export function encodeSafetensors(tensors: readonly NamedTensor[], metadata: Record<string, string> = {}): Uint8Array {
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  for (const t of tensors) {
    const bytes = t.values.length * 4;
    header[t.name] = { dtype: 'F32', shape: [...t.shape], data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  // The header is padded with spaces to a multiple of 8 bytes, so the data that follows is aligned.
  let json = JSON.stringify(header);
  while ((utf8Length(json) + 8) % 8 !== 0) json += ' ';
  const headerBytes = utf8(json);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, headerBytes.length, true);
  view.setUint32(4, 0, true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const t of tensors) {
    const data = new DataView(out.buffer, at, t.values.length * 4);
    t.values.forEach((v, i) => data.setFloat32(i * 4, v, true));
    at += t.values.length * 4;
  }
  return out;
}

/** UTF-8 bytes of `text` (the engine has no TextEncoder in its types). */
export function utf8(text: string): Uint8Array {
  const bytes: number[] = [];
  for (const char of text) {
    const c = char.codePointAt(0) ?? 0;
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(bytes);
}

function utf8Length(text: string): number {
  return utf8(text).length;
}
