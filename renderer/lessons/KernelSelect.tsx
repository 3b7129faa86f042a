/** Picks a kernel: the named ones (the lecture's first) or "Your own" once its numbers were typed; the text is the kernel's (a name or its numbers). */
import { KERNEL_PRESET_NAMES, KERNEL_PRESETS, parseKernel, type Kernel } from '../../engine/lessons/kernels';

/** The kernel's numbers as text, as `convstudio lesson --kernel` takes them. */
export const kernelText = (kernel: Kernel) => kernel.values.map((v) => Number(v.toFixed(6))).join(' ');

/** The kernel a text names; the identity when the text is not a kernel (a field mid-edit). */
export function kernelOf(text: string): Kernel {
  try {
    return parseKernel(text);
  } catch {
    return parseKernel('identity');
  }
}

export function KernelSelect({ kernel, onChange, testId }: { kernel: Kernel; onChange(text: string): void; testId: string }) {
  const preset = KERNEL_PRESET_NAMES.find((name) => kernelText(KERNEL_PRESETS[name]) === kernelText(kernel)) ?? 'custom';
  return (
    <label>
      Kernel{' '}
      <select value={preset} data-testid={testId} onChange={(e) => e.target.value !== 'custom' && onChange(e.target.value)}>
        {KERNEL_PRESET_NAMES.map((name) => <option key={name} value={name}>{KERNEL_PRESETS[name].label}</option>)}
        <option value="custom" disabled={preset !== 'custom'}>Your own</option>
      </select>
    </label>
  );
}
