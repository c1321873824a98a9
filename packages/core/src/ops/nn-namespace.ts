import { sigmoid, tanh } from './math.js';
import { avgPool, biasAdd, conv2d, elu, leakyRelu, logSoftmax, maxPool, relu, relu6, softmax, softplus } from './nn.js';
import {
  dropout, l2Loss, sigmoidCrossEntropyWithLogits, softmaxCrossEntropyWithLogits, softmaxCrossEntropyWithLogitsV2,
  sparseSoftmaxCrossEntropyWithLogits,
} from './nn-losses.js';

/** TensorFlow's `tf.nn` namespace: `nn.relu(x)`, `nn.softmaxCrossEntropyWithLogits({ labels, logits })`… */
export const nn = Object.freeze({
  relu, relu6, sigmoid, tanh, softplus, elu, leakyRelu, softmax, logSoftmax,
  conv2d, maxPool, avgPool, biasAdd,
  l2Loss, dropout,
  softmaxCrossEntropyWithLogits, softmaxCrossEntropyWithLogitsV2, sparseSoftmaxCrossEntropyWithLogits,
  sigmoidCrossEntropyWithLogits,
});
