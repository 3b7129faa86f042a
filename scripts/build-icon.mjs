// Draws the app icon, resources/icon/icon.png (1024×1024 RGBA), from code: the favicon of the
// browser build, the desktop window's icon and electron-builder's source for .ico/.icns.
// The motif: a 3×3 convolution kernel (blue weights negative, orange positive) on a dark-blue
// rounded tile, projected onto one highlighted output cell. Edges are anti-aliased by
// supersampling; only exact arithmetic (+ − × ÷ √) is used, so every run writes the same bytes
// (a test checks the committed PNG against a fresh run).
// Usage: node scripts/build-icon.mjs [output.png]   (npm run build:icon)
import { encode } from 'fast-png';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const SIZE = 1024;
/** Samples per pixel along each axis (SUPERSAMPLE² per pixel). */
const SUPERSAMPLE = 4;
const DEFAULT_OUTPUT = fileURLToPath(new URL('../resources/icon/icon.png', import.meta.url));

const TILE = { x0: 40, y0: 40, x1: 984, y1: 984, radius: 200 };
const TILE_TOP = [0x22, 0x3d, 0x80];
const TILE_BOTTOM = [0x0b, 0x17, 0x38];
const GRID = { x: 144, y: 144, cell: 184, gap: 32, radius: 30 };
/** A diagonal edge detector: the weights that colour the nine cells, in [-1, 1]. */
const KERNEL = [
  [0.25, 0.7, 1],
  [-0.35, 0.15, 0.75],
  [-1, -0.65, -0.1],
];
/** A diverging palette: pale near 0, saturated blue at −1 and orange at +1. */
const NEUTRAL = [0xd5, 0xdd, 0xea];
const NEGATIVE = [0x2f, 0x86, 0xff];
const POSITIVE = [0xff, 0x82, 0x14];
const OUTPUT = { x0: 796, y0: 796, x1: 924, y1: 924, radius: 24 };
const OUTPUT_RING = 12;
const OUTPUT_FILL = [0xff, 0xd2, 0x4a];
const OUTPUT_RING_COLOR = [0xff, 0xf6, 0xdc];
const BEAM = { halfWidth: 5, color: [0xff, 0xd2, 0x4a], alpha: 0.85 };

/** Signed distance from (x, y) to a rounded rectangle: negative inside. */
function roundedRectDistance(x, y, { x0, y0, x1, y1, radius }) {
  const dx = Math.max(x0 + radius - x, x - (x1 - radius), 0);
  const dy = Math.max(y0 + radius - y, y - (y1 - radius), 0);
  const inner = Math.min(Math.max(x0 + radius - x, x - (x1 - radius), y0 + radius - y, y - (y1 - radius)), 0);
  return Math.sqrt(dx * dx + dy * dy) + inner - radius;
}

/** Distance from (x, y) to the segment a–b. */
function segmentDistance(x, y, [ax, ay], [bx, by]) {
  const vx = bx - ax;
  const vy = by - ay;
  const t = Math.min(Math.max(((x - ax) * vx + (y - ay) * vy) / (vx * vx + vy * vy), 0), 1);
  const px = ax + t * vx - x;
  const py = ay + t * vy - y;
  return Math.sqrt(px * px + py * py);
}

function mix(a, b, t) {
  return a.map((value, i) => value + (b[i] - value) * t);
}

/** A kernel weight's colour: neutral at 0, towards blue (negative) or orange (positive). */
function weightColor(weight) {
  return weight < 0 ? mix(NEUTRAL, NEGATIVE, -weight) : mix(NEUTRAL, POSITIVE, weight);
}

function kernelCells() {
  const cells = [];
  KERNEL.forEach((row, r) => row.forEach((weight, c) => {
    const x0 = GRID.x + c * (GRID.cell + GRID.gap);
    const y0 = GRID.y + r * (GRID.cell + GRID.gap);
    cells.push({ x0, y0, x1: x0 + GRID.cell, y1: y0 + GRID.cell, radius: GRID.radius, color: weightColor(weight) });
  }));
  return cells;
}

