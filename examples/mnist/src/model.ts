// The seeds' network: a 784→256 relu layer (W truncated normal, stddev √(2/784); b zeros),
// then 256→10 logits, softmax cross-entropy, Adam.
import {
  add, argMax, cast, equal, getVariable, matMul, nn, placeholder, reduceMean, relu, train,
  truncatedNormalInitializer, variableScope, zerosInitializer,
} from '@varscope/core';
import type { Operation, Tensor, Variable } from '@varscope/core';
import { CLASSES, PIXELS } from './dataset.js';

/** One fully connected layer in its own variable scope: `scope/W`, `scope/b`. */
export function dense(scope: string, input: Tensor, units: number, options: { trainable?: boolean } = {}): Tensor {
  return variableScope(scope, () => {
    const fanIn = input.shape.dim(-1) as number;
    const W = getVariable<Variable>('W', [fanIn, units], {
      initializer: truncatedNormalInitializer({ stddev: Math.sqrt(2 / fanIn) }),
      trainable: options.trainable ?? true,
    });
    const b = getVariable<Variable>('b', [units], { initializer: zerosInitializer(), trainable: options.trainable ?? true });
    return add(matMul(input, W), b);
  });
}

export interface Classifier {
  readonly images: Tensor;
  readonly labels: Tensor;
  readonly loss: Tensor;
  readonly accuracy: Tensor;
  readonly trainOp: Operation;
  readonly globalStep: Variable | Tensor;
}

/** Builds the classifier graph in the default graph. */
export function buildClassifier(options: { learningRate?: number } = {}): Classifier {
  const images = placeholder('float32', [null, PIXELS], { name: 'images' });
  const labels = placeholder('float32', [null, CLASSES], { name: 'labels' });
  const hidden = relu(dense('hidden', images, 256));
  const logits = dense('output', hidden, CLASSES);
  const loss = reduceMean(nn.softmaxCrossEntropyWithLogits({ labels, logits }), { name: 'loss' });
  const correct = equal(argMax(logits, { axis: 1 }), argMax(labels, { axis: 1 }));
  const accuracy = reduceMean(cast(correct, 'float32'), { name: 'accuracy' });
  const globalStep = train.getOrCreateGlobalStep();
  const optimizer = new train.AdamOptimizer({ learningRate: options.learningRate ?? 0.001 });
  const trainOp = optimizer.minimize(loss, { globalStep });
  return { images, labels, loss, accuracy, trainOp, globalStep };
}
