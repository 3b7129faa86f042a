/**
 * The long-use samples as a picture for the test artifacts: one small chart
 * per measure against time, each with its own scale from zero, so a leak
 * shows as a line that climbs.
 */
import { writeFileSync } from 'node:fs';
import type { MemorySample } from './memorySampler';

const MEASURES: { key: keyof MemorySample; title: string }[] = [
  { key: 'pageHeapMB', title: 'page heap (MB)' },
  { key: 'workersHeapMB', title: "workers' heap (MB)" },
  { key: 'rendererRssMB', title: 'renderer RSS (MB)' },
  { key: 'workers', title: 'workers' },
  { key: 'wasmMemories', title: 'WebAssembly memories' },
];

const WIDTH = 560;
const HEIGHT = 130;
const PAD = { left: 56, right: 12, top: 22, bottom: 24 };

export function writeMemoryPlot(path: string, title: string, samples: readonly MemorySample[]): void {
  const end = Math.max(1, ...samples.map((s) => s.at));
  const panels = MEASURES.map(({ key, title: measure }, row) => {
    const values = samples.map((s) => Number(s[key]));
    const top = Math.max(1, ...values) * 1.1;
    const x = (at: number) => PAD.left + (at / end) * (WIDTH - PAD.left - PAD.right);
    const y = (v: number) => PAD.top + (1 - v / top) * (HEIGHT - PAD.top - PAD.bottom);
    const points = samples.map((s, i) => `${x(s.at).toFixed(1)},${y(values[i]!).toFixed(1)}`).join(' ');
    return `<g transform="translate(0 ${row * HEIGHT})">
  <text x="${PAD.left}" y="14" font-size="13" font-weight="bold">${measure}: ${values[0]?.toFixed(1)} → ${values.at(-1)?.toFixed(1)}</text>
  <line x1="${PAD.left}" y1="${y(0)}" x2="${WIDTH - PAD.right}" y2="${y(0)}" stroke="#888"/>
  <line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${y(0)}" stroke="#888"/>
  <text x="${PAD.left - 6}" y="${PAD.top + 4}" font-size="11" text-anchor="end">${top.toFixed(0)}</text>
  <text x="${PAD.left - 6}" y="${y(0)}" font-size="11" text-anchor="end">0</text>
  <text x="${WIDTH - PAD.right}" y="${HEIGHT - 6}" font-size="11" text-anchor="end">${end.toFixed(0)} s</text>
  <polyline points="${points}" fill="none" stroke="#2f6fde" stroke-width="2"/>
</g>`;
  });
  const height = MEASURES.length * HEIGHT + 30;
  writeFileSync(path, `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" font-family="system-ui, sans-serif">
<rect width="100%" height="100%" fill="white"/>
<text x="8" y="${height - 10}" font-size="12">${title}</text>
${panels.join('\n')}
</svg>
`);
}
