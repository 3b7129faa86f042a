/**
 * The optimizers' per-element math, written once for every backend: gpu.js
 * compiles these functions into kernels, and the CPU reference runs the very
 * same functions over its arrays (cpu/elementKernel.ts). They follow gpu.js's
 * kernel rules (see gpujs/kernels.js): one output per kernel, since gpu.js
 * runs kernel maps on the CPU; `this.thread.x` is the element.
 *
 * Plain JavaScript on purpose, as gpujs/kernels.js; optimizerKernels.d.ts
 * gives their types.
 */

export function sgdVelocity(p, g, v, momentum, weightDecay) {
  const i = this.thread.x;
  return momentum * v[i] + g[i] + weightDecay * p[i];
}
export function sgdParameter(p, g, v, lr, momentum, weightDecay, nesterov) {
  const i = this.thread.x;
  // With momentum 0 the velocity is the gradient itself.
  const step = nesterov > 0 ? g[i] + weightDecay * p[i] + momentum * v[i] : v[i];
  return p[i] - lr * step;
}
export function adamFirstMoment(p, g, m, beta1, weightDecay) {
  const i = this.thread.x;
  return beta1 * m[i] + (1 - beta1) * (g[i] + weightDecay * p[i]);
}
export function adamSecondMoment(p, g, v, beta2, weightDecay) {
  const i = this.thread.x;
  const grad = g[i] + weightDecay * p[i];
  return beta2 * v[i] + (1 - beta2) * grad * grad;
}
export function adamParameter(p, m, v, lr, correction1, correction2, epsilon) {
  const i = this.thread.x;
  return p[i] - (lr * (m[i] / correction1)) / (Math.sqrt(v[i] / correction2) + epsilon);
}
