/** Whether a network can be trained or evaluated on a data set; a message saying what to change if not. */
import type { Dataset } from '../data/dataset';
import type { Network } from '../network/network';

/** `network`: a built network, or just its ends (`Network.ends(analysis)`). */
export function incompatibility(network: Pick<Network, 'inputShape' | 'outputClasses'>, dataset: Dataset): string | undefined {
  const expected = dataset.inputShape.join('×');
  const actual = network.inputShape.join('×');
  if (expected !== actual) {
    return `the input node takes ${actual} images but the ${dataset.name} data set has ${expected}; set the input shape to [${dataset.inputShape.join(', ')}]`;
  }
  const classes = dataset.classNames.length;
  if (network.outputClasses !== classes) {
    return `the network's output has ${network.outputClasses} classes but the ${dataset.name} data set has ${classes}; give the layer before the softmax ${classes} units`;
  }
  return undefined;
}
