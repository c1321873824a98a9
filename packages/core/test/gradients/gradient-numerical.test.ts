import { describe, expect, it } from 'vitest';
import type { Tensor } from '../../src/graph/index.js';
import { registeredGradientTypes } from '../../src/gradients/index.js';
import {
  abs, add, addN, avgPool, biasAdd, cast, concat, constant, conv2d, cos, elu, exp, expandDims, fill,
  gather, identity, l2Loss, leakyRelu, log, log1p, logSoftmax, matMul, maxPool, maximum, minimum, mod, mul, neg, nn,
  pad, placeholderWithDefault, pow, reciprocal, reduceMax, reduceMean, reduceMin, reduceSum, relu, relu6, reshape,
  rsqrt, select, sigmoid, sign, sin, slice, softmax, softplus, split, sqrt, square, squaredDifference, squeeze, stack,
  sub, tanh, tile, transpose, unstack, floor, ceil, round, greater, realDiv, toFloat,
} from '../../src/ops/index.js';
import { genOp1 } from '../../src/ops/op-inputs.js';
import { checkGradient, seededValues } from './gradient-check.js';
import type { CheckInput } from './gradient-check.js';

interface Case {
  readonly name: string;
  readonly build: (xs: Tensor[]) => Tensor;
  readonly inputs: readonly CheckInput[];
  /** The finite-difference step, where the default would be lost to float32 rounding. */
  readonly delta?: number;
}

const x = (shape: number[], values?: number[]): CheckInput => (values === undefined ? { shape } : { shape, values });
/** Values kept away from 0 (for log, sqrt, division…). */
const positive = (shape: number[], seed = 3): CheckInput => ({ shape, values: seededValues(shape.reduce((a, b) => a * b, 1), seed, 0.5, 2) });
/** Distinct values (no ties for max/min, no kinks at 0 for relu/abs). */
const distinct = (shape: number[], offset = 0.05): CheckInput => {
  const n = shape.reduce((a, b) => a * b, 1);
  const vals = Array.from({ length: n }, (_v, i) => ((i * 7919) % n) / n - 0.5 + offset);
  return { shape, values: vals.map((v) => (Math.abs(v) < 0.02 ? v + 0.04 : v)) };
};
const c64 = (value: unknown) => constant(value as never, { dtype: 'float64' });

