/** Types of the kernel helpers in helpers.js. */
export declare function coveringWindow(position: number, pad: number, tap: number, stride: number, outSize: number): number;
