// TensorFlow 1.x idioms next to their varscope forms (docs/migrating-from-tensorflow.md).
import {
  NDArray, Session, ValueError, Variable, add, cond, constant, conv2d, div, divPython2, floorDiv, getVariable,
  globalVariablesInitializer, greater, index, matMul, nn, placeholder, reduceSum, truncatedNormalInitializer,
  variableScope, zerosInitializer, train, biasAdd, reshape,
} from '@varscope/core';
import type { Tensor } from '@varscope/core';

// Python: def conv2d(input, output_dim, …): w = tf.get_variable('w', […], initializer=…) …
//         with tf.variable_scope('conv1'): cnn1 = conv2d(input1, 16)
function conv(input: Tensor, outputDim: number, { filter = 5, stride = 2, stddev = 0.02 } = {}): Tensor {
  const inChannels = input.shape.dim(-1) as number;   // input.get_shape()[-1]: null when unknown
  const w = getVariable('w', [filter, filter, inChannels, outputDim], { initializer: truncatedNormalInitializer({ stddev }) });
  const biases = getVariable('biases', [outputDim], { initializer: zerosInitializer() });
  const y = conv2d(input, w, [1, stride, stride, 1], 'SAME');
  return reshape(biasAdd(y, biases), y.shape.toArray());   // conv.get_shape().as_list()
}
const images = placeholder('float32', [1, 10, 10, 32], { name: 'images' });
const cnn1 = variableScope('conv1', () => conv(images, 16));
console.log(cnn1.name, String(cnn1.shape));   // conv1/Reshape:0 (1, 5, 5, 16)

// Operators are functions; Python 3's `/` is div (truediv), TF 1.x's tf.div is divPython2.
const seven = constant(7);
const quotients = [div(seven, 2), divPython2(seven, 2), floorDiv(seven, 2)];

// x[0, :, 1::2] → index(x, [0, ':', '1::2']); reduce_sum(keepdims=True) → { keepDims: true }.
const m = constant([[[1, 2, 3, 4], [5, 6, 7, 8]]]);
const sliced = index(m, [0, ':', '1::2']);
const rowSums = reduceSum(m, { axis: 2, keepDims: true });

// tf.cond(pred, true_fn, false_fn); keyword-only arguments become an options object.
const x = placeholder('float32', [], { name: 'x' });
const branch = cond(greater(x, 0), () => add(x, 1), () => constant(0, { dtype: 'float32' }));
const loss = nn.softmaxCrossEntropyWithLogits({ labels: [[0, 1]], logits: [[1.0, 3.5]] });

const w = new Variable(matMul([[1, 2]], [[3], [4]]), { name: 'w' });
const session = new Session();
await session.run(globalVariablesInitializer());
const r = await session.run({ quotients, sliced, rowSums, branch, loss, w, cnn1 }, { 'x:0': 2.5, 'images:0': NDArray.from(new Float32Array(3200), [1, 10, 10, 32]) });
console.log(r.quotients.map((q) => `${q.dtype} ${String(q.toArray())}`), r.sliced.toArray(), r.rowSums.shape, r.branch.toArray(),
  r.loss.toArray(), r.w.toArray(), r.cnn1.shape);

// Errors are classes named like TensorFlow's: ValueError for misuse, tf.errors.* (NotFoundError…) from runs.
await new train.Saver().restore(session, '/nonexistent/model.ckpt').catch((e: unknown) => console.log(e instanceof ValueError, (e as Error).message.split('\n')[0]));
await session.close();
