/**
 * Stored weights must belong to a node that has parameters, use the tensor
 * names that node stores, and have exactly the shape the layer expects.
 */
import type { LayerInfo } from '../shapes/infer';
import { describeShape, sameShape, sizeOf } from '../shapes/shape';
import { error, type Problem } from './problems';
import type { GraphDocument } from './schema';
import { decodeTensorData } from './tensorData';

export function checkWeights(doc: GraphDocument, infoOf: ReadonlyMap<string, LayerInfo>, indexOf: ReadonlyMap<string, number>): Problem[] {
  const problems: Problem[] = [];
  for (const [nodeId, tensors] of Object.entries(doc.weights ?? {})) {
    const index = indexOf.get(nodeId);
    if (index === undefined) {
      problems.push(error('weights-unknown-node', `weights are stored for node "${nodeId}", which does not exist`, ['weights', nodeId], nodeId));
      continue;
    }
    const node = doc.nodes[index];
    const info = infoOf.get(nodeId);
    for (const [name, tensor] of Object.entries(tensors)) {
      const path = ['weights', nodeId, name];
      const decoded = decodeTensorData(tensor.data);
      if (!decoded.ok) {
        problems.push(error('weights-data', decoded.message, [...path, 'data'], nodeId));
        continue;
      }
      const expectedCount = sizeOf(tensor.shape);
      if (decoded.values.length !== expectedCount) {
        problems.push(error('weights-data', `shape [${tensor.shape.join(', ')}] needs ${expectedCount} numbers but data holds ${decoded.values.length}`, [...path, 'data'], nodeId));
        continue;
      }
      const bad = decoded.values.findIndex((v) => !Number.isFinite(v));
      if (bad >= 0) {
        problems.push(error('weights-not-finite', `value ${bad} is ${decoded.values[bad]}; weights must be finite numbers`, [...path, 'data'], nodeId));
        continue;
      }
      if (!info) continue; // the node's shape could not be inferred; that problem is reported already
      const spec = info.weightShapes[name];
      if (!spec) {
        const stored = Object.keys(info.weightShapes);
        const why = name === 'bias' && 'useBias' in (node?.params ?? {}) ? ' (useBias is false)' : '';
        const what = stored.length === 0 ? `a ${node?.type} node has no weights` : `a ${node?.type} node stores ${stored.map((s) => `"${s}"`).join(' and ')}`;
        problems.push(error('weights-unknown-tensor', `unexpected tensor "${name}"${why}: ${what}`, path, nodeId));
        continue;
      }
      if (!sameShape(tensor.shape, spec.shape)) {
        problems.push(error('weights-shape', `${name} has shape [${tensor.shape.join(', ')}] but the layer needs [${spec.shape.join(', ')}] ${spec.axes} (${describeShape(spec.shape)})`, [...path, 'shape'], nodeId));
      }
    }
  }
  return problems;
}
