// Gradients of elementwise math, matrix products, reductions and casts (TensorFlow's math_grad.py).
import type { AttrValue, DType } from '@varscope/kernel-api';
import { isComplex, isFloating } from '@varscope/kernel-api';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { controlDependencies } from '../graph/scopes.js';
import {
  cast, constant, cos, div, greater, greaterEqual, less, lessEqual, log, logicalOr, matMul, mul, neg,
  onesLike, reciprocal, reduceProd, reduceSum, reshape, select, shape, sign, sin, sub, tile, zeros, zerosLike, add,
  floorDiv, index, pow,
} from '../ops/index.js';
import { genOp1 } from '../ops/op-inputs.js';
import type { GradientFunction } from './registry.js';
import {
  broadcastGradientArgs, constantInts, genMul, genRealDiv, reducedShape, safeShapeDiv, shapesFullySpecifiedAndEqual,
  sumToShape,
} from './grad-ops.js';

const input = (op: Operation, i: number): Tensor => op.inputs[i] as Tensor;
const output = (op: Operation, i = 0): Tensor => op.outputs[i] as Tensor;
const first = (grads: readonly (Tensor | null)[]): Tensor => grads[0] as Tensor;

/** The shapes of a binary op's operands and the axes each was broadcast along. */
function broadcastAxes(op: Operation): { sx: Tensor; sy: Tensor; rx: Tensor; ry: Tensor } {
  const sx = shape(input(op, 0));
  const sy = shape(input(op, 1));
  const [rx, ry] = broadcastGradientArgs(sx, sy);
  return { sx, sy, rx, ry };
}

// ---------------------------------------------------------------- binary, broadcasting

const addGrad: GradientFunction = (op, grads) => {
  const grad = first(grads);
  if (shapesFullySpecifiedAndEqual(input(op, 0), input(op, 1), grad)) return [grad, grad];
  const { sx, sy, rx, ry } = broadcastAxes(op);
  return [sumToShape(grad, rx, sx), sumToShape(grad, ry, sy)];
};

const subGrad: GradientFunction = (op, grads) => {
  const grad = first(grads);
  if (shapesFullySpecifiedAndEqual(input(op, 0), input(op, 1), grad)) return [grad, neg(grad)];
  const { sx, sy, rx, ry } = broadcastAxes(op);
  return [sumToShape(grad, rx, sx), reshape(neg(reduceSum(grad, { axis: ry })), sy)];
};

const mulGrad: GradientFunction = (op, grads) => {
  const grad = first(grads);
  const x = input(op, 0);
  const y = input(op, 1);
  if (shapesFullySpecifiedAndEqual(x, y, grad) && (grad.dtype === 'int32' || grad.dtype === 'float32')) {
    return [genMul(grad, y), genMul(grad, x)];
  }
  const { sx, sy, rx, ry } = broadcastAxes(op);
  return [sumToShape(genMul(grad, y), rx, sx), sumToShape(genMul(x, grad), ry, sy)];
};

const realDivGrad: GradientFunction = (op, grads) => {
  const grad = first(grads);
  const x = input(op, 0);
  const y = input(op, 1);
  const { sx, sy, rx, ry } = broadcastAxes(op);
  return [
    sumToShape(genRealDiv(grad, y), rx, sx),
    sumToShape(mul(grad, genRealDiv(genRealDiv(neg(x), y), y)), ry, sy),
  ];
};

const floorModGrad: GradientFunction = (op, grads) => {
  const grad = first(grads);
  const x = input(op, 0);
  const y = input(op, 1);
  const { sx, sy, rx, ry } = broadcastAxes(op);
  return [sumToShape(grad, rx, sx), sumToShape(mul(grad, neg(floorDiv(x, y))), ry, sy)];
};

const powGrad: GradientFunction = (op, grads) => {
  const grad = first(grads);
  const x = input(op, 0);
  const y = input(op, 1);
  const z = output(op);
  const { sx, sy, rx, ry } = broadcastAxes(op);
  const gx = sumToShape(genMul(grad, mul(y, pow(x, sub(y, 1)))), rx, sx);
  // Avoid the false singularity of log at x = 0: d/dy is taken as 0 there.
  const mask = greater(x, 0);
  const safeX = select(mask, x, onesLike(x));
  const logX = select(mask, log(safeX), zerosLike(x));
  const gy = sumToShape(mul(mul(grad, z), logX), ry, sy);
  return [gx, gy];
};

