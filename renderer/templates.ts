/** The examples in resources/examples/, offered as templates. */
import { CURRENT_VERSION, type GraphDocument } from '../engine';
import branches from '../resources/examples/branches.json';
import edgeDetection from '../resources/examples/edge-detection.json';
import lectureCosts from '../resources/examples/lecture-computational-costs.json';
import lenet from '../resources/examples/lenet-5.json';
import mlp from '../resources/examples/mlp.json';
import shapesCnn from '../resources/examples/shapes-cnn.json';
import smallCnn from '../resources/examples/small-cnn.json';

export interface Template {
  file: string;
  document: GraphDocument;
}

export const TEMPLATES: Template[] = [
  { file: 'lenet-5.json', document: lenet as GraphDocument },
  { file: 'small-cnn.json', document: smallCnn as GraphDocument },
  { file: 'shapes-cnn.json', document: shapesCnn as GraphDocument },
  { file: 'mlp.json', document: mlp as GraphDocument },
  { file: 'branches.json', document: branches as GraphDocument },
  { file: 'edge-detection.json', document: edgeDetection as GraphDocument },
  { file: 'lecture-computational-costs.json', document: lectureCosts as GraphDocument },
];

export const EMPTY_DOCUMENT: GraphDocument = { format: 'convstudio-graph', version: CURRENT_VERSION, name: 'Untitled', nodes: [], edges: [] };
