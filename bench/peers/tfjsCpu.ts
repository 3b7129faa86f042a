/** TensorFlow.js with its pure-JavaScript `cpu` backend, the same LeNet-5, Adam 0.001, batch 32. */
import * as tf from '@tensorflow/tfjs';
import { BATCH, timeSteps, type Peer } from './peer';

export const tfjsCpuPeer: Peer = {
  name: `TensorFlow.js ${tf.version_core} cpu`,
  async measure() {
    await tf.setBackend('cpu');
    const v = (shape: number[]) => tf.variable(tf.randomNormal(shape, 0, 0.1));
    const w = { c1: v([5, 5, 1, 6]), b1: v([6]), c2: v([5, 5, 6, 16]), b2: v([16]), d1: v([256, 120]), e1: v([120]), d2: v([120, 84]), e2: v([84]), d3: v([84, 10]), e3: v([10]) };
    const x = tf.randomUniform([BATCH, 28, 28, 1]);
    const y = tf.oneHot(tf.tensor1d(Array.from({ length: BATCH }, (_, i) => i % 10), 'int32'), 10);
    const optimizer = tf.train.adam(0.001);
    const loss = () =>
      tf.tidy(() => {
        const stage = (input: tf.Tensor4D, kernel: tf.Variable, bias: tf.Variable) =>
          tf.maxPool(tf.relu(tf.add(tf.conv2d(input, kernel as tf.Tensor4D, 1, 'valid'), bias)) as tf.Tensor4D, 2, 2, 'valid');
        const h = stage(stage(x as tf.Tensor4D, w.c1, w.b1), w.c2, w.b2);
        const dense = (input: tf.Tensor2D, weight: tf.Variable, bias: tf.Variable) => tf.relu(tf.add(tf.matMul(input, weight as tf.Tensor2D), bias)) as tf.Tensor2D;
        const f = dense(dense(tf.reshape(h, [BATCH, 256]) as tf.Tensor2D, w.d1, w.e1), w.d2, w.e2);
        return tf.losses.softmaxCrossEntropy(y, tf.add(tf.matMul(f, w.d3 as tf.Tensor2D), w.e3)) as tf.Scalar;
      });
    return timeSteps(() => {
      tf.dispose(optimizer.minimize(loss, true) ?? []);
    }, 1, 2);
  },
};
