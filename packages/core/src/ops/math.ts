import type { DType } from '@varscope/kernel-api';
import { isComplex, isFloating, isInteger } from '@varscope/kernel-api';
import { asDType } from '../dtypes/index.js';
import { ValueError } from '../errors.js';
import { getDefaultGraph } from '../graph/graph.js';
import { Tensor } from '../graph/tensor.js';
import { identity } from './control.js';
import { convertToTensor } from './convert.js';
import type { TensorInput } from './convert.js';
import { convertOpInputs, genOp1, isSymbolic, requireOpDef } from './op-inputs.js';

/** The trailing options of most op functions. */
export interface NameOptions {
  readonly name?: string;
}

// ---------------------------------------------------------------- Python operators

/**
 * A binary op the way TensorFlow's Python operators build it (`x + y`): a name scope named
 * after the operator (`add`, `sub`…; `name` overrides), a plain-value operand converted to the
 * other operand's dtype inside it (`add/y`, or `add/x` for a left operand), the op named
 * after the scope.
 */
function operator(type: string, operatorName: string, x: TensorInput, y: TensorInput, options: NameOptions): Tensor {
  return genOp1({ type, name: options.name, defaultName: operatorName, inputs: [x, y] });
}

/** `x + y` with broadcasting (op `Add`, named `add` like Python's `+`). */
export function add(x: TensorInput, y: TensorInput, options: NameOptions = {}): Tensor {
  return operator('Add', 'add', x, y, options);
}

/** `x - y` (op `Sub`, named `sub`). */
export function sub(x: TensorInput, y: TensorInput, options: NameOptions = {}): Tensor {
  return operator('Sub', 'sub', x, y, options);
}

/** `x * y` (op `Mul`, named `mul`). */
export function mul(x: TensorInput, y: TensorInput, options: NameOptions = {}): Tensor {
  return operator('Mul', 'mul', x, y, options);
}

/** Python 3's `x // y`: floor division (op `FloorDiv`, named `floordiv`). */
export function floorDiv(x: TensorInput, y: TensorInput, options: NameOptions = {}): Tensor {
  return operator('FloorDiv', 'floordiv', x, y, options);
}

/** Python's `x % y`: the remainder with the sign of `y` (op `FloorMod`, named `mod`). */
export function mod(x: TensorInput, y: TensorInput, options: NameOptions = {}): Tensor {
  return operator('FloorMod', 'mod', x, y, options);
}

/** `x ** y` (op `Pow`, named `pow`). */
export function pow(x: TensorInput, y: TensorInput, options: NameOptions = {}): Tensor {
  return operator('Pow', 'pow', x, y, options);
}

/** The float dtype TensorFlow's true division computes integer operands in (`_TRUEDIV_TABLE`). */
const TRUEDIV_CAST: Partial<Record<DType, DType>> = {
  uint8: 'float32', int8: 'float32', uint16: 'float32', int16: 'float32',
  int32: 'float64', int64: 'float64', uint32: 'float64', uint64: 'float64',
};

/**
 * Python 3's `x / y` (TensorFlow's `truediv`): integers are first cast to float (8- and 16-bit
 * to float32, 32- and 64-bit to float64), then op `RealDiv`, named `truediv`.
 */
export function div(x: TensorInput, y: TensorInput, options: NameOptions = {}): Tensor {
  const g = getDefaultGraph();
  return g.atomically(() => g.nameScope(options.name || 'truediv', (scope) => {
    let [tx, ty] = convertOpInputs(requireOpDef('RealDiv'), [x, y], { skipAllowedTypes: true }) as [Tensor, Tensor];
    const target = TRUEDIV_CAST[tx.dtype];
    if (target === undefined && !isFloating(tx.dtype) && !isComplex(tx.dtype)) {
      throw new TypeError(`Invalid dtype ${tx.dtype} in __truediv__`);
    }
    if (target !== undefined) {
      tx = cast(tx, target);
      ty = cast(ty, target);
    }
    return g.createOp({ type: 'RealDiv', inputs: [tx, ty], name: scope }).output(0);
  }));
}

/** `truediv`, TensorFlow's name for {@link div}. */
export const truediv = div;

/** `x / y` for floating types (op `RealDiv`). */
export function realDiv(x: TensorInput, y: TensorInput, options: NameOptions = {}): Tensor {
  return genOp1({ type: 'RealDiv', name: options.name, inputs: [x, y] });
}

/**
 * TensorFlow 1.x's `tf.div` (Python 2 division): `RealDiv` for floating types, `FloorDiv` for
 * integers, named `div`.
 */
