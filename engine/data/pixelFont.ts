/**
 * A 3×5 pixel font for labelling preview grids without any font files:
 * each glyph is five rows of three bits (4 = left, 2 = middle, 1 = right).
 * Letters are drawn as capitals.
 */
const GLYPHS: Record<string, string> = {
  A: '25755', B: '65656', C: '34443', D: '65556', E: '74647', F: '74644', G: '34553', H: '55755', I: '72227',
  J: '11152', K: '55655', L: '44447', M: '57755', N: '65555', O: '25552', P: '65644', Q: '25563', R: '65655',
  S: '34216', T: '72222', U: '55557', V: '55552', W: '55775', X: '55255', Y: '55222', Z: '71247',
  '0': '75557', '1': '26227', '2': '61247', '3': '61216', '4': '55711', '5': '74616', '6': '34757', '7': '71222',
  '8': '75757', '9': '75716', ' ': '00000', '-': '00700', '/': '11244', '.': '00002', _: '00007', '?': '61202',
};

export const GLYPH_WIDTH = 3;
export const GLYPH_HEIGHT = 5;

/** Calls `plot(x, y)` for every lit pixel of `text`, glyphs one pixel apart. */
export function drawText(text: string, plot: (x: number, y: number) => void): number {
  let x = 0;
  for (const char of text.toUpperCase()) {
    const glyph = GLYPHS[char] ?? GLYPHS['?'] ?? '';
    for (let row = 0; row < GLYPH_HEIGHT; row++) {
      const bits = Number(glyph[row] ?? 0);
      for (let col = 0; col < GLYPH_WIDTH; col++) if (bits & (4 >> col)) plot(x + col, row);
    }
    x += GLYPH_WIDTH + 1;
  }
  return x;
}
