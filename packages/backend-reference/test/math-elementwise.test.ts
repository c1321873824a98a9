import { KernelRuntimeError } from '@varscope/kernel-api';
import type { DType } from '@varscope/kernel-api';
import { describe, expect, it } from 'vitest';
import { run1, scalar, tensor, vec } from './support/run-op.js';
import type { HostTensor } from '@varscope/kernel-api';

const bin = (op: string, x: HostTensor, y: HostTensor, shape: number[] = [...x.shape], out: DType = x.dtype) =>
  run1(op, [x, y], { dtype: out, shape }, { T: x.dtype });
const un = (op: string, x: HostTensor) => run1(op, [x], { dtype: x.dtype, shape: [...x.shape] }, { T: x.dtype });

describe('binary arithmetic', () => {
  it('broadcasts numpy-style, including scalars, size-1 corners and 0-size tensors', () => {
    const a = tensor('float32', [2, 1, 3], [1, 2, 3, 4, 5, 6]);
    const b = tensor('float32', [4, 1], [10, 20, 30, 40]);
    expect(bin('Add', a, b, [2, 4, 3])).toEqual([
      11, 12, 13, 21, 22, 23, 31, 32, 33, 41, 42, 43,
      14, 15, 16, 24, 25, 26, 34, 35, 36, 44, 45, 46,
    ]);
    expect(bin('Sub', scalar('float64', 1), scalar('float64', 3), [])).toEqual([-2]);
    expect(bin('Mul', tensor('int32', [0, 3], []), vec('int32', [1, 2, 3]), [0, 3])).toEqual([]);
    expect(bin('AddV2', tensor('int32', [1, 0], []), tensor('int32', [3, 1], [1, 2, 3]), [3, 0])).toEqual([]);
  });

  it('wraps integer arithmetic around like C', () => {
    expect(bin('Add', vec('int32', [2147483647, -2147483648]), vec('int32', [1, -1]))).toEqual([-2147483648, 2147483647]);
    expect(bin('Mul', vec('int32', [65536, 123456789]), vec('int32', [65536, 987654321])))
      .toEqual([0, Number(BigInt.asIntN(32, 123456789n * 987654321n))]);
    expect(bin('Add', vec('uint8', [250]), vec('uint8', [10]))).toEqual([4]);
    expect(bin('Sub', vec('uint8', [3]), vec('uint8', [5]))).toEqual([254]);
    expect(bin('Mul', vec('int8', [100]), vec('int8', [3]))).toEqual([44]);
    expect(bin('Mul', vec('uint32', [4294967295]), vec('uint32', [4294967295]))).toEqual([1]);
    expect(bin('Add', vec('int64', [2n ** 63n - 1n]), vec('int64', [1n]))).toEqual([-(2n ** 63n)]);
    expect(bin('Mul', vec('int64', [2n ** 62n]), vec('int64', [4n]))).toEqual([0n]);
    expect(bin('Sub', vec('uint64', [0n]), vec('uint64', [1n]))).toEqual([2n ** 64n - 1n]);
  });

  it('rounds float results to the dtype (float32, float16, bfloat16)', () => {
    expect(bin('Add', vec('float32', [0.1]), vec('float32', [0.2]))).toEqual([Math.fround(Math.fround(0.1) + Math.fround(0.2))]);
    expect(bin('Add', vec('float16', [1]), vec('float16', [2 ** -11]))).toEqual([1]); // a tie: even
    expect(bin('Add', vec('float16', [1]), vec('float16', [3 * 2 ** -11]))).toEqual([1 + 2 ** -9]);
    expect(bin('Mul', vec('bfloat16', [3]), vec('bfloat16', [1 / 3]))).toEqual([1]);
    expect(bin('Add', vec('float16', [65504]), vec('float16', [32]))).toEqual([Infinity]);
  });

  it('divides integers truncating toward zero and raises on a zero divisor', () => {
    expect(bin('Div', vec('int32', [7, -7, 7, -7, -2147483648]), vec('int32', [2, 2, -2, -2, -1]))).toEqual([3, -3, -3, 3, -2147483648]);
    expect(bin('Div', vec('int64', [-7n]), vec('int64', [2n]))).toEqual([-3n]);
    expect(bin('Div', vec('float32', [1, -1, 0]), vec('float32', [0, 0, 0]))).toEqual([Infinity, -Infinity, NaN]);
    expect(() => bin('Div', vec('int32', [1, 2]), vec('int32', [1, 0]))).toThrow(KernelRuntimeError);
    expect(() => bin('Div', vec('uint8', [1]), vec('uint8', [0]))).toThrow('Integer division by zero');
    expect(() => bin('FloorMod', vec('int64', [1n]), vec('int64', [0n]))).toThrow('Integer division by zero');
    expect(bin('RealDiv', vec('float64', [1]), vec('float64', [3]))).toEqual([1 / 3]);
  });

  it('implements Python floor division and modulo, and C truncated modulo', () => {
    const x = vec('int32', [7, -7, 7, -7]);
    const y = vec('int32', [2, 2, -2, -2]);
    expect(bin('FloorDiv', x, y)).toEqual([3, -4, -4, 3]);
    expect(bin('FloorMod', x, y)).toEqual([1, 1, -1, -1]);
    expect(bin('TruncateMod', x, y)).toEqual([1, -1, 1, -1]);
    expect(bin('FloorDiv', vec('int64', [-7n]), vec('int64', [2n]))).toEqual([-4n]);
    expect(bin('FloorMod', vec('int64', [-7n]), vec('int64', [2n]))).toEqual([1n]);
    expect(bin('FloorMod', vec('float32', [5.5, -5.5, 6]), vec('float32', [-2, 2, 3]))).toEqual([-0.5, 0.5, 0]);
    expect(bin('FloorDiv', vec('float64', [-7.5]), vec('float64', [2]))).toEqual([-4]);
    expect(bin('TruncateMod', vec('float32', [-5.5]), vec('float32', [2]))).toEqual([-1.5]);
  });

  it('raises integers to non-negative powers with wrap-around, floats with C semantics', () => {
    expect(bin('Pow', vec('int32', [3, 2, -2, 0]), vec('int32', [4, 31, 3, 0]))).toEqual([81, -2147483648, -8, 1]);
    expect(bin('Pow', vec('int64', [3n]), vec('int64', [40n]))).toEqual([BigInt.asIntN(64, 3n ** 40n)]);
    expect(() => bin('Pow', vec('int32', [2]), vec('int32', [-1]))).toThrow('Integers to negative integer powers are not allowed');
    expect(bin('Pow', vec('float32', [1, NaN, 2, -1]), vec('float32', [NaN, 0, 0.5, Infinity]))).toEqual([1, 1, Math.fround(Math.SQRT2), 1]);
  });

  it('propagates NaN through Maximum and Minimum', () => {
    expect(bin('Maximum', vec('float32', [NaN, 1, 2]), vec('float32', [0, NaN, 1]))).toEqual([NaN, NaN, 2]);
    expect(bin('Minimum', vec('float64', [NaN, 1, 2]), vec('float64', [0, NaN, 1]))).toEqual([NaN, NaN, 1]);
    expect(bin('Maximum', vec('int64', [-5n, 7n]), vec('int64', [3n, 2n]))).toEqual([3n, 7n]);
    expect(bin('Minimum', vec('uint16', [5, 7]), vec('uint16', [3, 9]))).toEqual([3, 7]);
  });

  it('computes SquaredDifference, conjugated for complex', () => {
    expect(bin('SquaredDifference', vec('float32', [1, -2]), vec('float32', [4, 2]))).toEqual([9, 16]);
    expect(bin('SquaredDifference', vec('int32', [70000]), vec('int32', [0]))).toEqual([Number(BigInt.asIntN(32, 70000n * 70000n))]);
    expect(bin('SquaredDifference', tensor('complex64', [1], [4, 6]), tensor('complex64', [1], [1, 2]))).toEqual([25, 0]);
  });

  it('does complex arithmetic', () => {
    const a = tensor('complex64', [1], [1, 2]);
    const b = tensor('complex64', [1], [3, 4]);
    expect(bin('Mul', a, b)).toEqual([-5, 10]);
    expect(bin('Div', tensor('complex128', [1], [-5, 10]), tensor('complex128', [1], [3, 4]))).toEqual([1, 2]);
    expect(bin('RealDiv', tensor('complex128', [1], [1, 0]), tensor('complex128', [1], [0, 1]))).toEqual([0, -1]);
    expect(bin('Add', a, tensor('complex64', [2], [10, 20, 30, 40]), [2])).toEqual([11, 22, 31, 42]);
    const p = bin('Pow', tensor('complex128', [2], [0, 1, 0, 0]), tensor('complex128', [2], [2, 0, 0, 0]));
    expect(p[0]).toBeCloseTo(-1, 14);
    expect(p[1]).toBeCloseTo(0, 14);
    expect(p.slice(2)).toEqual([1, 0]);
  });
});

