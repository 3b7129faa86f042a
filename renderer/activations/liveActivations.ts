/**
 * Live activations: every node's output for one probe image, kept fresh
 * while a run trains, for the strips on the canvas nodes and the selected
 * node's full view. It also holds the probe image itself (a test image by
 * index, or a drawing), so picking one anywhere (the index field, the random
 * button, a confusion-matrix image, the drawing pad) updates every node at once.
 *
 * Plain TypeScript with a subscribe/getState pair (bound to React with
 * useSyncExternalStore in ./useNodeActivation.ts), tested with a fake clock.
 *
 * The worker is asked with one probe for all nodes, and at most one probe is
 * in flight: while a run trains a refresh goes at most every
 * REFRESH_INTERVAL_MS; when the run ends, the image, the epoch or the selected
 * node changes, one goes as soon as the worker is free. Before any run the
 * worker has no network: nothing is asked and nothing is shown.
 */
import type { Histogram } from '../../engine/training/histogram';
import type { ProbedActivation, ProbeSource } from '../../engine/training/protocol';
import type { DocumentStore, EditorState } from '../store/documentStore';
import { LIVE_BEAT, type PaintBeat } from '../training/paintBeat';
import type { ProbeOptions, ProbeReply, RunState, TrainingState } from '../training/trainingClient';

export { LiveActivationsContext, useNodeActivation } from './useNodeActivation';

/** The image every node is shown for: a test image by its index in the test split, or pixels (C×H×W bytes) such as a drawing. */
export type ProbeImage = ProbeSource;

/** One node's latest output, and what it was computed for. */
export interface NodeActivation extends ProbedActivation {
  /** Words for the image and weights it was computed for: "test image 12", "your drawing, before training". */
  source: string;
  /** The input node only: the probe image as bytes (C×H×W), to draw as it is rather than normalized. */
  image?: ProbeInput;
}

export interface ProbeInput {
  bytes: Uint8Array;
  /** C×H×W */
  shape: number[];
}

export interface LiveState {
  /** Whether the canvas shows the strips (the selected node's full view works either way). */
  enabled: boolean;
  image: ProbeImage;
  /** The weights shown: after this epoch (0: before training), the latest (live) when undefined. */
  epoch: number | undefined;
  /** The latest output of each node, by node id; empty before any run. */
  nodes: ReadonlyMap<string, NodeActivation>;
  /** The image as the worker used it (a test image's pixels), and its label when it is a test image. */
  input?: ProbeInput | undefined;
  label?: number | undefined;
  /** The selected node's kernels (convolutions) and weight histograms. */
  details?: { nodeId: string; kernels?: ProbedActivation | undefined; histograms: Histogram[] } | undefined;
  /** Why the last probe gave nothing (no network yet, an epoch whose weights are gone). */
  message?: string | undefined;
  /** How many test images there are, once the worker said (random picks stay among them). */
  testCount: number;
}

/** A graph's layers and wiring (not where they are drawn, nor their weights), to tell whether two graphs are one network. */
function layersOf(document: EditorState['document']): string {
  return JSON.stringify([document.nodes, document.edges]);
}

/** The part of TrainingClient this store uses (a unit test passes a fake). */
export interface ProbeClient {
  probe(source: ProbeSource, nodeIds: string[], options?: ProbeOptions): Promise<ProbeReply>;
  subscribe(listener: () => void): () => void;
  getState(): Pick<TrainingState, 'state' | 'runId'>;
}

/**
 * While training, one probe per beat of the page (see ../training/paintBeat.ts): a refresh is shown
 * on a beat anyway, so probing more often would only take work from the run.
 */
export const REFRESH_INTERVAL_MS = LIVE_BEAT.interval;
/** Where the on/off choice is remembered. */
export const ENABLED_KEY = 'convstudio.liveActivations';
/** MNIST's test split, until the worker says how many test images there are. */
const DEFAULT_TEST_COUNT = 10_000;

/** The run states in which the worker holds a network to probe. */
const HAS_NETWORK: ReadonlySet<RunState> = new Set(['running', 'paused', 'done', 'stopped']);

export function describeImage(image: ProbeImage, epoch?: number): string {
  const what = image.kind === 'sample' ? `test image ${image.index}` : 'your drawing';
  return epoch === undefined ? what : `${what}, ${epoch === 0 ? 'before training' : `after epoch ${epoch}`}`;
}

/** The first selected element that is a node (the selection also holds edges). */
export function selectedNodeId(state: EditorState): string | undefined {
  return state.selection.find((id) => state.document.nodes.some((n) => n.id === id));
}

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // storage refused (privacy settings): the choice lasts for this session only
  }
}