export function divPython2(x: TensorInput, y: TensorInput, options: NameOptions = {}): Tensor {
  const g = getDefaultGraph();
  return g.atomically(() => g.nameScope(options.name || 'div', (scope) => {
    const [tx, ty] = convertOpInputs(requireOpDef('RealDiv'), [x, y], {}) as [Tensor, Tensor];
    const type = isFloating(tx.dtype) || isComplex(tx.dtype) ? 'RealDiv' : 'FloorDiv';
    return g.createOp({ type, inputs: [tx, ty], name: scope }).output(0);
  }));
}

// ---------------------------------------------------------------- binary functions

/** `max(x, y)` elementwise (op `Maximum`). */
export function maximum(x: TensorInput, y: TensorInput, options: NameOptions = {}): Tensor {
  return genOp1({ type: 'Maximum', name: options.name, inputs: [x, y] });
}

/** `min(x, y)` elementwise (op `Minimum`). */
export function minimum(x: TensorInput, y: TensorInput, options: NameOptions = {}): Tensor {
  return genOp1({ type: 'Minimum', name: options.name, inputs: [x, y] });
}

/** `(x - y)²` (op `SquaredDifference`). */
export function squaredDifference(x: TensorInput, y: TensorInput, options: NameOptions = {}): Tensor {
  return genOp1({ type: 'SquaredDifference', name: options.name, inputs: [x, y] });
}

/** The remainder with the sign of `x` (op `TruncateMod`). */
export function truncateMod(x: TensorInput, y: TensorInput, options: NameOptions = {}): Tensor {
  return genOp1({ type: 'TruncateMod', name: options.name, inputs: [x, y] });
}

// ---------------------------------------------------------------- unary functions

const unary = (type: string) => (x: TensorInput, options: NameOptions = {}): Tensor =>
  genOp1({ type, name: options.name, inputs: [x] });

/** `-x` (op `Neg`; TensorFlow's `tf.negative`). */
export const neg: (x: TensorInput, options?: NameOptions) => Tensor = unary('Neg');
/** `|x|` (op `Abs`). */
export const abs: (x: TensorInput, options?: NameOptions) => Tensor = unary('Abs');
/** `x²` (op `Square`). */
export const square: (x: TensorInput, options?: NameOptions) => Tensor = unary('Square');
/** `√x` (op `Sqrt`). */
export const sqrt: (x: TensorInput, options?: NameOptions) => Tensor = unary('Sqrt');
/** `1/√x` (op `Rsqrt`). */
export const rsqrt: (x: TensorInput, options?: NameOptions) => Tensor = unary('Rsqrt');
/** `eˣ` (op `Exp`). */
export const exp: (x: TensorInput, options?: NameOptions) => Tensor = unary('Exp');
/** `ln x` (op `Log`). */
export const log: (x: TensorInput, options?: NameOptions) => Tensor = unary('Log');
/** `ln(1 + x)` (op `Log1p`). */
export const log1p: (x: TensorInput, options?: NameOptions) => Tensor = unary('Log1p');
/** `sin x` (op `Sin`). */
export const sin: (x: TensorInput, options?: NameOptions) => Tensor = unary('Sin');
/** `cos x` (op `Cos`). */
export const cos: (x: TensorInput, options?: NameOptions) => Tensor = unary('Cos');
/** -1, 0 or 1 by the sign of x (op `Sign`). */
export const sign: (x: TensorInput, options?: NameOptions) => Tensor = unary('Sign');
/** `1/x` (op `Reciprocal`). */
export const reciprocal: (x: TensorInput, options?: NameOptions) => Tensor = unary('Reciprocal');
/** `⌊x⌋` (op `Floor`). */
export const floor: (x: TensorInput, options?: NameOptions) => Tensor = unary('Floor');
/** `⌈x⌉` (op `Ceil`). */
export const ceil: (x: TensorInput, options?: NameOptions) => Tensor = unary('Ceil');

/** `x` rounded half to even (op `Round`); an integer tensor is returned as is, as TensorFlow does. */
export function round(x: TensorInput, options: NameOptions = {}): Tensor {
  const t = convertToTensor(x, { name: 'x' });
  if (isInteger(t.dtype)) return t;
  return genOp1({ type: 'Round', name: options.name, inputs: [t] });
}

/** `1 / (1 + e⁻ˣ)` (op `Sigmoid`). */
export const sigmoid: (x: TensorInput, options?: NameOptions) => Tensor = unary('Sigmoid');
/** `tanh x` (op `Tanh`). */
export const tanh: (x: TensorInput, options?: NameOptions) => Tensor = unary('Tanh');

// ---------------------------------------------------------------- cast

/**
 * `x` converted to `dtype` (TensorFlow's `tf.cast`, op `Cast`). A tensor that already has the
 * dtype is returned as is, without an op; float → int truncates toward zero.
 */