function maximumMinimumGrad(selector: (x: Tensor, y: Tensor) => Tensor): GradientFunction {
  return (op, grads) => {
    const grad = first(grads);
    const x = input(op, 0);
    const y = input(op, 1);
    const sx = shape(x);
    const sy = shape(y);
    const gradShape = shape(grad);
    const zerosT = zeros(gradShape, grad.dtype);
    const xmask = selector(x, y);
    const [rx, ry] = broadcastGradientArgs(sx, sy);
    const xgrad = select(xmask, grad, zerosT);
    const ygrad = select(xmask, zerosT, grad);
    return [sumToShape(xgrad, rx, sx), sumToShape(ygrad, ry, sy)];
  };
}

const squaredDifferenceGrad: GradientFunction = (op, grads) => {
  const grad = first(grads);
  const x = input(op, 0);
  const y = input(op, 1);
  const { sx, sy, rx, ry } = broadcastAxes(op);
  const xGrad = controlDependencies([grad], () => mul(mul(constant(2, { dtype: grad.dtype }), grad), sub(x, y)));
  return [sumToShape(xGrad, rx, sx), neg(sumToShape(xGrad, ry, sy))];
};

// ---------------------------------------------------------------- unary

const negGrad: GradientFunction = (_op, grads) => [neg(first(grads))];
const absGrad: GradientFunction = (op, grads) => [mul(first(grads), sign(input(op, 0)))];
const zeroGrad: GradientFunction = (op) => [zerosLike(input(op, 0))];
const squareGrad: GradientFunction = (op, grads) => {
  const grad = first(grads);
  const x = input(op, 0);
  return controlDependencies([grad], () => [genMul(grad, genMul(x, constant(2, { dtype: x.dtype })))]);
};
// TensorFlow uses the fused SqrtGrad/RsqrtGrad/ReciprocalGrad kernels; the same arithmetic here.
const sqrtGrad: GradientFunction = (op, grads) => {
  const y = output(op);
  return [div(mul(first(grads), constant(0.5, { dtype: y.dtype })), y)];
};
const rsqrtGrad: GradientFunction = (op, grads) => {
  const y = output(op);
  return [mul(mul(first(grads), constant(-0.5, { dtype: y.dtype })), mul(mul(y, y), y))];
};
const reciprocalGrad: GradientFunction = (op, grads) => {
  const y = output(op);
  return [mul(neg(first(grads)), mul(y, y))];
};
const expGrad: GradientFunction = (op, grads) => {
  const grad = first(grads);
  return controlDependencies([grad], () => [mul(grad, output(op))]);
};
const logGrad: GradientFunction = (op, grads) => {
  const grad = first(grads);
  return controlDependencies([grad], () => [mul(grad, reciprocal(input(op, 0)))]);
};
const log1pGrad: GradientFunction = (op, grads) => {
  const grad = first(grads);
  const x = input(op, 0);
  return controlDependencies([grad], () => [mul(grad, reciprocal(add(constant(1, { dtype: x.dtype }), x)))]);
};
const sinGrad: GradientFunction = (op, grads) => {
  const grad = first(grads);
  return controlDependencies([grad], () => [mul(grad, cos(input(op, 0)))]);
};
const cosGrad: GradientFunction = (op, grads) => {
  const grad = first(grads);
  return controlDependencies([grad], () => [mul(neg(grad), sin(input(op, 0)))]);
};
const sigmoidGrad: GradientFunction = (op, grads) => {
  const grad = first(grads);
  return controlDependencies([grad], () => [genOpGrad('SigmoidGrad', output(op), grad)]);
};
const tanhGrad: GradientFunction = (op, grads) => {
  const grad = first(grads);
  return controlDependencies([grad], () => [genOpGrad('TanhGrad', output(op), grad)]);
};

/** `gen_math_ops.sigmoid_grad` / `tanh_grad`: the fused kernels, named after their op type. */
function genOpGrad(type: 'SigmoidGrad' | 'TanhGrad', y: Tensor, dy: Tensor): Tensor {
  return genOp1Local(type, [y, dy]);
}

// ---------------------------------------------------------------- casts, selection, sums

