/**
 * A document as a PyTorch project: model.py (an nn.Module whose state_dict
 * keys are the node ids, `c1.weight`, in ConvStudio's layouts, and whose
 * forward returns the logits), weights.safetensors, expected.json (the
 * engine's logits for a fixed input, written now) and check.py, which
 * compares the module with them. Pure: it returns the files' contents; the
 * CLI writes them.
 */
import type { GraphDocument } from '../../graph/schema';
import { exportableNetwork } from '../exportableNetwork';
import { createRandom } from '../../network/random';
import type { Shape } from '../../shapes/shape';
import { resolveRunSettings } from '../../training/runSettings';
import { PYTHON_LAYERS } from './pythonLayers';
import { TRAIN_SCRIPT } from './trainScript';
import { PYTORCH_MAPPINGS, type PytorchContext, type PytorchLayer } from './pytorchMappings';
import { encodeSafetensors, utf8, type NamedTensor } from './safetensors';

const PYTHON_KEYWORDS = new Set(['False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield', 'x', 'self', 'training']);

/** A Python attribute name for each node id: the id itself where it is one (so state_dict keys are `id.weight`). */
function pythonNames(ids: readonly string[]): Map<string, string> {
  const names = new Map<string, string>();
  const used = new Set<string>();
  for (const id of ids) {
    let name = id.replace(/[^A-Za-z0-9_]/g, '_');
    if (/^[0-9]/.test(name) || PYTHON_KEYWORDS.has(name)) name = `n_${name}`;
    let unique = name;
    for (let i = 2; used.has(unique); i++) unique = `${name}_${i}`;
    used.add(unique);
    names.set(id, unique);
  }
  return names;
}

/** The data train.py trains on, written by the caller into data/ as IDX files (images [N, C, H, W] and labels [N], bytes). */
export interface ProjectData {
  dataset: string;
  classNames: readonly string[];
  normalization: { mean: number; std: number };
  files: { trainImages: string; trainLabels: string; testImages: string; testLabels: string };
}

export interface PytorchProject {
  files: Map<string, Uint8Array>;
  /** Node ids whose attribute (and state_dict key) had to differ from the id. */
  renamed: [string, string][];
}

