/**
 * A lesson's experiment: a few networks (the arms) trained alike on one data
 * set, and their parameters, training time and accuracies side by side.
 * Lesson 5 compares a network with and without pooling, lesson 10 one layer
 * at three levels of weight sharing. The app trains each arm in a training
 * worker (renderer/lessons/experiment.ts), the command line in process
 * (./trainArm.ts); both run the engine's TrainingRun on these settings.
 */
import { analyzeGraph } from '../graph/analyze';
import { CURRENT_VERSION, type GraphDocument } from '../graph/schema';
import type { TrainSettings } from '../training/protocol';

export interface ExperimentArm {
  name: string;
  document: GraphDocument;
}

export interface Experiment {
  settings: TrainSettings;
  arms: readonly ExperimentArm[];
}

export interface ArmResult {
  arm: string;
  parameters: number;
  trainAccuracy: number;
  testAccuracy: number;
  seconds: number;
}

type LayerSpec = { id: string; type: string; params?: Record<string, unknown> };

/** A chain of layers as a document, checked: an experiment's network that does not analyse cleanly is a bug here. */
export function chainDocument(name: string, layers: readonly LayerSpec[]): GraphDocument {
  const document = {
    format: 'convstudio-graph', version: CURRENT_VERSION, name,
    nodes: layers, edges: layers.slice(1).map((layer, i) => ({ from: layers[i]!.id, to: layer.id })),
  } as unknown as GraphDocument;
  const problem = analyzeGraph(document).problems.find((p) => p.severity === 'error');
  if (problem) throw new Error(`the experiment's network "${name}" is wrong: ${problem.message}`);
  return document;
}

export function parametersOf(document: GraphDocument): number {
  let total = 0;
  for (const info of analyzeGraph(document).infoOf.values()) total += info.params;
  return total;
}
