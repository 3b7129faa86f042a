import { describe, expect, it } from 'vitest';
import { isSoftwareRenderer, softwareRendererName } from '../../../engine/training/chooseBackend';

describe('software WebGL renderers', () => {
  it('are named briefly, and hardware ones not at all', () => {
    expect(softwareRendererName('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)')).toBe('SwiftShader');
    expect(softwareRendererName('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe('llvmpipe');
    expect(softwareRendererName('Microsoft Basic Render Driver')).toBe('Microsoft Basic Render');
    expect(softwareRendererName('ANGLE (NVIDIA GeForce RTX 3060)')).toBeUndefined();
    expect(isSoftwareRenderer('ANGLE (NVIDIA GeForce RTX 3060)')).toBe(false);
    expect(isSoftwareRenderer('Mesa softpipe')).toBe(true);
  });
});
