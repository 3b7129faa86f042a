/** Types of the optimizer math in optimizerMath.js. */
export declare function sgdVelocity(v: number, g: number, p: number, momentum: number, weightDecay: number): number;
export declare function sgdParameter(p: number, g: number, v: number, lr: number, momentum: number, weightDecay: number, nesterov: number): number;
export declare function adamFirstMoment(m: number, g: number, p: number, beta1: number, weightDecay: number): number;
export declare function adamSecondMoment(v: number, g: number, p: number, beta2: number, weightDecay: number): number;
export declare function adamParameter(p: number, m: number, v: number, lr: number, correction1: number, correction2: number, epsilon: number): number;
