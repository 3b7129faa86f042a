/**
 * The page's side of the worker's requests (probe, examples, import): each
 * gets a fresh id, and its reply (or progress) is matched by that id, apart
 * from the event stream. A worker that ends answers every waiting request,
 * so no caller hangs.
 */
import type { Answer, RequestCommand, RequestResults, WorkerReply } from '../../engine/training/protocol';

type Kind = RequestCommand['type'];
type Pending = { resolve: (answer: Answer<RequestResults[Kind]>) => void; onProgress?: ((done: number, total: number) => void) | undefined };

export class PendingRequests {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  /** Sends a request (given its id) and resolves with its answer. */
  ask<K extends Kind>(send: (requestId: number) => void, onProgress?: (done: number, total: number) => void): Promise<Answer<RequestResults[K]>> {
    const requestId = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(requestId, { resolve: resolve as Pending['resolve'], onProgress });
      send(requestId);
    });
  }

  /** Takes a reply or progress for a waiting request; one for no such request is ignored (it was given up). */
  receive(reply: WorkerReply): void {
    const waiting = this.pending.get(reply.requestId);
    if (!waiting) return;
    if (reply.type === 'reply-progress') return waiting.onProgress?.(reply.done, reply.total);
    this.pending.delete(reply.requestId);
    return waiting.resolve(reply.ok ? { ok: true, ...reply.result } : { ok: false, message: reply.message });
  }

  /** Answers every waiting request with `reason`. */
  failAll(reason: string): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const { resolve } of waiting) resolve({ ok: false, message: reason });
  }
}
