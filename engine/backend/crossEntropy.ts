/** Mean cross-entropy of row-wise probabilities [rows × cols] against integer labels, as every backend computes it. */
export function meanCrossEntropy(probs: ArrayLike<number>, rows: number, cols: number, labels: Int32Array): number {
  let loss = 0;
  // Clamp so a probability of exactly 0 gives a large, finite loss.
  for (let r = 0; r < rows; r++) loss -= Math.log(Math.max(probs[r * cols + (labels[r] as number)] as number, 1e-30));
  return loss / rows;
}