const FLOATING_CASTABLE: readonly DType[] = ['float16', 'float32', 'float64', 'bfloat16', 'complex64', 'complex128'];
const castGrad: GradientFunction = (op, grads) => {
  const src = input(op, 0).dtype;
  const grad = first(grads);
  if (FLOATING_CASTABLE.includes(src) && FLOATING_CASTABLE.includes(grad.dtype)) return [cast(grad, src)];
  return [null];
};

const selectGrad: GradientFunction = (op, grads) => {
  const grad = first(grads);
  const c = input(op, 0);
  const zerosT = zerosLike(input(op, 1));
  return [null, select(c, grad, zerosT), select(c, zerosT, grad)];
};

const clipByValueGrad: GradientFunction = (op, grads) => {
  const grad = first(grads);
  const x = input(op, 0);
  const y = input(op, 1);
  const z = input(op, 2);
  const sx = shape(x);
  const sy = shape(y);
  const sz = shape(z);
  const zerosT = zeros(shape(grad), grad.dtype);
  const xymask = less(x, y);
  const xzmask = greater(x, z);
  const [rx, ry] = broadcastGradientArgs(sx, sy);
  const rz = broadcastGradientArgs(sx, sz)[1];
  const xgrad = select(logicalOr(xymask, xzmask), zerosT, grad);
  const ygrad = select(xymask, grad, zerosT);
  const zgrad = select(xzmask, grad, zerosT);
  return [sumToShape(xgrad, rx, sx), sumToShape(ygrad, ry, sy), sumToShape(zgrad, rz, sz)];
};

/** Piecewise-constant ops: TensorFlow registers a gradient of None for them. */
const noGrad: GradientFunction = () => [null];

const addNGrad: GradientFunction = (op, grads) => op.inputs.map(() => first(grads));

// ---------------------------------------------------------------- matrix products

const matMulGrad: GradientFunction = (op, grads) => {
  const grad = first(grads);
  const tA = op.attrs.transpose_a === true;
  const tB = op.attrs.transpose_b === true;
  const a = input(op, 0);
  const b = input(op, 1);
  const mm = (x: Tensor, y: Tensor, transposeA: boolean, transposeB: boolean) =>
    genOp1Local('MatMul', [x, y], { transpose_a: transposeA, transpose_b: transposeB });
  if (!tA && !tB) return [mm(grad, b, false, true), mm(a, grad, true, false)];
  if (!tA && tB) return [mm(grad, b, false, false), mm(grad, a, true, false)];
  if (tA && !tB) return [mm(b, grad, false, true), mm(a, grad, false, false)];
  return [mm(b, grad, true, true), mm(grad, a, true, true)];
};

const batchMatMulGrad: GradientFunction = (op, grads) => {
  const grad = first(grads);
  const x = input(op, 0);
  const y = input(op, 1);
  const adjX = op.attrs.adj_x === true;
  const adjY = op.attrs.adj_y === true;
  let gx: Tensor;
  let gy: Tensor;
  if (!adjX) {
    if (!adjY) {
      gx = matMul(grad, y, { adjointB: true });
      gy = matMul(x, grad, { adjointA: true });
    } else {
      gx = matMul(grad, y);
      gy = matMul(grad, x, { adjointA: true });
    }
  } else if (!adjY) {
    gx = matMul(y, grad, { adjointB: true });
    gy = matMul(x, grad);
  } else {
    gx = matMul(y, grad, { adjointA: true, adjointB: true });
    gy = matMul(grad, x, { adjointA: true, adjointB: true });
  }
  if (!(x.shape.isFullyDefined() && y.shape.isFullyDefined() && x.shape.equals(y.shape))) {
    const sx = shape(x);
    const sy = shape(y);
    const [rx, ry] = broadcastGradientArgs(index(sx, [':-2']), index(sy, [':-2']));
    gx = sumToShape(gx, rx, sx);
    gy = sumToShape(gy, ry, sy);
  }
  return [gx, gy];
};

// ---------------------------------------------------------------- reductions

