/** Node ids the editor and an import give new nodes: the type's short name and the first free number (`conv3`, `maxpool2`). */
import type { NodeType } from './schema';

export function freshNodeId(type: NodeType, taken: (id: string) => boolean): string;
export function freshNodeId(type: NodeType, taken: ReadonlySet<string>): string;
export function freshNodeId(type: NodeType, taken: ReadonlySet<string> | ((id: string) => boolean)): string {
  const isTaken = typeof taken === 'function' ? taken : (id: string) => taken.has(id);
  const prefix = type.replace(/2d$/, '').replace(/[A-Z]/g, (c) => c.toLowerCase());
  for (let n = 1; ; n++) if (!isTaken(`${prefix}${n}`)) return `${prefix}${n}`;
}
