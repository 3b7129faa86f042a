/* global sgdVelocity, sgdParameter, adamFirstMoment, adamSecondMoment, adamParameter -- ../../optimizerMath.js, compiled in by kernelCache.ts */
/**
 * The optimizers as gpu.js kernels (one output per kernel: gpu.js runs kernel
 * maps on the CPU), each element through the shared math of
 * ../../optimizerMath.js, which the kernels call as helpers.
 */

export function sgdVelocityKernel(p, g, v, momentum, weightDecay) {
  const i = this.thread.x;
  return sgdVelocity(v[i], g[i], p[i], momentum, weightDecay);
}
export function sgdParameterKernel(p, g, v, lr, momentum, weightDecay, nesterov) {
  const i = this.thread.x;
  return sgdParameter(p[i], g[i], v[i], lr, momentum, weightDecay, nesterov);
}
export function adamFirstMomentKernel(p, g, m, beta1, weightDecay) {
  const i = this.thread.x;
  return adamFirstMoment(m[i], g[i], p[i], beta1, weightDecay);
}
export function adamSecondMomentKernel(p, g, v, beta2, weightDecay) {
  const i = this.thread.x;
  return adamSecondMoment(v[i], g[i], p[i], beta2, weightDecay);
}
export function adamParameterKernel(p, m, v, lr, correction1, correction2, epsilon) {
  const i = this.thread.x;
  return adamParameter(p[i], m[i], v[i], lr, correction1, correction2, epsilon);
}