/** At least one numerical check for every op type with a registered gradient. */
const CASES: Record<string, readonly Case[]> = {
  Add: [
    { name: 'same shape', build: ([a, b]) => add(a!, b!), inputs: [x([2, 3]), x([2, 3])] },
    { name: 'broadcast row and column', build: ([a, b]) => add(a!, b!), inputs: [x([2, 1, 3]), x([4, 1])] },
  ],
  AddV2: [{ name: 'broadcast scalar', build: ([a, b]) => genOp1({ type: 'AddV2', inputs: [a!, b!] }), inputs: [x([2, 3]), x([])] }],
  Sub: [
    { name: 'same shape', build: ([a, b]) => sub(a!, b!), inputs: [x([3]), x([3])] },
    { name: 'broadcast', build: ([a, b]) => sub(a!, b!), inputs: [x([3, 1]), x([1, 4])] },
  ],
  Mul: [
    { name: 'same shape', build: ([a, b]) => mul(a!, b!), inputs: [x([2, 2]), x([2, 2])] },
    { name: 'broadcast', build: ([a, b]) => mul(a!, b!), inputs: [x([2, 3]), x([3])] },
  ],
  RealDiv: [{ name: 'broadcast', build: ([a, b]) => realDiv(a!, b!), inputs: [x([2, 3]), positive([3])] }],
  Div: [{ name: 'broadcast', build: ([a, b]) => genOp1({ type: 'Div', inputs: [a!, b!] }), inputs: [x([2, 3]), positive([2, 1])] }],
  FloorMod: [{
    name: 'away from the jumps',
    build: ([a, b]) => mod(a!, b!),
    inputs: [x([4], [2.3, 5.6, -1.3, 7.2]), x([4], [1.5, 2.5, 1.7, 3.3])],
  }],
  Pow: [{ name: 'positive base', build: ([a, b]) => pow(a!, b!), inputs: [positive([2, 2]), x([2, 2])] }],
  Maximum: [{ name: 'broadcast, no ties', build: ([a, b]) => maximum(a!, b!), inputs: [distinct([2, 3]), distinct([3], 0.013)] }],
  Minimum: [{ name: 'broadcast, no ties', build: ([a, b]) => minimum(a!, b!), inputs: [distinct([2, 3]), distinct([3], 0.013)] }],
  SquaredDifference: [{ name: 'broadcast', build: ([a, b]) => squaredDifference(a!, b!), inputs: [x([2, 3]), x([3])] }],
  Neg: [{ name: 'vector', build: ([a]) => neg(a!), inputs: [x([4])] }],
  Abs: [{ name: 'away from 0', build: ([a]) => abs(a!), inputs: [distinct([5])] }],
  Sign: [{ name: 'zero gradient', build: ([a]) => mul(sign(a!), a!), inputs: [distinct([4])] }],
  Square: [{ name: 'matrix', build: ([a]) => square(a!), inputs: [x([2, 3])] }],
  Sqrt: [{ name: 'positive', build: ([a]) => sqrt(a!), inputs: [positive([4])] }],
  Rsqrt: [{ name: 'positive', build: ([a]) => rsqrt(a!), inputs: [positive([4])] }],
  Reciprocal: [{ name: 'positive', build: ([a]) => reciprocal(a!), inputs: [positive([4])] }],
  Exp: [{ name: 'vector', build: ([a]) => exp(a!), inputs: [x([4])] }],
  Log: [{ name: 'positive', build: ([a]) => log(a!), inputs: [positive([4])] }],
  Log1p: [{ name: 'positive', build: ([a]) => log1p(a!), inputs: [positive([4])] }],
  Sin: [{ name: 'vector', build: ([a]) => sin(a!), inputs: [x([4])] }],
  Cos: [{ name: 'vector', build: ([a]) => cos(a!), inputs: [x([4])] }],
  Sigmoid: [{ name: 'matrix', build: ([a]) => sigmoid(a!), inputs: [x([2, 3])] }],
  Tanh: [{ name: 'matrix', build: ([a]) => tanh(a!), inputs: [x([2, 3])] }],
  Floor: [{ name: 'no gradient through floor', build: ([a]) => add(floor(a!), a!), inputs: [distinct([3])] }],
  Ceil: [{ name: 'no gradient through ceil', build: ([a]) => add(ceil(a!), a!), inputs: [distinct([3])] }],
  Round: [{ name: 'no gradient through round', build: ([a]) => add(round(a!), a!), inputs: [distinct([3])] }],
  // Values and step exactly representable in float32, so the round trip loses nothing.
  Cast: [{ name: 'float64 → float32 → float64', build: ([a]) => cast(mul(toFloat(a!), 3), 'float64'), inputs: [x([3], [0.5, -1.25, 2])], delta: 1 / 64 }],
  Select: [{
    name: 'both branches',
    build: ([a, b]) => select(greater(a!, 0), a!, b!),
    inputs: [distinct([2, 3]), x([2, 3])],
  }],
  ClipByValue: [{
    name: 'clipped at both ends',
    build: ([a]) => genOp1({ type: 'ClipByValue', inputs: [a!, c64(-0.3), c64(0.35)] }),
    inputs: [distinct([6])],
  }, {
    name: 'tensor bounds',
    build: ([a, lo, hi]) => genOp1({ type: 'ClipByValue', inputs: [a!, lo!, hi!] }),
    inputs: [x([4], [-0.9, -0.1, 0.2, 0.8]), x([4], [-0.5, -0.5, -0.5, -0.5]), x([4], [0.5, 0.5, 0.1, 0.5])],
  }],
  AddN: [{ name: 'three terms, one repeated', build: ([a, b]) => addN([a!, b!, a!]), inputs: [x([2, 2]), x([2, 2])] }],
  MatMul: [
    { name: 'plain', build: ([a, b]) => matMul(a!, b!), inputs: [x([2, 3]), x([3, 4])] },
    { name: 'transposeA', build: ([a, b]) => matMul(a!, b!, { transposeA: true }), inputs: [x([3, 2]), x([3, 4])] },
    { name: 'transposeB', build: ([a, b]) => matMul(a!, b!, { transposeB: true }), inputs: [x([2, 3]), x([4, 3])] },
    { name: 'both', build: ([a, b]) => matMul(a!, b!, { transposeA: true, transposeB: true }), inputs: [x([3, 2]), x([4, 3])] },
  ],
  BatchMatMulV2: [
    { name: 'same batch', build: ([a, b]) => matMul(a!, b!), inputs: [x([2, 2, 3]), x([2, 3, 2])] },
    { name: 'broadcast batch, adjoints', build: ([a, b]) => matMul(a!, b!, { transposeA: true, transposeB: true }), inputs: [x([2, 3, 2]), x([1, 2, 3])] },
  ],
  Sum: [
    { name: 'all axes', build: ([a]) => reduceSum(a!), inputs: [x([2, 3])] },
    { name: 'one axis', build: ([a]) => reduceSum(a!, { axis: 1 }), inputs: [x([2, 3, 2])] },
    { name: 'negative axis, keepDims', build: ([a]) => reduceSum(a!, { axis: -1, keepDims: true }), inputs: [x([2, 3])] },
  ],
  Mean: [
    { name: 'all axes', build: ([a]) => reduceMean(a!), inputs: [x([2, 3])] },
    { name: 'axis 0', build: ([a]) => reduceMean(a!, { axis: [0, 2] }), inputs: [x([2, 3, 2])] },
  ],
  Max: [{ name: 'axis 1', build: ([a]) => reduceMax(a!, { axis: 1 }), inputs: [distinct([3, 4])] }],
  Min: [{ name: 'all', build: ([a]) => reduceMin(a!), inputs: [distinct([3, 2])] }],
  L2Loss: [{ name: 'matrix', build: ([a]) => l2Loss(a!), inputs: [x([2, 3])] }],
  Identity: [{ name: 'vector', build: ([a]) => identity(mul(a!, a!)), inputs: [x([3])] }],
  PlaceholderWithDefault: [{ name: 'default flows', build: ([a]) => mul(placeholderWithDefault(a!, [3]), 2), inputs: [x([3])] }],
  Reshape: [{ name: '2x3 → 3x2', build: ([a]) => matMul(reshape(a!, [3, 2]), c64([[1, 2], [3, 4]])), inputs: [x([2, 3])] }],
  Squeeze: [{ name: 'middle axis', build: ([a]) => squeeze(a!, { axis: 1 }), inputs: [x([2, 1, 3])] }],
  ExpandDims: [{ name: 'axis 1', build: ([a]) => mul(expandDims(a!, 1), c64([[1, 2]])), inputs: [x([3])] }],
  Transpose: [{ name: 'rank 3', build: ([a]) => transpose(a!, { perm: [2, 0, 1] }), inputs: [x([2, 3, 2])] }],
  ConcatV2: [
    { name: 'three along axis 1', build: ([a, b, c]) => concat([a!, b!, c!], 1), inputs: [x([2, 1]), x([2, 3]), x([2, 2])] },
    { name: 'negative axis', build: ([a, b]) => concat([a!, b!], -1), inputs: [x([2, 2]), x([2, 1])] },
  ],
  Pack: [{ name: 'axis 1', build: ([a, b]) => stack([a!, b!], { axis: 1 }), inputs: [x([3]), x([3])] }],
  Unpack: [{ name: 'one part used twice, one unused', build: ([a]) => { const [p, , r] = unstack(a!); return add(mul(p!, r!), p!); }, inputs: [x([3, 2])] }],
  Split: [{ name: 'two used parts', build: ([a]) => { const [p, q] = split(a!, 3, { axis: 1 }); return mul(p!, q!); }, inputs: [x([2, 6])] }],
  SplitV: [{ name: 'sizes [1, -1]', build: ([a]) => { const [p, q] = split(a!, constant([1, 2]), { axis: 0 }); return add(reduceSum(p!), reduceSum(mul(q!, q!))); }, inputs: [x([3, 2])] }],
  Slice: [{ name: 'interior block', build: ([a]) => slice(a!, [1, 0], [2, 2]), inputs: [x([3, 3])] }],
  Pad: [{ name: 'both sides', build: ([a]) => pad(a!, [[1, 0], [2, 1]]), inputs: [x([2, 2])] }],
  PadV2: [{ name: 'constant value', build: ([a]) => pad(a!, [[0, 1]], { constantValues: c64(3) }), inputs: [x([3])] }],
  Tile: [{ name: '[2, 3] multiples', build: ([a]) => tile(a!, [2, 3]), inputs: [x([2, 2])] }],
  Fill: [{ name: 'scalar value', build: ([a]) => fill([2, 3], a!), inputs: [x([])] }],
  GatherV2: [
    { name: 'axis 0, repeated indices', build: ([a]) => gather(a!, constant([2, 0, 2])), inputs: [x([3, 2])] },
    { name: 'axis 1, matrix indices', build: ([a]) => gather(a!, constant([[1, 0], [1, 1]]), { axis: 1 }), inputs: [x([2, 3, 2])] },
  ],
  Relu: [{ name: 'away from 0', build: ([a]) => relu(a!), inputs: [distinct([2, 4])] }],
  Relu6: [{ name: 'both kinks', build: ([a]) => relu6(mul(a!, 10)), inputs: [distinct([2, 4])] }],
  Elu: [{ name: 'both sides', build: ([a]) => elu(a!), inputs: [distinct([6])] }],
  Softplus: [{ name: 'vector', build: ([a]) => softplus(a!), inputs: [x([5])] }],
  LeakyRelu: [{ name: 'both sides', build: ([a]) => leakyRelu(a!, { alpha: 0.3 }), inputs: [distinct([6])] }],
  Softmax: [{ name: 'rows', build: ([a]) => softmax(a!), inputs: [x([2, 4])] }],
  LogSoftmax: [{ name: 'rows', build: ([a]) => logSoftmax(a!), inputs: [x([2, 4])] }],
  SoftmaxCrossEntropyWithLogits: [{
    name: 'labels and logits (v2)',
    build: ([labels, logits]) => nn.softmaxCrossEntropyWithLogitsV2({ labels: softmax(labels!), logits: logits! }),
    inputs: [x([3, 4]), x([3, 4])],
  }],
  SparseSoftmaxCrossEntropyWithLogits: [{
    name: 'class indices',
    build: ([logits]) => nn.sparseSoftmaxCrossEntropyWithLogits({ labels: constant([1, 0, 3]), logits: logits! }),
    inputs: [x([3, 4])],
  }],
  Conv2D: [
    { name: 'SAME, stride 1', build: ([a, f]) => conv2d(a!, f!, 1, 'SAME'), inputs: [x([1, 4, 4, 2]), x([3, 3, 2, 2])] },
    { name: 'VALID, stride 2', build: ([a, f]) => conv2d(a!, f!, 2, 'VALID'), inputs: [x([2, 5, 5, 1]), x([2, 2, 1, 3])] },
  ],
  MaxPool: [{ name: '2x2 stride 2', build: ([a]) => maxPool(a!, 2, 2, 'VALID'), inputs: [distinct([1, 4, 4, 2])] }],
  AvgPool: [{ name: '2x2 stride 1 SAME', build: ([a]) => avgPool(a!, 2, 1, 'SAME'), inputs: [x([1, 3, 3, 2])] }],
  BiasAdd: [{ name: 'NHWC', build: ([a, b]) => biasAdd(a!, b!), inputs: [x([2, 2, 3]), x([3])] }],
};

describe('numerical gradient check (central differences, float64, reference backend)', () => {
  it('has a case for every op type with a registered gradient', () => {
    expect(Object.keys(CASES).sort()).toEqual(registeredGradientTypes());
  });

  for (const [type, cases] of Object.entries(CASES)) {
    for (const c of cases) {
      it(`${type}: ${c.name}`, async () => {
        const r = await checkGradient(c.build, c.inputs, c.delta === undefined ? {} : { delta: c.delta });
        // The forward graph really contains the op type under test, and its gradient scope was built.
        const types = r.graph.getOperations().map((op) => op.type);
        expect(types).toContain(type);
        expect(r.maxError).toBeLessThan(1e-6);
      });
    }
  }
});
