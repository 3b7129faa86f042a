/**
 * A disposed tensor throws when it is used, on every backend in Node: read
 * back, given to a primitive, reshaped, updated in place, or disposed again.
 * (On webasm its storage may already hold another kernel's values, so a
 * silent read would be wrong numbers, not a crash.) test/browser/ runs the
 * same uses on WebGL2 and WebAssembly in Chromium.
 */
import { describe, expect, it } from 'vitest';
import { NODE_BACKENDS } from '../../helpers/backends';
import { disposedUses, viewAfterDispose } from '../../helpers/disposedUses';

describe.each(NODE_BACKENDS)('backend $name', ({ create }) => {
  it('refuses a disposed tensor however it is used, naming its shape', () => {
    const backend = create();
    const uses = disposedUses(backend);
    expect(uses.length).toBe(9);
    for (const { use, message } of uses) expect(message, use).toMatch(/^a disposed tensor \[[\d, ]+\] was used/);
    backend.destroy?.();
  });

  it('keeps a reshaped view alive after the tensor it was made from is disposed', () => {
    const backend = create();
    expect(viewAfterDispose(backend)).toEqual([1, 2, 3, 4, 5, 6]);
    backend.destroy?.();
  });
});
