/**
 * The inspector's writes to the document, each through the store as one
 * undo step (or merged into the last one of the same group: typing in one
 * field). A parameter value is checked against the schema first and refused
 * with its reason, so an invalid entry never reaches the document.
 */
import type { GraphDocument, GraphNode } from '../../engine';
import { setParams } from '../graph/edits';
import type { DocumentStore } from '../store/documentStore';
import { refusal } from './parse';
import { ownParams } from './values';
import { writeCell } from './weights';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Sets `params[key]` of `node` (the node as shown), or returns why the schema
 * refuses it; `label` names the field in that reason. `group` undefined: a step of its own.
 */
export function setParam(store: DocumentStore, node: GraphNode, key: string, value: unknown, label: string, group?: string): string | undefined {
  const why = refusal(node, { ...ownParams(node), [key]: value }, label);
  if (why) return why;
  store.update((doc) => {
    const current = doc.nodes.find((n) => n.id === node.id);
    if (!current || same(ownParams(current)[key], value)) return doc;
    return setParams(doc, node.id, { ...ownParams(current), [key]: value });
  }, group);
  return undefined;
}

/** The merge group for typing into one field of one node. */
export const fieldGroup = (nodeId: string, field: string) => `params:${nodeId}:${field}`;

/** Sets one stored weight value; edits of one cell merge into one undo step. */
export function setWeight(store: DocumentStore, nodeId: string, tensor: string, flat: number, value: number): void {
  store.update((doc: GraphDocument) => {
    const stored = doc.weights?.[nodeId]?.[tensor];
    if (!stored) return doc;
    const next = writeCell(stored, flat, value);
    if (same(next.data, stored.data)) return doc;
    return { ...doc, weights: { ...doc.weights, [nodeId]: { ...doc.weights?.[nodeId], [tensor]: next } } };
  }, `weights:${nodeId}:${tensor}:${flat}`);
}
