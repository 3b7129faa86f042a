/**
 * File > Export ONNX Model… in Chromium: the open graph's download is a
 * model onnxruntime runs with the engine's output for the same input, the
 * notice says what was written and how to run it, and a graph with problems
 * is refused with them listed (nothing downloaded). File > Export PyTorch
 * Project… downloads the CLI's project zipped, whose check.py and train.py
 * run with Debian's PyTorch. File > Import ONNX
 * Model… opens a model as a laid-out graph, and a file that is not one is
 * refused with the open graph kept.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { InferenceSession, Tensor as OrtTensor } from 'onnxruntime-node';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDocumentValue, type GraphDocument } from '../../engine';
import { chromiumAvailable, type ChromiumPage } from '../../bench/chromium';
import { createCpuBackend } from '../../engine/backend/cpu/cpuBackend';
import { exportOnnx } from '../../engine/export/onnx/exportOnnx';
import { exportPytorch } from '../../engine/export/pytorch/exportPytorch';
import { Network } from '../../engine/network/network';
import { createRandom } from '../../engine/network/random';
import { relativeError } from '../helpers/parityCases';
import { ORACLES_REQUIRED, PYTHON, torchAvailable } from '../helpers/oracles';
import { openEditor, SHOTS } from './openEditor';

interface StoreHandle {
  getState(): { document: GraphDocument };
  reset(doc: GraphDocument, name: string): void;
  notify(notice: undefined): void;
}
declare const convstudioStore: StoreHandle;

async function runCommand(page: Page, label: string, id: string) {
  await page.keyboard.press('Control+Shift+P');
  await page.getByTestId('command-palette-input').fill(label);
  await page.getByTestId(`command-palette-item-${id}`).click();
}

describe.skipIf(!chromiumAvailable && !ORACLES_REQUIRED)('exporting and importing models in Chromium', () => {
  let chromium: ChromiumPage;
  beforeAll(async () => {
    chromium = await openEditor();
  }, 120_000);
  afterAll(async () => chromium?.close());

  it('downloads the open graph as a model onnxruntime runs with the engine’s output, and says how to run it', async () => {
    const { page } = chromium;
    const lenet = JSON.parse(readFileSync('resources/examples/lenet-5.json', 'utf8')) as GraphDocument;
    await page.evaluate((doc) => convstudioStore.reset(doc, 'lenet-5.json'), lenet);
    const downloading = page.waitForEvent('download');
    await runCommand(page, 'Export ONNX Model', 'export-onnx');
    const notice = () => page.getByTestId('notice').textContent();
    await expect.poll(notice).toContain('Exported lenet-5.onnx (ONNX opset 17');
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('lenet-5.onnx');
    const file = join(tmpdir(), `convstudio-e2e-${Date.now()}.onnx`);
    await download.saveAs(file);
    expect(await notice()).toContain('onnxruntime.InferenceSession("lenet-5.onnx")');
    await page.screenshot({ path: `${SHOTS}/export-onnx.png` });

    const doc = await page.evaluate(() => convstudioStore.getState().document);
    const loaded = loadDocumentValue(doc);
    const backend = createCpuBackend('float32');
    const network = Network.create(loaded.document!, loaded.analysis!, backend, doc.training?.seed ?? 1);
    const input = Float32Array.from({ length: 2 * 784 }, (_, i) => (i % 29) / 29);
    const ours = backend.read(network.forward(backend.tensor([2, 1, 28, 28], input), false, createRandom(1)).get(network.outputId)!);
    const session = await InferenceSession.create(readFileSync(file));
    const theirs = (await session.run({ [session.inputNames[0]!]: new OrtTensor('float32', input, [2, 1, 28, 28]) }))[session.outputNames[0]!];
    expect(relativeError(Array.from(theirs?.data as Float32Array), ours)).toBeLessThan(1e-4);
  }, 60_000);

  it.skipIf(!torchAvailable && !ORACLES_REQUIRED)('downloads the open graph as a zipped PyTorch project whose check.py and train.py run, and says how to run it', async () => {
    const { page } = chromium;
    const lenet = JSON.parse(readFileSync('resources/examples/lenet-5.json', 'utf8')) as GraphDocument;
    await page.evaluate((doc) => convstudioStore.reset(doc, 'lenet-5.json'), lenet);
    const downloading = page.waitForEvent('download', { timeout: 60_000 });
    const started = Date.now();
    await runCommand(page, 'Export PyTorch Project', 'export-pytorch');
    const notice = () => page.getByTestId('notice').textContent();
    await expect.poll(notice, { timeout: 60_000 }).toContain('Exported lenet-5-pytorch.zip (PyTorch project lenet-5/');
    const download = await downloading;
    const seconds = (Date.now() - started) / 1000;
    expect(download.suggestedFilename()).toBe('lenet-5-pytorch.zip');
    expect(await notice()).toContain('Run it: unzip lenet-5-pytorch.zip, then python lenet-5/check.py');
    await page.screenshot({ path: `${SHOTS}/export-pytorch.png` });

    const zipFile = join(tmpdir(), `convstudio-e2e-${Date.now()}.zip`);
    await download.saveAs(zipFile);
    const entries = unzipSync(readFileSync(zipFile));
    expect(Object.keys(entries).sort()).toEqual(['README.md', 'check.py', 'data/test-images.idx.gz', 'data/test-labels.idx.gz', 'data/train-images.idx.gz', 'data/train-labels.idx.gz', 'expected.json', 'model.py', 'settings.json', 'train.py', 'weights.safetensors'].map((f) => `lenet-5/${f}`));
    // The same project the command line writes for this document.
    const opened = await page.evaluate(() => convstudioStore.getState().document);
    const cli = exportPytorch(loadDocumentValue(opened).document!, undefined).files;
    for (const name of ['model.py', 'weights.safetensors', 'check.py', 'expected.json']) expect(Buffer.from(entries[`lenet-5/${name}`]!).equals(Buffer.from(cli.get(name)!))).toBe(true);

    const folder = mkdtempSync(join(tmpdir(), 'convstudio-e2e-pytorch-'));
    for (const [name, bytes] of Object.entries(entries)) {
      mkdirSync(dirname(join(folder, name)), { recursive: true });
      writeFileSync(join(folder, name), bytes);
    }
    const check = spawnSync(PYTHON, [join(folder, 'lenet-5/check.py')], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(JSON.parse(check.stdout).relativeError).toBeLessThan(1e-4);
    const train = spawnSync(PYTHON, [join(folder, 'lenet-5/train.py'), '--limit', '512', '--epochs', '1'], { encoding: 'utf8' });
    expect(train.status, train.stderr).toBe(0);
    console.log(`PyTorch project export in the app: ${(readFileSync(zipFile).length / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s (with MNIST); train.py --limit 512: ${train.stdout.trim().split('\n').pop()}`);
  }, 180_000);

  it('refuses a graph with problems, listing them, and downloads nothing', async () => {
    const { page } = chromium;
    const lenet = JSON.parse(readFileSync('resources/examples/lenet-5.json', 'utf8')) as GraphDocument;
    // One edge gone: a node left unconnected.
    await page.evaluate((doc) => convstudioStore.reset({ ...doc, edges: doc.edges.slice(1) }, 'broken.json'), lenet);
    let downloaded = false;
    page.once('download', () => (downloaded = true));
    for (const [label, id] of [['Export ONNX Model', 'export-onnx'], ['Export PyTorch Project', 'export-pytorch']] as const) {
      await page.evaluate(() => convstudioStore.notify(undefined));
      await runCommand(page, label, id);
      await expect.poll(() => page.getByTestId('notice').textContent()).toContain('Not exported:');
      expect(await page.getByTestId('notice').locator('li').count()).toBeGreaterThan(0);
    }
    expect(downloaded).toBe(false);
  }, 60_000);

  it('imports an ONNX model through File > Import ONNX Model…, laid out, and keeps the open graph when a file is refused', async () => {
    const { page } = chromium;
    const lenet = JSON.parse(readFileSync('resources/examples/lenet-5.json', 'utf8')) as GraphDocument;
    const model = join(tmpdir(), `convstudio-e2e-import-${Date.now()}.onnx`);
    writeFileSync(model, exportOnnx(loadDocumentValue(lenet).document!).bytes);
    await page.evaluate(() => convstudioStore.reset({ format: 'convstudio-graph', version: 1, name: 'empty', nodes: [], edges: [] }, 'empty.json'));
    const choosing = page.waitForEvent('filechooser');
    await runCommand(page, 'Import ONNX Model', 'import-onnx');
    await (await choosing).setFiles(model);
    const notice = () => page.getByTestId('notice').textContent();
    await expect.poll(notice).toMatch(/Imported convstudio-e2e-import-\d+\.onnx: 14 nodes \(ONNX opset 17, made by ConvStudio\)/);
    const imported = await page.evaluate(() => convstudioStore.getState().document);
    expect(imported.nodes.map((n) => n.id)).toEqual(lenet.nodes.map((n) => n.id));
    expect(Object.keys(imported.view?.positions ?? {})).toHaveLength(14);
    // The canvas fits a newly opened graph on the next frame; the picture is of what the class sees then.
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${SHOTS}/import-onnx.png` });

    const broken = join(tmpdir(), `convstudio-e2e-broken-${Date.now()}.onnx`);
    writeFileSync(broken, readFileSync('resources/examples/lenet-5.json'));
    const choosingAgain = page.waitForEvent('filechooser');
    await runCommand(page, 'Import ONNX Model', 'import-onnx');
    await (await choosingAgain).setFiles(broken);
    await expect.poll(notice).toContain('Not imported:');
    expect(await notice()).toContain('not an ONNX model');
    expect(await notice()).toContain('Your graph is unchanged.');
    expect(await page.evaluate(() => convstudioStore.getState().document.nodes.length)).toBe(14);
  }, 60_000);
});
