/**
 * Backends as kernel tables (tfjs's kernel registry is the model): each
 * backend is its storage (tensor, read, dispose, reshape) plus one kernel per
 * primitive, registered by the primitive's name in a table whose type lists
 * every primitive of `Backend`, so a backend missing a kernel does not
 * compile. Each backend keeps its kernels one file per primitive (with its
 * gradients) under its `kernels/` folder.
 */
import type { Backend } from './backend';

/** The storage members a backend writes itself; every other member is a primitive. */
type StorageMember = 'name' | 'tensor' | 'read' | 'dispose' | 'destroy' | 'reshape';

export type Primitives = Omit<Backend, StorageMember>;
export type PrimitiveName = keyof Primitives;

/** A kernel: the primitive's own signature, with the backend's context first. */
export type Kernel<Context, Name extends PrimitiveName> = (context: Context, ...args: Parameters<Primitives[Name]>) => ReturnType<Primitives[Name]>;

/** Some primitives' kernels, as one file exports them. */
export type KernelsFor<Context, Names extends PrimitiveName> = { [Name in Names]: Kernel<Context, Name> };

/** Every primitive's kernel. */
export type KernelTable<Context> = KernelsFor<Context, PrimitiveName>;

/** The primitives of a backend, each calling its kernel with the backend's context. */
export function bindKernels<Context>(context: Context, table: KernelTable<Context>): Primitives {
  const bound: Record<string, unknown> = {};
  for (const [name, kernel] of Object.entries(table) as [string, (context: Context, ...args: unknown[]) => unknown][]) {
    bound[name] = (...args: unknown[]) => kernel(context, ...args);
  }
  return bound as unknown as Primitives;
}