function sameValues(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class LiveActivations {
  private state: LiveState;
  private readonly listeners = new Set<() => void>();
  private readonly unsubscribe: (() => void)[];

  /** A probe is out; no other goes until it answers. */
  private inFlight = false;
  /** Something changed since the last probe went (weights, image, selection): another is due. */
  private dirty = false;
  /** …and it need not wait for the refresh interval. */
  private urgent = false;
  private lastStart = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped when what a probe must show changes (image, epoch, run): answers to older probes are dropped. */
  private generation = 0;

  private runState: RunState;
  private runId: number;
  /** The layers (nodes and edges) of the graph the worker's network was built from, as text. */
  private trained: string | undefined;
  private editor: EditorState;
  private selected: string | undefined;

  constructor(
    private readonly client: ProbeClient,
    private readonly store: DocumentStore,
    private readonly interval = REFRESH_INTERVAL_MS,
    /** When a refresh that came while training reaches the listeners (see ../training/paintBeat.ts). */
    private readonly beat: PaintBeat = LIVE_BEAT,
  ) {
    const stored = storage()?.getItem(ENABLED_KEY);
    this.state = { enabled: stored !== 'off', image: { kind: 'sample', index: 0 }, epoch: undefined, nodes: new Map(), testCount: DEFAULT_TEST_COUNT };
    ({ state: this.runState, runId: this.runId } = client.getState());
    this.editor = store.getState();
    this.selected = selectedNodeId(this.editor);
    this.unsubscribe = [client.subscribe(() => this.onClient()), store.subscribe(() => this.onEditor())];
    // Made after a run already trained (the worker has its network): show it at once.
    this.want(true);
  }

  getState = (): LiveState => this.state;
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Stops listening and drops a pending refresh (the page is going, or a test ends). */
  dispose() {
    for (const stop of this.unsubscribe) stop();
    clearTimeout(this.timer);
    this.timer = undefined;
    this.beat.cancel(this.notify);
  }

  setEnabled(on: boolean) {
    if (on === this.state.enabled) return;
    try {
      storage()?.setItem(ENABLED_KEY, on ? 'on' : 'off');
    } catch {
      // Storage full or refused: the choice still holds for this session.
    }
    this.set({ enabled: on });
    // Off, only the selected node was being probed: the canvas needs every node again.
    if (on) this.want(true);
  }

  toggle() {
    this.setEnabled(!this.state.enabled);
  }

  /** Shows every node for this image; a test image index is clamped to the test split by the worker. */
  setImage(image: ProbeImage) {
    const next: ProbeImage = image.kind === 'sample' ? { kind: 'sample', index: Math.max(0, Math.floor(image.index) || 0) } : image;
    const now = this.state.image;
    if (next.kind === 'sample' && now.kind === 'sample' && next.index === now.index) return;
    this.generation++;
    this.set({ image: next });
    this.want(true);
  }

  selectSample(index: number) {
    this.setImage({ kind: 'sample', index });
  }

  /** Another test image, chosen at random among those there are. */
  random() {
    this.selectSample(Math.floor(Math.random() * this.state.testCount));
  }

  /** Shows the weights as they were after `epoch` (0: before training), or the latest when undefined. */
  setEpoch(epoch: number | undefined) {
    const next = epoch === undefined ? undefined : Math.max(0, Math.floor(epoch));
    if (next === this.state.epoch) return;
    this.generation++;
    this.set({ epoch: next });
    this.want(true);
  }

  /** `onBeat`: the listeners hear of it on the page's beat, with the progress lines and charts, rather than at once. */
  private set(next: Partial<LiveState>, onBeat = false) {
    const changed = (Object.keys(next) as (keyof LiveState)[]).some((key) => next[key] !== this.state[key]);
    if (!changed) return;
    this.state = { ...this.state, ...next };
    if (onBeat) return this.beat.schedule(this.notify);
    return this.notify();
  }

  private readonly notify = () => {
    this.beat.cancel(this.notify);
    for (const listener of this.listeners) listener();
  };

  private onClient() {
    const { state, runId } = this.client.getState();
    const was = this.runState;
    this.runState = state;
    if (runId !== this.runId) {
      // A new run starts from new weights (perhaps on an edited graph): what the last one showed is gone.
      this.runId = runId;
      this.trained = layersOf(this.editor.document);
      this.generation++;
      this.clear();
      this.set({ epoch: undefined });
    }
    if (state === 'failed' && was !== 'failed') this.clear(); // the worker went with the run
    // While training the weights change with every step: refresh, at the throttled rate. Pinned to an
    // epoch, they do not.
    if (state === 'running' && this.state.epoch === undefined) this.want(false);
    // Paused, or the run ended: once more, at once, with the weights as they now stay.
    else if (state !== was) this.want(true);
  }

  private onEditor() {
    const editor = this.store.getState();
    if (editor.document === this.editor.document && editor.selection === this.editor.selection) return;
    const documentChanged = editor.document !== this.editor.document;
    this.editor = editor;
    if (documentChanged) this.dropStale();
    const selected = selectedNodeId(editor);
    if (selected !== this.selected) {
      this.selected = selected;
      this.want(true); // its kernels and histograms (and, with the strips off, its output)
    }
  }

  /** After an edit: a node that is gone, or whose output shape changed, no longer matches what the last run computed. */
  private dropStale() {
    const { analysis } = this.editor;
    const kept = new Map<string, NodeActivation>();
    for (const [id, entry] of this.state.nodes) {
      if (analysis.infoOf.get(id)?.outputShape.join('×') === entry.shape.join('×')) kept.set(id, entry);
    }
    if (kept.size !== this.state.nodes.size) this.set({ nodes: kept });
  }

  private clear() {
    this.set({ nodes: new Map(), input: undefined, label: undefined, details: undefined, message: undefined });
  }

  /** Whether asking the worker is worth it: it has a network, and someone looks (the strips, or the selected node's view). */
  private worthAsking(): boolean {
    return HAS_NETWORK.has(this.runState) && (this.state.enabled || this.selected !== undefined);
  }

  /** Marks a refresh as due; `urgent`: without waiting for the refresh interval (still one probe at a time). */
  private want(urgent: boolean) {
    this.dirty = true;
    this.urgent ||= urgent;
    this.pump();
  }

  private pump() {
    if (this.inFlight || !this.dirty) return;
    if (!this.worthAsking()) {
      this.dirty = this.urgent = false;
      return;
    }
    const wait = this.urgent ? 0 : this.lastStart + this.interval - performance.now();
    if (wait > 0) {
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.pump();
      }, wait);
      return;
    }
    clearTimeout(this.timer);
    this.timer = undefined;
    this.send();
  }

  private send() {
    const { generation } = this;
    const { image, epoch, enabled } = this.state;
    const selected = this.selected;
    // A refresh of a run in progress is shown with the progress it goes with; an answer to a click, at once.
    const onBeat = !this.urgent && this.runState === 'running';
    this.inFlight = true;
    this.dirty = this.urgent = false;
    this.lastStart = performance.now();
    // With the strips off only the selected node is asked for; worthAsking() made sure there is one.
    const nodeIds = enabled ? this.editor.document.nodes.map((n) => n.id) : selected ? [selected] : [];
    const inputId = this.editor.analysis.topology.inputId;
    const answered = (reply: ProbeReply) => {
      this.inFlight = false;
      if (generation === this.generation) this.apply(reply, image, epoch, selected, inputId, onBeat);
      // Training goes on: the next refresh is due (the interval spaces it out).
      if (this.runState === 'running' && this.state.epoch === undefined) this.dirty = true;
      this.pump();
    };
    this.client.probe(image, nodeIds, { epoch, detailIds: selected ? [selected] : [] }).then(answered, (error: unknown) =>
      answered({ ok: false, message: error instanceof Error ? error.message : String(error) }));
  }

  private apply(reply: ProbeReply, image: ProbeImage, epoch: number | undefined, selected: string | undefined, inputId: string | undefined, onBeat: boolean) {
    if (!reply.ok) {
      this.clear();
      return this.set({ message: reply.message });
    }
    // The worker answers with the network it trained; once the graph's layers differ from it (a node
    // switched from relu to tanh keeps its shape), its outputs would be another network's.
    if (this.trained !== undefined && this.trained !== layersOf(this.editor.document)) {
      this.clear();
      return this.set({ message: 'The graph has changed since it was trained: train it again to see what its nodes output.' });
    }
    const source = describeImage(image, epoch);
    const before = this.state;
    // An output that did not change keeps its object, so its strip does not repaint (a probe after
    // training ends, or for another selected node, changes nothing on the canvas).
    const input = before.input && sameValues(before.input.bytes, reply.input) && before.input.shape.join() === reply.inputShape.join()
      ? before.input
      : { bytes: reply.input, shape: reply.inputShape };
    const nodes = new Map<string, NodeActivation>();
    let changed = before.nodes.size !== reply.activations.length;
    for (const activation of reply.activations) {
      const old = before.nodes.get(activation.nodeId);
      const image = activation.nodeId === inputId ? input : undefined;
      if (old && old.source === source && old.image === image && old.shape.join() === activation.shape.join() && sameValues(old.data, activation.data)) {
        nodes.set(activation.nodeId, old);
      } else {
        nodes.set(activation.nodeId, { ...activation, source, ...(image ? { image } : {}) });
        changed = true;
      }
    }
    return this.set({
      nodes: changed ? nodes : before.nodes,
      input,
      label: reply.label,
      details: selected ? { nodeId: selected, kernels: reply.kernels.find((k) => k.nodeId === selected), histograms: reply.histograms } : undefined,
      message: undefined,
      testCount: reply.testCount,
    }, onBeat);
  }
}
