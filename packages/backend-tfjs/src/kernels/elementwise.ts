import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { KernelRuntimeError } from '@varscope/kernel-api';
import type { DType } from '@varscope/kernel-api';
import { input } from './kernel.js';
import type { KernelArgs, TfjsKernel } from './kernel.js';

const F: readonly DType[] = ['float32'];
const FI: readonly DType[] = ['float32', 'int32'];
const FIB: readonly DType[] = ['float32', 'int32', 'bool'];

const unary = (dtypes: readonly DType[], f: (x: Tensor) => Tensor): TfjsKernel =>
  ({ dtypes, run: (a) => [f(input(a, 0))] });
const binary = (dtypes: readonly DType[], f: (x: Tensor, y: Tensor) => Tensor): TfjsKernel =>
  ({ dtypes, run: (a) => [f(input(a, 0), input(a, 1))] });

/** TensorFlow raises on an integer divisor of zero; tfjs would quietly give 0 or Infinity. */
function checkIntegerDivisor(a: KernelArgs, y: Tensor): void {
  if (y.dtype === 'int32' && (y.dataSync() as Int32Array).includes(0)) {
    throw new KernelRuntimeError(a.op, 'Integer division by zero');
  }
}

/** Quotient rounded toward zero (C's `/`), as TensorFlow's `Div` and `TruncateDiv` do for integers. */
function truncDiv(x: Tensor, y: Tensor): Tensor {
  if (x.dtype === 'int32') return tf.mul(tf.mul(tf.sign(x), tf.sign(y)), tf.floorDiv(tf.abs(x), tf.abs(y)));
  const q = tf.div(x, y);
  return tf.where(tf.less(q, 0), tf.ceil(q), tf.floor(q));
}

/** Remainder with the sign of the dividend (C's `%`, `fmod`). */
const truncMod = (x: Tensor, y: Tensor): Tensor => tf.sub(x, tf.mul(truncDiv(x, y), y));

export const ELEMENTWISE_KERNELS: Readonly<Record<string, TfjsKernel>> = {
  Neg: unary(FI, tf.neg),
  Abs: unary(FI, tf.abs),
  Sign: unary(FI, tf.sign),
  Square: unary(FI, tf.square),
  Sqrt: unary(F, tf.sqrt),
  Rsqrt: unary(F, tf.rsqrt),
  Reciprocal: unary(F, tf.reciprocal),
  Exp: unary(F, tf.exp),
  Log: unary(F, tf.log),
  Log1p: unary(F, tf.log1p),
  Sin: unary(F, tf.sin),
  Cos: unary(F, tf.cos),
  Floor: unary(F, tf.floor),
  Ceil: unary(F, tf.ceil),
  Round: unary(F, tf.round),
  Relu: unary(FI, tf.relu),
  Relu6: unary(F, tf.relu6),
  Sigmoid: unary(F, tf.sigmoid),
  Tanh: unary(F, tf.tanh),
  Softplus: unary(F, tf.softplus),
  Elu: unary(F, tf.elu),
  Identity: unary(FIB, tf.clone),
  ZerosLike: unary(FIB, tf.zerosLike),
  OnesLike: unary(FIB, tf.onesLike),
  LogicalNot: unary(['bool'], tf.logicalNot),

  Add: binary(FI, tf.add),
  AddV2: binary(FI, tf.add),
  Sub: binary(FI, tf.sub),
  Mul: binary(FI, tf.mul),
  RealDiv: binary(F, tf.div),
  Div: { dtypes: FI, run: (a) => { checkIntegerDivisor(a, input(a, 1)); return [a.inputs[0]?.dtype === 'int32' ? truncDiv(input(a, 0), input(a, 1)) : tf.div(input(a, 0), input(a, 1))]; } },
  FloorDiv: { dtypes: FI, run: (a) => { checkIntegerDivisor(a, input(a, 1)); return [tf.floorDiv(input(a, 0), input(a, 1))]; } },
  FloorMod: { dtypes: FI, run: (a) => { checkIntegerDivisor(a, input(a, 1)); return [tf.mod(input(a, 0), input(a, 1))]; } },
  TruncateMod: { dtypes: FI, run: (a) => { checkIntegerDivisor(a, input(a, 1)); return [truncMod(input(a, 0), input(a, 1))]; } },
  Pow: binary(F, tf.pow),
  Maximum: binary(FI, tf.maximum),
  Minimum: binary(FI, tf.minimum),
  SquaredDifference: binary(FI, tf.squaredDifference),
  Equal: binary(FIB, tf.equal),
  NotEqual: binary(FIB, tf.notEqual),
  Less: binary(FI, tf.less),
  LessEqual: binary(FI, tf.lessEqual),
  Greater: binary(FI, tf.greater),
  GreaterEqual: binary(FI, tf.greaterEqual),
  LogicalAnd: binary(['bool'], tf.logicalAnd),
  LogicalOr: binary(['bool'], tf.logicalOr),

  Cast: {
    dtypes: FIB,
    run: (a) => {
      const x = input(a, 0);
      // To bool is "not zero" (NaN included); tfjs-wasm's cast keeps the low byte instead (-2 → 254, 0.25 → 0).
      if (a.attrs.DstT === 'bool' && x.dtype !== 'bool') return [tf.notEqual(x, tf.zerosLike(x))];
      return [tf.cast(x, a.attrs.DstT as 'float32' | 'int32' | 'bool')];
    },
  },
  ClipByValue: { dtypes: FI, run: (a) => [tf.minimum(tf.maximum(input(a, 0), input(a, 1)), input(a, 2))] },
  AddN: { dtypes: FI, run: (a) => [tf.addN([...a.inputs])] },
  Select: {
    dtypes: FIB,
    run: (a) => {
      const [c, t, e] = [input(a, 0), input(a, 1), input(a, 2)];
      // A vector condition picks whole rows (TensorFlow's Select); tfjs's where broadcasts, so give it the trailing 1s.
      const cond = c.rank === 1 && t.rank > 1 ? tf.reshape(c, [c.shape[0] as number, ...Array<number>(t.rank - 1).fill(1)]) : c;
      return [tf.where(cond, t, e)];
    },
  },
};
