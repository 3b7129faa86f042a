/** The kernels lesson's named kernels: the lecture's edge detect and sharpen, and the classic filters. */
export interface Kernel {
  /** 3 or 5. */
  size: number;
  /** size × size, row-major. */
  values: number[];
}

export const KERNEL_PRESETS = {
  'edge-detect': { label: 'Edge detect (the lecture’s)', size: 3, values: [-1, -1, -1, -1, 8, -1, -1, -1, -1] },
  sharpen: { label: 'Sharpen (the lecture’s)', size: 3, values: [0, -1, 0, -1, 5, -1, 0, -1, 0] },
  'box-blur': { label: 'Box blur', size: 3, values: Array<number>(9).fill(1 / 9) },
  gaussian: { label: 'Gaussian blur', size: 3, values: [1, 2, 1, 2, 4, 2, 1, 2, 1].map((v) => v / 16) },
  'sobel-x': { label: 'Sobel x (vertical edges)', size: 3, values: [-1, 0, 1, -2, 0, 2, -1, 0, 1] },
  'sobel-y': { label: 'Sobel y (horizontal edges)', size: 3, values: [-1, -2, -1, 0, 0, 0, 1, 2, 1] },
  emboss: { label: 'Emboss', size: 3, values: [-2, -1, 0, -1, 1, 1, 0, 1, 2] },
  identity: { label: 'Identity', size: 3, values: [0, 0, 0, 0, 1, 0, 0, 0, 0] },
} as const satisfies Record<string, Kernel & { label: string }>;

export type KernelPreset = keyof typeof KERNEL_PRESETS;
export const KERNEL_PRESET_NAMES = Object.keys(KERNEL_PRESETS) as KernelPreset[];