export function cast(x: TensorInput, dtype: DType | string, options: NameOptions = {}): Tensor {
  const target = asDType(dtype);
  if (x instanceof Tensor && x.dtype === target) return x;
  const g = getDefaultGraph();
  return g.atomically(() => g.nameScope(options.name || 'Cast', (scope) => {
    const t = convertToTensor(x, { name: 'x' });
    if (t.dtype === target) return t;
    return g.createOp({ type: 'Cast', inputs: [t], attrs: { DstT: target }, name: scope }).output(0);
  }));
}

/** `cast(x, 'float32')`. */
export function toFloat(x: TensorInput, options: NameOptions = {}): Tensor {
  return cast(x, 'float32', { name: options.name || 'ToFloat' });
}

/** `cast(x, 'int32')`. */
export function toInt32(x: TensorInput, options: NameOptions = {}): Tensor {
  return cast(x, 'int32', { name: options.name || 'ToInt32' });
}

// ---------------------------------------------------------------- n-ary

/**
 * The elementwise sum of tensors of one shape and dtype (op `AddN`). One input is returned as
 * is (or through an `Identity` when `name` is given), as TensorFlow does.
 */
export function addN(inputs: readonly TensorInput[], options: NameOptions = {}): Tensor {
  if (!Array.isArray(inputs) || inputs.length === 0) {
    throw new ValueError('inputs must be a list of at least one Tensor/IndexedSlices with the same dtype and shape');
  }
  const g = getDefaultGraph();
  return g.atomically(() => {
    const tensors = inputs.map((x) => convertToTensor(x));
    if (tensors.length === 1) {
      const only = tensors[0] as Tensor;
      return options.name ? identity(only, { name: options.name }) : only;
    }
    return genOp1({ type: 'AddN', name: options.name, inputs: [tensors], attrs: { N: tensors.length } });
  });
}

// ---------------------------------------------------------------- matrix products

export interface MatMulOptions extends NameOptions {
  readonly transposeA?: boolean;
  readonly transposeB?: boolean;
  /** Conjugate-transpose `a` (equals `transposeA` for real types). */
  readonly adjointA?: boolean;
  readonly adjointB?: boolean;
}

/**
 * The matrix product `a · b` (TensorFlow's `tf.matmul`): op `MatMul` for rank-2 operands,
 * `BatchMatMulV2` (with broadcasting over the leading dimensions) when either rank is above 2
 * or unknown. Both operands must have one dtype.
 */
export function matMul(a: TensorInput, b: TensorInput, options: MatMulOptions = {}): Tensor {
  const { transposeA = false, transposeB = false, adjointA = false, adjointB = false } = options;
  if (transposeA && adjointA) throw new ValueError('Only one of transpose_a and adjoint_a can be True.');
  if (transposeB && adjointB) throw new ValueError('Only one of transpose_b and adjoint_b can be True.');
  const g = getDefaultGraph();
  return g.atomically(() => g.nameScope(options.name || 'MatMul', (scope) => {
    // A plain operand takes the other operand's dtype, as Python's `@` operator does.
    const bDType = !isSymbolic(a) && isSymbolic(b) ? convertToTensor(b).dtype : undefined;
    const ta = convertToTensor(a, bDType !== undefined ? { name: 'a', dtype: bDType } : { name: 'a' });
    const tb = convertToTensor(b, isSymbolic(b) ? { name: 'b' } : { name: 'b', dtype: ta.dtype });
    if (ta.dtype !== tb.dtype) {
      throw new TypeError(`Input 'b' of 'MatMul' Op has type ${tb.dtype} that does not match type ${ta.dtype} of argument 'a'.`);
    }
    const ra = ta.shape.rank;
    const rb = tb.shape.rank;
    if (ra === null || ra > 2 || rb === null || rb > 2) {
      // BatchMatMul has no transpose attrs: a transpose is an adjoint of the conjugate.
      let x = ta;
      let y = tb;
      if (transposeA && isComplex(ta.dtype)) x = conj(ta);
      if (transposeB && isComplex(tb.dtype)) y = conj(tb);
      return g.createOp({
        type: 'BatchMatMulV2', inputs: [x, y], name: scope,
        attrs: { adj_x: transposeA || adjointA, adj_y: transposeB || adjointB },
      }).output(0);
    }
    let x = ta;
    let y = tb;
    if (adjointA && isComplex(ta.dtype)) x = conj(ta);
    if (adjointB && isComplex(tb.dtype)) y = conj(tb);
    return g.createOp({
      type: 'MatMul', inputs: [x, y], name: scope,
      attrs: { transpose_a: transposeA || adjointA, transpose_b: transposeB || adjointB },
    }).output(0);
  }));
}

/** The complex conjugate; the identity (no op) for real tensors, as in TensorFlow. */
function conj(x: Tensor): Tensor {
  if (!isComplex(x.dtype)) return x;
  throw new ValueError(`conj: complex ${x.dtype} conjugation needs the Conj op, which varscope does not implement`);
}
