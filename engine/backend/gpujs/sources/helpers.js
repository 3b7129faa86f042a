/**
 * Helper functions the kernel sources call. gpu.js compiles a helper into a
 * kernel by its name, and bundlers rename module functions, so the kernels
 * call these as globals (never imported) and kernelCache.ts hands gpu.js
 * each one's source under its fixed name (KERNEL_HELPERS).
 *
 * The transposed-window walk, written once: gradients that gather onto an
 * input (the transposed convolution, col2im, the pooling gradients) walk
 * their taps through coveringWindow.
 */

/**
 * The output window whose tap `tap` lands on input `position` along one
 * axis, or -1 where none does (the tap falls between strides, or outside the
 * output).
 */
export function coveringWindow(position, pad, tap, stride, outSize) {
  const scaled = position + pad - tap;
  const window = Math.floor(scaled / stride);
  if (scaled >= 0 && window * stride === scaled && window < outSize) return window;
  return -1;
}
