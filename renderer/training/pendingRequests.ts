/**
 * The page's side of the worker's requests (probe, examples, import): each
 * gets a fresh id, and its reply (or progress) is matched by that id, apart
 * from the event stream. A worker that ends answers every waiting request,
 * so no caller hangs.
 */
import type { Answer, RequestCommand, RequestResults, WorkerReply } from '../../engine/training/protocol';
import { RESULT_SCHEMAS } from '../../engine/training/protocolSchema';

type Kind = RequestCommand['type'];
type Pending = { kind: Kind; resolve: (answer: Answer<RequestResults[Kind]>) => void; onProgress?: ((done: number, total: number) => void) | undefined };

export class PendingRequests {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  /** Sends a request of `kind` (given its id) and resolves with its answer; a send that throws is forgotten and rethrown. */
  ask<K extends Kind>(kind: K, send: (requestId: number) => void, onProgress?: (done: number, total: number) => void): Promise<Answer<RequestResults[K]>> {
    const requestId = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(requestId, { kind, resolve: resolve as Pending['resolve'], onProgress });
      try {
        send(requestId);
      } catch (e) {
        this.pending.delete(requestId);
        reject(e);
      }
    });
  }

  /** Takes a reply or progress for a waiting request; one for no such request is ignored (it was given up). */
  receive(reply: WorkerReply): void {
    const waiting = this.pending.get(reply.requestId);
    if (!waiting) return;
    if (reply.type === 'reply-progress') return waiting.onProgress?.(reply.done, reply.total);
    this.pending.delete(reply.requestId);
    if (!reply.ok) return waiting.resolve({ ok: false, message: reply.message });
    // Each kind answers with its own result: another kind's, under this id, is the worker's mistake.
    if (!RESULT_SCHEMAS[waiting.kind].safeParse(reply.result).success) return waiting.resolve({ ok: false, message: `the training worker answered a ${waiting.kind} request with something else` });
    return waiting.resolve({ ok: true, ...reply.result });
  }

  /** Answers every waiting request with `reason`. */
  failAll(reason: string): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const { resolve } of waiting) resolve({ ok: false, message: reason });
  }
}