describe('comparisons and logic', () => {
  it('compares by IEEE rules into bool, with broadcasting', () => {
    expect(bin('Equal', vec('float32', [NaN, 1, -0]), vec('float32', [NaN, 1, 0]), [3], 'bool')).toEqual([0, 1, 1]);
    expect(bin('NotEqual', vec('float32', [NaN, 1]), vec('float32', [NaN, 2]), [2], 'bool')).toEqual([1, 1]);
    expect(bin('Less', vec('int64', [-(2n ** 63n), 5n]), scalar('int64', 0n), [2], 'bool')).toEqual([1, 0]);
    expect(bin('GreaterEqual', vec('uint32', [4294967295, 0]), vec('uint32', [4294967294, 0]), [2], 'bool')).toEqual([1, 1]);
    expect(bin('LessEqual', vec('float16', [1, 2]), vec('float16', [1, 1]), [2], 'bool')).toEqual([1, 0]);
    expect(bin('Greater', vec('float64', [NaN]), vec('float64', [0]), [1], 'bool')).toEqual([0]);
    expect(bin('Equal', tensor('complex64', [2], [1, 2, 1, 2]), tensor('complex64', [2], [1, 2, 1, 3]), [2], 'bool')).toEqual([1, 0]);
    expect(bin('Equal', vec('qint8', [-3, 4]), vec('qint8', [-3, 5]), [2], 'bool')).toEqual([1, 0]);
    expect(bin('Equal', vec('bool', [true, false]), vec('bool', [true, true]), [2], 'bool')).toEqual([1, 0]);
  });

  it('combines bools', () => {
    const x = vec('bool', [true, true, false, false]);
    const y = vec('bool', [true, false, true, false]);
    expect(run1('LogicalAnd', [x, y], { dtype: 'bool', shape: [4] })).toEqual([1, 0, 0, 0]);
    expect(run1('LogicalOr', [x, y], { dtype: 'bool', shape: [4] })).toEqual([1, 1, 1, 0]);
    expect(run1('LogicalNot', [x], { dtype: 'bool', shape: [4] })).toEqual([0, 0, 1, 1]);
    expect(run1('LogicalAnd', [x, scalar('bool', true)], { dtype: 'bool', shape: [4] })).toEqual([1, 1, 0, 0]);
  });
});