export function exportPytorch(doc: GraphDocument, data?: ProjectData): PytorchProject {
  const { analysis, network, order, release } = exportableNetwork(doc);
  const { backend } = network;
  const names = pythonNames(order);
  const nodeById = new Map(doc.nodes.map((n) => [n.id, n]));
  const shapeOf = (id: string): Shape => analysis.infoOf.get(id)?.outputShape ?? [];
  const outputNode = nodeById.get(network.outputId);
  // forward returns the logits: the softmax's input (or the last node's output when there is no softmax).
  const logitsId = outputNode?.type === 'softmax' ? (network.inputsOf.get(network.outputId)?.[0] ?? network.outputId) : network.outputId;

  const modules: string[] = [];
  const forward: string[] = [];
  for (const id of order) {
    const node = nodeById.get(id);
    const info = analysis.infoOf.get(id);
    if (!node || !info) throw new Error(`cannot export: node ${id} is missing from the analysis`);
    const inputIds = id === network.inputId ? [] : (network.inputsOf.get(id) ?? []);
    const context: PytorchContext = { inputShapes: id === network.inputId ? [shapeOf(id)] : inputIds.map(shapeOf), info };
    const layer = (PYTORCH_MAPPINGS[node.type] as (n: typeof node, c: PytorchContext) => PytorchLayer)(node, context);
    const name = names.get(id) ?? id;
    if (layer.module) modules.push(`        self.${name} = ${layer.module}  # ${node.type}`);
    forward.push(`        v_${name} = ${layer.call(inputIds.map((i) => `v_${names.get(i)}`), `self.${name}`)}  # ${id}: ${node.type}, ${shapeOf(id).join('×')}`);
    if (id === logitsId) break;
  }

  const tensors: NamedTensor[] = network.parameters.map(({ nodeId, param }) => ({
    name: `${names.get(nodeId)}.${param.name}`,
    shape: [...param.value.shape],
    values: Float32Array.from(backend.read(param.value)),
  }));
  const inputShape = shapeOf(network.inputId);
  const batch = 2;
  const input = Array.from({ length: batch * inputShape.reduce((a, b) => a * b, 1) }, (_, i) => Math.fround(Math.sin(i * 12.9898) * 0.5));
  const outputs = network.forward(backend.tensor([batch, ...inputShape], input), false, createRandom(1));
  const logits = outputs.get(logitsId);
  const expected = { input: { shape: [batch, ...inputShape], data: input }, logits: { shape: [...(logits?.shape ?? [])], data: Array.from(logits ? backend.read(logits) : []) } };

  const model = `${PYTHON_LAYERS}

# ---- the network: ${doc.name} (ConvStudio document version ${doc.version}) ----

INPUT_SHAPE = ${inputShape.length === 1 ? `(${inputShape[0]},)` : `(${inputShape.join(', ')})`}


class Net(nn.Module):
    """${doc.name.replace(/"""/g, "'''")}: forward returns the logits (the softmax's input) of a batch [N, ${inputShape.join(', ')}]."""

    def __init__(self):
        super().__init__()
${modules.length > 0 ? modules.join('\n') : '        pass'}

    def forward(self, x):
${forward.join('\n')}
        return v_${names.get(logitsId)}


def load(path="weights.safetensors"):
    """The network with the exported weights."""
    model = Net()
    model.load_state_dict(read_safetensors(path))
    return model
`;
  const check = `"""Loads the exported weights and compares the module's logits with the ones ConvStudio wrote at export time (expected.json)."""
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import load  # noqa: E402

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "expected.json")) as f:
    expected = json.load(f)
model = load(os.path.join(here, "weights.safetensors")).eval()
x = torch.tensor(expected["input"]["data"], dtype=torch.float32).reshape(expected["input"]["shape"])
with torch.no_grad():
    y = model(x)
reference = torch.tensor(expected["logits"]["data"], dtype=torch.float32).reshape(expected["logits"]["shape"])
error = ((y - reference).abs().max() / reference.abs().max().clamp(min=1e-6)).item()
print(json.dumps({"relativeError": error, "shape": list(y.shape)}))
sys.exit(0 if error < 1e-4 else 1)
`;
  const run = resolveRunSettings(doc.training);
  const differences = run.maxShift > 0 ? `\nWhat differs from the app: the document shifts training images by up to ${run.maxShift} pixels (augmentation); train.py does not.\n` : '';
  // Only a node with weights has state_dict keys; the other names are the module's own.
  const weighted = new Set(network.parameters.map((p) => p.nodeId));
  const renamed = [...names].filter(([id, name]) => id !== name && weighted.has(id));
  const readme = `# ${doc.name}, exported from ConvStudio

- \`model.py\`: the network as an \`nn.Module\` (\`Net\`); \`load()\` gives it with the trained weights. \`forward\` returns the logits; apply \`F.softmax(logits, dim=1)\` for probabilities.
- \`weights.safetensors\`: the weights, keyed as the module's state_dict (\`c1.weight\`, …), in ConvStudio's layouts; read by \`model.py\` with the standard library and \`torch.frombuffer\` (no extra package).
- \`check.py\`: \`python check.py\` compares the module's logits with those ConvStudio computed at export time (\`expected.json\`); it prints the relative error and exits 1 above 1e-4.
${data ? `- \`train.py\`: the document's training (${run.optimizerName}, learning rate ${run.optimizer.learningRate}, batch ${run.batchSize}, ${run.epochs} epoch${run.epochs === 1 ? '' : 's'}, seed ${run.seed}) on ${data.dataset}, whose images are in \`data/\`: \`python train.py\` on one process, \`torchrun --nproc_per_node=N train.py\` on N (DistributedDataParallel, gloo on CPU, nccl on CUDA; each process takes batch / N samples per step, so the global batch stays ${run.batchSize}). Debian's torchrun fails under Python 3.11 ("'NoneType' object has no attribute 'get'") unless given \`--redirects 1 --tee 1 --log_dir logs\`. \`--epochs\` and \`--limit N\` (the first N images) override; the weights go to \`trained.safetensors\`.\n` : ''}
The layers compute what ConvStudio's engine computes: padding is explicit (\`F.pad\`, asymmetric where the document says so), max pooling never picks padding, average pooling averages the real pixels only, and locally connected and tiled layers are kernel-set convolutions (unfold + einsum).
${differences}${renamed.length > 0 ? `\nNode ids that are not Python names were renamed: ${renamed.map(([id, name]) => `\`${id}\` → \`${name}\``).join(', ')}.\n` : ''}`;
  release();
  const training: [string, Uint8Array][] = data
    ? [
        ['train.py', utf8(TRAIN_SCRIPT)],
        ['settings.json', utf8(`${JSON.stringify({ dataset: data.dataset, classNames: data.classNames, inputShape, normalization: data.normalization, files: data.files, seed: run.seed, epochs: run.epochs, batchSize: run.batchSize, optimizer: run.optimizer }, null, 2)}\n`)],
      ]
    : [];
  return {
    files: new Map([
      ['model.py', utf8(model)],
      ['check.py', utf8(check)],
      ['expected.json', utf8(JSON.stringify(expected))],
      ['weights.safetensors', encodeSafetensors(tensors, { 'convstudio.document': doc.name })],
      ['README.md', utf8(readme)],
      ...training,
    ]),
    renamed,
  };
}
