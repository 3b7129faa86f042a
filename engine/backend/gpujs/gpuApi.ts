/**
 * The small part of gpu.js's API this backend uses, typed here so the engine
 * does not import gpu.js itself: the host passes the GPU class in (Node's
 * `require('gpu.js')`, the browser bundle's global), keeping the engine free
 * of platform-specific module loading.
 */
export type GpuMode = 'cpu' | 'webasm' | 'headlessgl' | 'webgl2' | 'webgl' | 'webgpu';

/** A kernel source's `this`; `Constants` is the kernel's own constants, so a call that passes others does not compile. */
export interface KernelThis<Constants = Record<string, number>> {
  thread: { x: number; y: number; z: number };
  constants: Constants;
}

/** A pipelined kernel's result: a typed array on cpu and webasm, a texture on WebGL. */
export interface GpuTexture {
  toArray(): Float32Array | number[];
  delete(): void;
}

export type KernelResult = Float32Array | GpuTexture;
export type KernelArgument = Float32Array | GpuTexture | number;

export interface GpuKernel {
  (...args: KernelArgument[]): KernelResult;
  /** The kernel implementation that actually ran; set after the first call. */
  kernel?: { constructor: { name: string; mode?: string }; fallbackReason?: string | null };
  destroy?(): void;
}

export interface KernelSettings {
  output: number[];
  constants: object;
  /** Helper functions the kernel source calls. */
  functions?: { source: string; settings: { argumentTypes: string[]; returnType: string } }[];
  pipeline: boolean;
  immutable: boolean;
  tactic?: 'speed' | 'balanced' | 'precision';
  precision?: 'single';
  loopMaxIterations?: number;
}

export interface GpuInstance {
  createKernel(source: (this: KernelThis<never>, ...args: never[]) => number | number[], settings: KernelSettings): GpuKernel;
  destroy(): unknown;
}

export interface GpuClass {
  new (settings: { mode: GpuMode }): GpuInstance;
  isWebAssemblySupported?: boolean;
  isHeadlessGLSupported?: boolean;
  isWebGL2Supported?: boolean;
  isWebGLSupported?: boolean;
}