describe('unary math', () => {
  it('rounds half to even', () => {
    expect(un('Round', vec('float32', [0.5, 1.5, 2.5, -0.5, -1.5, 2.4999, -2.6]))).toEqual([0, 2, 2, -0, -2, 2, -3]);
    expect(un('Round', vec('float16', [2.5, 3.5]))).toEqual([2, 4]);
    expect(un('Round', vec('int32', [7]))).toEqual([7]);
  });

  it('keeps NaN in Sign and wraps INT_MIN in Abs and Neg', () => {
    expect(un('Sign', vec('float32', [NaN, -0, -3, 2]))).toEqual([NaN, 0, -1, 1]);
    expect(un('Sign', vec('int64', [-9n, 0n]))).toEqual([-1n, 0n]);
    expect(un('Abs', vec('int8', [-128, -5]))).toEqual([-128, 5]);
    expect(un('Neg', vec('int32', [-2147483648, 5]))).toEqual([-2147483648, -5]);
    expect(un('Abs', vec('int64', [-(2n ** 63n)]))).toEqual([-(2n ** 63n)]);
    expect(un('Square', vec('int32', [65536]))).toEqual([0]);
  });

  it('computes float functions rounded once to the dtype', () => {
    expect(un('Sqrt', vec('float32', [2, -1]))).toEqual([Math.fround(Math.SQRT2), NaN]);
    expect(un('Rsqrt', vec('float32', [4, 0]))).toEqual([0.5, Infinity]);
    expect(un('Exp', vec('float64', [1]))).toEqual([Math.E]);
    expect(un('Log', vec('float32', [0, -1]))).toEqual([-Infinity, NaN]);
    expect(un('Log1p', vec('float64', [1e-20]))).toEqual([1e-20]);
    expect(un('Reciprocal', vec('float16', [3]))).toEqual([0.333251953125]);
    expect(un('Floor', vec('float32', [-1.5, 1.5]))).toEqual([-2, 1]);
    expect(un('Ceil', vec('float32', [-1.5, 1.5]))).toEqual([-1, 2]);
    expect(un('Sin', vec('float64', [Math.PI / 2]))).toEqual([1]);
    expect(un('Cos', vec('float64', [0]))).toEqual([1]);
  });

  it('divides 1 by an integer truncating, raising on zero', () => {
    expect(un('Reciprocal', vec('int32', [1, -1, 2]))).toEqual([1, -1, 0]);
    expect(() => un('Reciprocal', vec('int32', [0]))).toThrow('Integer division by zero');
  });

  it('takes principal branches for complex functions', () => {
    expect(un('Sqrt', tensor('complex128', [2], [-4, 0, 3, 4]))).toEqual([0, 2, 2, 1]);
    expect(un('Log', tensor('complex128', [1], [-1, 0]))).toEqual([0, Math.PI]);
    const e = un('Exp', tensor('complex128', [1], [0, Math.PI]));
    expect(e[0]).toBe(-1);
    expect(e[1]).toBeCloseTo(0, 15);
    expect(un('Square', tensor('complex64', [1], [1, 2]))).toEqual([-3, 4]);
    expect(un('Neg', tensor('complex64', [1], [1, -2]))).toEqual([-1, 2]);
    expect(un('Sign', tensor('complex128', [2], [3, 4, 0, 0]))).toEqual([0.6, 0.8, 0, 0]);
    expect(un('Reciprocal', tensor('complex128', [1], [0, 2]))).toEqual([0, -0.5]);
    expect(un('Rsqrt', tensor('complex128', [1], [-4, 0]))).toEqual([0, -0.5]);
    const s = un('Sin', tensor('complex128', [1], [0, 1]));
    expect(s).toEqual([0, Math.sinh(1)]);
    expect(un('Cos', tensor('complex128', [1], [0, 1]))).toEqual([Math.cosh(1), -0]);
  });

  it('leaves Relu of integers and 0-size tensors alone', () => {
    expect(un('Relu', vec('int64', [-3n, 4n]))).toEqual([0n, 4n]);
    expect(un('Exp', tensor('float32', [2, 0], []))).toEqual([]);
  });
});

