/**
 * Base64 without DOM (`atob`) or Node (`Buffer`), so the engine stays pure.
 * Used for the weights stored in documents as little-endian float32.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const n = (a << 16) | (b << 8) | c;
    const left = bytes.length - i;
    parts.push(
      ALPHABET.charAt((n >> 18) & 63) +
        ALPHABET.charAt((n >> 12) & 63) +
        (left > 1 ? ALPHABET.charAt((n >> 6) & 63) : '=') +
        (left > 2 ? ALPHABET.charAt(n & 63) : '='),
    );
  }
  return parts.join('');
}

/** Decodes standard base64 (padding optional); undefined when the text is not base64. */
export function base64ToBytes(text: string): Uint8Array | undefined {
  const clean = text.replace(/=+$/, '');
  if (clean.length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    const code = clean.charCodeAt(i);
    const digit = code < 128 ? (LOOKUP[code] ?? -1) : -1;
    if (digit < 0) return undefined;
    value = (value << 6) | digit;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (value >> bits) & 0xff;
    }
  }
  return out;
}