/** A filled rounded rectangle, of one colour or of colour(x, y). */
function rectLayer(rect, color) {
  return { box: rect, inside: (x, y) => roundedRectDistance(x, y, rect) <= 0, color: typeof color === 'function' ? color : () => color };
}

/** A straight line a–b with round ends. */
function beamLayer([ax, ay], [bx, by]) {
  const w = BEAM.halfWidth;
  const box = { x0: Math.min(ax, bx) - w, y0: Math.min(ay, by) - w, x1: Math.max(ax, bx) + w, y1: Math.max(ay, by) + w };
  return { box, inside: (x, y) => segmentDistance(x, y, [ax, ay], [bx, by]) <= w, color: () => BEAM.color, alpha: BEAM.alpha };
}

/**
 * The picture, back to front: each layer has a bounding box (a quick rejection), says whether
 * a sample point is inside it, and gives its colour there (and its opacity, 1 unless given).
 */
function layers() {
  const gridEnd = GRID.x + 3 * GRID.cell + 2 * GRID.gap;
  const ring = { x0: OUTPUT.x0 - OUTPUT_RING, y0: OUTPUT.y0 - OUTPUT_RING, x1: OUTPUT.x1 + OUTPUT_RING, y1: OUTPUT.y1 + OUTPUT_RING, radius: OUTPUT.radius + OUTPUT_RING };
  // The kernel's outer corners (on the cells' rounded edges) projected onto the output cell's.
  const inset = GRID.radius * (1 - Math.SQRT1_2);
  return [
    rectLayer(TILE, (_x, y) => mix(TILE_TOP, TILE_BOTTOM, (y - TILE.y0) / (TILE.y1 - TILE.y0))),
    beamLayer([gridEnd - inset, GRID.y + inset], [OUTPUT.x1, OUTPUT.y0]),
    beamLayer([GRID.x + inset, gridEnd - inset], [OUTPUT.x0, OUTPUT.y1]),
    ...kernelCells().map((cell) => rectLayer(cell, cell.color)),
    rectLayer(ring, OUTPUT_RING_COLOR),
    rectLayer(OUTPUT, OUTPUT_FILL),
  ];
}

/** One sample point, the layers composited over transparent, added to sum: premultiplied r, g, b (0–255) and a (0–1). */
function addSample(scene, x, y, sum) {
  let r = 0;
  let g = 0;
  let b = 0;
  let alpha = 0;
  for (const { box, inside, color, alpha: a = 1 } of scene) {
    if (x < box.x0 || x > box.x1 || y < box.y0 || y > box.y1 || !inside(x, y)) continue;
    const [cr, cg, cb] = color(x, y);
    r = r * (1 - a) + cr * a;
    g = g * (1 - a) + cg * a;
    b = b * (1 - a) + cb * a;
    alpha = alpha * (1 - a) + a;
  }
  sum[0] += r;
  sum[1] += g;
  sum[2] += b;
  sum[3] += alpha;
}

/** Renders the icon to 8-bit RGBA (not premultiplied), averaging SUPERSAMPLE² samples per pixel. */
function renderIcon() {
  const scene = layers();
  const data = new Uint8Array(SIZE * SIZE * 4);
  const samples = SUPERSAMPLE * SUPERSAMPLE;
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          addSample(scene, px + (sx + 0.5) / SUPERSAMPLE, py + (sy + 0.5) / SUPERSAMPLE, sum);
        }
      }
      const at = (py * SIZE + px) * 4;
      for (let i = 0; i < 3; i++) data[at + i] = sum[3] > 0 ? Math.round(sum[i] / sum[3]) : 0;
      data[at + 3] = Math.round((sum[3] / samples) * 255);
    }
  }
  return data;
}

function main() {
  const output = process.argv[2] ?? DEFAULT_OUTPUT;
  const png = encode({ width: SIZE, height: SIZE, data: renderIcon(), channels: 4, depth: 8 });
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, png);
  console.log(`wrote ${output} (${SIZE}×${SIZE}, ${png.length} bytes)`);
}

main();
