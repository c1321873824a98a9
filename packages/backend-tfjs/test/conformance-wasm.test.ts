import { describeKernelBackend } from '@varscope/conformance';
import { createTfjsBackend } from '../src/index.js';

// tfjs's wasm engine (XNNPACK) as the suite finds it, beyond what tfjs cannot hold at all
// (float64, int64…: see conformance.test.ts). Kernels it does not register (Conv2DBackpropFilter,
// int32 MatMul) are not declared by the adapter and show as skipped.
const expectedFailures: readonly RegExp[] = [
  /^Cast\/\w+->(float64|int64|uint8|int16|float16)$/,
  /^Arg(Max|Min)\/float32\/axis/,
  /^GatherV2\/\w+\/axis2-int64$/,
  /^SparseSoftmaxCrossEntropyWithLogits\/float32\/label-out-of-range$/,
  /^Sign\/float32\/\[(7|3,5|2,3,17)\]$/,
  /^AvgPoolGrad\/float32\/3x3\/s\dx\d\/SAME$/,
  /^Conv2DBackpropInput\/float32\/.*\/d2\//,
  // A float32 one-hot writes int32 bit patterns.
  /^OneHot\/float32$/,
  // MaxPoolGrad routes gradients to the wrong cells.
  /^MaxPoolGrad\/float32\//,
];

// Cases whose outputs tfjs-wasm leaves uninitialised (a matmul over an empty inner dimension, a
// sum over an empty axis), so that they pass or fail with whatever the memory held: neither
// `test.fails` nor a pass is stable, so they are left out, and this comment says why.
const skip: readonly RegExp[] = [/^MatMul\/float32\/3x0x4/, /^Sum\/float32\/empty-input$/];

describeKernelBackend({ name: 'tfjs-wasm', create: () => createTfjsBackend({ engine: 'wasm' }), expectedFailures, skip });