describe('ClipByValue and Select', () => {
  it('clips with scalar or same-shaped bounds; NaN passes through', () => {
    expect(run1('ClipByValue', [vec('float32', [-5, 0.5, 5, NaN]), scalar('float32', 0), scalar('float32', 1)], { dtype: 'float32', shape: [4] }, { T: 'float32' }))
      .toEqual([0, 0.5, 1, NaN]);
    expect(run1('ClipByValue', [vec('int32', [1, 5, 9]), vec('int32', [2, 2, 2]), vec('int32', [3, 4, 8])], { dtype: 'int32', shape: [3] }, { T: 'int32' }))
      .toEqual([2, 4, 8]);
    expect(() => run1('ClipByValue', [vec('int32', [1, 5, 9]), vec('int32', [2, 2]), scalar('int32', 3)], { dtype: 'int32', shape: [3] }, { T: 'int32' }))
      .toThrow(/clip_value_min must be a scalar or have the shape of t/);
  });

  it('selects elementwise, by rows, or by a scalar condition', () => {
    const t = tensor('int64', [2, 2], [1n, 2n, 3n, 4n]);
    const e = tensor('int64', [2, 2], [5n, 6n, 7n, 8n]);
    const out = { dtype: 'int64' as const, shape: [2, 2] };
    expect(run1('Select', [tensor('bool', [2, 2], [true, false, false, true]), t, e], out, { T: 'int64' })).toEqual([1n, 6n, 7n, 4n]);
    expect(run1('Select', [vec('bool', [false, true]), t, e], out, { T: 'int64' })).toEqual([5n, 6n, 3n, 4n]);
    expect(run1('Select', [scalar('bool', true), t, e], out, { T: 'int64' })).toEqual([1n, 2n, 3n, 4n]);
    expect(run1('Select', [vec('bool', [true, false]), tensor('complex64', [2], [1, 2, 3, 4]), tensor('complex64', [2], [5, 6, 7, 8])], { dtype: 'complex64', shape: [2] }, { T: 'complex64' }))
      .toEqual([1, 2, 7, 8]);
    expect(() => run1('Select', [vec('bool', [true, false, true]), t, e], out, { T: 'int64' })).toThrow(/condition \[3\]/);
  });
});

describe('AddN', () => {
  it('sums N tensors in input order', () => {
    expect(run1('AddN', [vec('float32', [1, 2]), vec('float32', [3, 4]), vec('float32', [5, 6])], { dtype: 'float32', shape: [2] }, { N: 3, T: 'float32' })).toEqual([9, 12]);
    expect(run1('AddN', [vec('uint8', [200]), vec('uint8', [100])], { dtype: 'uint8', shape: [1] }, { N: 2, T: 'uint8' })).toEqual([44]);
    expect(run1('AddN', [tensor('complex128', [1], [1, 2])], { dtype: 'complex128', shape: [1] }, { N: 1, T: 'complex128' })).toEqual([1, 2]);
  });
});
