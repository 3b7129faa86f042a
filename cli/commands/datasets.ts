/** `datasets`: what can be trained on; `datasets preview NAME --out grid.png`: a labelled picture of it. */
import { encode } from 'fast-png';
import { BUNDLED_DATASETS } from '../../engine/data/bundled';
import { previewGrid } from '../../engine/data/preview';
import { SYNTHETIC_DATASETS } from '../../engine/data/registry';
import { loadDataset } from '../datasets';
import { CliError, EXIT, writeFileAtomically, type CliOutput } from '../io';
import { table } from './forward';

export async function datasetsCommand(args: string[], flags: { out?: string; split?: string; seed?: number; size?: number; color?: boolean; json: boolean }, io: CliOutput): Promise<number> {
  const seed = flags.seed ?? 1;
  const [sub, name, ...extra] = args;
  if (sub === undefined) return listDatasets(seed, flags.json, io);
  if (sub !== 'preview' || name === undefined || extra.length > 0) {
    throw new CliError('usage: convstudio datasets [preview NAME --out grid.png [--split train|test]]', EXIT.unreadable);
  }
  if (flags.out === undefined) throw new CliError('datasets preview needs --out FILE.png', EXIT.unreadable);
  if (flags.split !== undefined && flags.split !== 'train' && flags.split !== 'test') throw new CliError('--split must be train or test', EXIT.unreadable);
  const dataset = await loadDataset(name, { seed, ...(flags.size ? { height: flags.size, width: flags.size } : {}), ...(flags.color ? { color: true } : {}) }, io);
  const image = previewGrid(dataset, flags.split === 'test' ? dataset.test : dataset.train);
  const png = encode({ width: image.width, height: image.height, data: image.rgb, channels: 3, depth: 8 });
  writeFileAtomically(flags.out, png);
  io.out(`wrote ${flags.out} (${image.width}×${image.height}): ${dataset.classNames.length} classes of ${dataset.name}`);
  return EXIT.ok;
}

async function listDatasets(seed: number, json: boolean, io: CliOutput): Promise<number> {
  const names = [...BUNDLED_DATASETS.map((d) => ({ name: d.name, kind: 'bundled' })), ...SYNTHETIC_DATASETS.map((d) => ({ name: d.name, kind: 'synthetic' }))];
  const rows = [];
  for (const { name, kind } of names) {
    const d = await loadDataset(name, { seed }, io);
    rows.push({ name, kind, train: d.train.count, test: d.test.count, shape: [...d.inputShape], classes: d.classNames.length, description: d.description });
  }
  if (json) {
    io.out(JSON.stringify(rows, null, 2));
  } else {
    io.out(table(['Name', 'Kind', 'Train', 'Test', 'Shape', 'Classes', 'What'], rows.map((r) => [r.name, r.kind, r.train.toLocaleString('en-US'), r.test.toLocaleString('en-US'), r.shape.join('×'), String(r.classes), r.description])));
    io.out('\nOr a folder of your own images: --dataset path/to/folder, one subfolder per class (PNG, JPEG, GIF, BMP).');
  }
  return EXIT.ok;
}
