/** ConvNetJS (npm convnetjs) training the same LeNet-5, Adam 0.001, batch 32. */
import { createRequire } from 'node:module';
import { BATCH, timeSteps, type Peer } from './peer';

interface ConvNetJs {
  Net: new () => { makeLayers(defs: object[]): void };
  Trainer: new (net: object, options: object) => { train(x: object, label: number): void };
  Vol: new (sx: number, sy: number, depth: number, fill?: number) => { w: Float64Array };
}

export const convnetjsPeer: Peer = {
  name: 'ConvNetJS 0.3.0',
  async measure() {
    const convnetjs = createRequire(import.meta.url)('convnetjs') as ConvNetJs;
    const net = new convnetjs.Net();
    net.makeLayers([
      { type: 'input', out_sx: 28, out_sy: 28, out_depth: 1 },
      { type: 'conv', sx: 5, filters: 6, stride: 1, pad: 0, activation: 'relu' },
      { type: 'pool', sx: 2, stride: 2 },
      { type: 'conv', sx: 5, filters: 16, stride: 1, pad: 0, activation: 'relu' },
      { type: 'pool', sx: 2, stride: 2 },
      { type: 'fc', num_neurons: 120, activation: 'relu' },
      { type: 'fc', num_neurons: 84, activation: 'relu' },
      { type: 'softmax', num_classes: 10 },
    ]);
    const trainer = new convnetjs.Trainer(net, { method: 'adam', learning_rate: 0.001, batch_size: BATCH, l2_decay: 0 });
    const samples = Array.from({ length: BATCH }, (_, i) => {
      const v = new convnetjs.Vol(28, 28, 1, 0);
      for (let p = 0; p < 784; p++) v.w[p] = ((p * 7919 + i * 104729) % 1000) / 1000;
      return v;
    });
    // ConvNetJS takes one sample per call and updates every batch_size samples.
    return timeSteps(() => samples.forEach((v, i) => trainer.train(v, i % 10)), 1, 3);
  },
};
