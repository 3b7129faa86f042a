/**
 * The optimizers' per-element math, written once for every backend: the CPU
 * reference calls these in its loops (cpu/kernels/optimizers.ts), and gpu.js
 * compiles them into its optimizer kernels as helpers
 * (gpujs/sources/optimizers.js, gpujs/kernelCache.ts). So they follow gpu.js's
 * helper rules: numbers in, one number out, no closures. Weight decay is L2
 * added to the gradient, as in torch.optim (not AdamW).
 *
 * Plain JavaScript on purpose, as the gpu.js kernel sources; optimizerMath.d.ts
 * gives their types.
 */

/** SGD's new velocity: momentum·v + g (+ decay); with momentum 0, the gradient itself. */
export function sgdVelocity(v, g, p, momentum, weightDecay) {
  return momentum * v + g + weightDecay * p;
}

/** SGD's new parameter, given the new velocity v (Nesterov looks one velocity ahead). */
export function sgdParameter(p, g, v, lr, momentum, weightDecay, nesterov) {
  const step = nesterov > 0 ? g + weightDecay * p + momentum * v : v;
  return p - lr * step;
}

export function adamFirstMoment(m, g, p, beta1, weightDecay) {
  return beta1 * m + (1 - beta1) * (g + weightDecay * p);
}

export function adamSecondMoment(v, g, p, beta2, weightDecay) {
  const grad = g + weightDecay * p;
  return beta2 * v + (1 - beta2) * grad * grad;
}

/** Adam's new parameter from the new moments; correction1, correction2 = 1 − β₁ᵗ, 1 − β₂ᵗ. */
export function adamParameter(p, m, v, lr, correction1, correction2, epsilon) {
  return p - (lr * (m / correction1)) / (Math.sqrt(v / correction2) + epsilon);
}
