import { describeKernelBackend } from '@varscope/conformance';
import { createTfjsBackend } from '../src/index.js';

// What TensorFlow.js cannot do, as the conformance suite finds it. Each entry runs as
// `test.fails`: if tfjs (or this adapter) learns to do it, the suite turns red and the entry goes.
// Ops tfjs has no kernel for at all (Philox random ops) are not here: the adapter does not
// declare them, so the suite skips them with that reason.

const expectedFailures: readonly RegExp[] = [
  // tfjs tensors are float32, int32, bool, complex64 or string: no float64, int64, int16, uint8, float16…
  /^Cast\/\w+->(float64|int64|uint8|int16|float16)$/,
  // …so outputs and indices that TensorFlow types int64 cannot exist.
  /^Arg(Max|Min)\/float32\/axis/,
  /^GatherV2\/\w+\/axis2-int64$/,
  /^SparseSoftmaxCrossEntropyWithLogits\/float32\/label-out-of-range$/,
  // tfjs's sign(NaN) is 0; TensorFlow's is NaN.
  /^Sign\/float32\/\[(7|3,5|2,3,17)\]$/,
  // tfjs's AvgPoolGrad divides by the whole window under SAME padding; TensorFlow counts only the cells inside.
  /^AvgPoolGrad\/float32\/3x3\/s\dx\d\/SAME$/,
  // tfjs's convolution gradients do not support dilations.
  /^Conv2DBackprop(Input|Filter)\/float32\/.*\/d2\//,
];

describeKernelBackend({ name: 'tfjs-cpu', create: () => createTfjsBackend(), expectedFailures });
