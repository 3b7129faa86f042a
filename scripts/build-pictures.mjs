// Writes the lessons' bundled photograph, resources/pictures/coffee.png: scikit-image's "coffee"
// (CC0, by Rachel Michetti, courtesy of Pikolo Espresso Bar), as Debian's python3-skimage ships it,
// scaled down 3× by averaging 3×3 blocks (600×400 → 200×133) so every lesson stays fast on it.
// Usage: node scripts/build-pictures.mjs [path/to/coffee.png]
//   (default: /usr/lib/python3/dist-packages/skimage/data/coffee.png; `apt-get download python3-skimage`
//   and `dpkg -x` it when the package is not installed)
import { decode, encode } from 'fast-png';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = process.argv[2] ?? '/usr/lib/python3/dist-packages/skimage/data/coffee.png';
const output = fileURLToPath(new URL('../resources/pictures/coffee.png', import.meta.url));
const FACTOR = 3;

const image = decode(readFileSync(source));
if (image.depth !== 8 || image.channels < 3) throw new Error(`${source}: expected 8-bit RGB, found ${image.channels} channels of ${image.depth} bits`);
const width = Math.floor(image.width / FACTOR);
const height = Math.floor(image.height / FACTOR);
const data = new Uint8Array(width * height * 3);
for (let y = 0; y < height; y++) {
  for (let x = 0; x < width; x++) {
    for (let c = 0; c < 3; c++) {
      let sum = 0;
      for (let dy = 0; dy < FACTOR; dy++) for (let dx = 0; dx < FACTOR; dx++) sum += image.data[((y * FACTOR + dy) * image.width + x * FACTOR + dx) * image.channels + c];
      data[(y * width + x) * 3 + c] = Math.round(sum / (FACTOR * FACTOR));
    }
  }
}
writeFileSync(output, encode({ width, height, data, channels: 3, depth: 8 }));
console.log(`wrote ${output}: ${width}×${height} RGB`);