const sumGrad: GradientFunction = (op, grads) => {
  let grad = first(grads);
  const x = input(op, 0);
  const axes = input(op, 1);
  const dims = x.shape.dims;
  const axisValues = constantInts(axes);
  if (dims !== null && axisValues !== undefined) {
    const r = dims.length;
    const sorted = [...new Set(axisValues.map((a) => ((a % r) + r) % r))].sort((p, q) => p - q);
    if (sorted.length === r && sorted.every((a, i) => a === i)) {
      // Reducing every dimension: reshape to all-ones and tile, as TensorFlow's fast path does.
      grad = reshape(grad, new Array<number>(r).fill(1));
      const inputShape = dims.every((d) => d !== null) ? constant(dims as number[], { dtype: 'int32' }) : shape(x);
      return [tile(grad, inputShape), null];
    }
  }
  const inputShape = shape(x);
  const keptDims = reducedShape(x, axes);
  const tileScaling = safeShapeDiv(inputShape, keptDims);
  grad = reshape(grad, keptDims);
  return [tile(grad, tileScaling), null];
};

const meanGrad: GradientFunction = (op, grads) => {
  const sum = sumGrad(op, grads)[0] as Tensor;
  const inSize = input(op, 0).shape.numElements();
  const outSize = output(op).shape.numElements();
  let factor: Tensor;
  if (inSize !== null && outSize !== null) {
    factor = constant(Math.floor(inSize / Math.max(outSize, 1)), { dtype: sum.dtype });
  } else {
    const f = safeShapeDiv(reduceProd(shape(input(op, 0))), reduceProd(shape(output(op))));
    factor = cast(f, sum.dtype);
  }
  return [div(sum, factor), null];
};

const minOrMaxGrad: GradientFunction = (op, grads) => {
  const x = input(op, 0);
  const axes = input(op, 1);
  const keptDims = reducedShape(x, axes);
  const y = reshape(output(op), keptDims);
  const grad = reshape(first(grads), keptDims);
  // Ties share the gradient equally, as in TensorFlow.
  const indicators = cast(genOp1Local('Equal', [y, x]), grad.dtype);
  const numSelected = reshape(reduceSum(indicators, { axis: axes }), keptDims);
  return [mul(div(indicators, numSelected), grad), null];
};

const l2LossGrad: GradientFunction = (op, grads) => [mul(input(op, 0), first(grads))];

// ---------------------------------------------------------------- helpers

function genOp1Local(type: string, inputs: readonly Tensor[], attrs?: Record<string, AttrValue>): Tensor {
  return genOp1({ type, inputs, ...(attrs !== undefined ? { attrs } : {}) });
}

/** Whether gradients flow through a tensor of this dtype (TensorFlow's `IsTrainable`). */
export function isTrainableDType(dtype: DType): boolean {
  return isFloating(dtype) || isComplex(dtype);
}

export const MATH_GRADIENTS: readonly [string, GradientFunction][] = [
  ['Add', addGrad],
  ['AddV2', addGrad],
  ['Sub', subGrad],
  ['Mul', mulGrad],
  ['RealDiv', realDivGrad],
  ['Div', realDivGrad],
  ['FloorMod', floorModGrad],
  ['Pow', powGrad],
  ['Maximum', maximumMinimumGrad(greaterEqual)],
  ['Minimum', maximumMinimumGrad(lessEqual)],
  ['SquaredDifference', squaredDifferenceGrad],
  ['Neg', negGrad],
  ['Abs', absGrad],
  ['Sign', zeroGrad],
  ['Square', squareGrad],
  ['Sqrt', sqrtGrad],
  ['Rsqrt', rsqrtGrad],
  ['Reciprocal', reciprocalGrad],
  ['Exp', expGrad],
  ['Log', logGrad],
  ['Log1p', log1pGrad],
  ['Sin', sinGrad],
  ['Cos', cosGrad],
  ['Sigmoid', sigmoidGrad],
  ['Tanh', tanhGrad],
  ['Floor', noGrad],
  ['Ceil', noGrad],
  ['Round', noGrad],
  ['Cast', castGrad],
  ['Select', selectGrad],
  ['ClipByValue', clipByValueGrad],
  ['AddN', addNGrad],
  ['MatMul', matMulGrad],
  ['BatchMatMulV2', batchMatMulGrad],
  ['Sum', sumGrad],
  ['Mean', meanGrad],
  ['Max', minOrMaxGrad],
  ['Min', minOrMaxGrad],
  ['L2Loss', l2LossGrad],
];
