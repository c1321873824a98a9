import type { CudaKernel, KernelCall } from './kernel-call.js';
import { F32, F32_I32, STORED } from './kernel-call.js';

function unary(name: string, dtypes = F32, alpha?: (k: KernelCall) => number): CudaKernel {
  return {
    dtypes,
    run(k) {
      const code = k.ops.unary[name];
      if (code === undefined) throw k.error(`the addon has no unary kernel '${name}'`);
      k.ctx.unary(code, k.buf(k.input(0)), k.buf(k.output(0)), alpha ? alpha(k) : 0);
    },
  };
}

function binary(name: string, dtypes = F32_I32): CudaKernel {
  return {
    dtypes,
    run(k) {
      const code = k.ops.binary[name];
      if (code === undefined) throw k.error(`the addon has no binary kernel '${name}'`);
      const x = k.input(0), y = k.input(1), z = k.output(0);
      k.ctx.binary(code, k.buf(x), x.shape, k.buf(y), y.shape, k.buf(z), z.shape);
    },
  };
}

const INT_TOO = ['Neg', 'Abs', 'Sign', 'Square', 'Round', 'Relu'];
const UNARY_FLOAT = ['Sqrt', 'Rsqrt', 'Reciprocal', 'Exp', 'Log', 'Log1p', 'Sin', 'Cos', 'Floor', 'Ceil', 'Relu6',
  'Sigmoid', 'Tanh', 'Softplus', 'Elu'];
const ARITHMETIC = ['Add', 'Sub', 'Mul', 'RealDiv', 'Div', 'FloorDiv', 'FloorMod', 'TruncateMod', 'Pow', 'Maximum',
  'Minimum', 'SquaredDifference'];
const GRADS = ['Relu6Grad', 'SoftplusGrad', 'EluGrad', 'SigmoidGrad', 'TanhGrad'];

/** Elementwise math: unary maps, broadcasting binary ops, comparisons, logic, Select, clipping, casts, AddN. */
export const ELEMENTWISE_KERNELS: Readonly<Record<string, CudaKernel>> = {
  ...Object.fromEntries(INT_TOO.map((n) => [n, unary(n, F32_I32)])),
  ...Object.fromEntries(UNARY_FLOAT.map((n) => [n, unary(n)])),
  LeakyRelu: unary('LeakyRelu', F32, (k) => k.floatAttr('alpha')),
  LogicalNot: unary('LogicalNot', ['bool']),
  OnesLike: unary('OnesLike', ['float32', 'int32', 'bool']),
  ZerosLike: { dtypes: STORED, run: (k) => k.ctx.fillZero(k.buf(k.output(0))) },
  ...Object.fromEntries(ARITHMETIC.map((n) => [n, binary(n)])),
  AddV2: binary('Add'),
  Equal: binary('Equal', ['float32', 'int32', 'bool']),
  NotEqual: binary('NotEqual', ['float32', 'int32', 'bool']),
  Less: binary('Less'),
  LessEqual: binary('LessEqual'),
  Greater: binary('Greater'),
  GreaterEqual: binary('GreaterEqual'),
  LogicalAnd: binary('LogicalAnd', ['bool']),
  LogicalOr: binary('LogicalOr', ['bool']),
  ReluGrad: binary('ReluGrad'),
  ...Object.fromEntries(GRADS.map((n) => [n, binary(n, F32)])),

  Select: {
    dtypes: STORED,
    run(k) {
      const c = k.input(0), t = k.input(1), e = k.input(2), out = k.output(0);
      // TF1 Select also takes a vector condition that picks whole rows of t/e.
      const cShape = c.shape.length === 1 && t.shape.length > 1
        ? [c.shape[0] as number, ...new Array<number>(t.shape.length - 1).fill(1)]
        : c.shape;
      k.ctx.ternary(k.ops.ternary.Select as number, k.buf(c), cShape, k.buf(t), t.shape, k.buf(e), e.shape, k.buf(out), out.shape);
    },
  },
  ClipByValue: {
    dtypes: F32_I32,
    run(k) {
      const t = k.input(0), lo = k.input(1), hi = k.input(2), out = k.output(0);
      k.ctx.ternary(k.ops.ternary.ClipByValue as number, k.buf(t), t.shape, k.buf(lo), lo.shape, k.buf(hi), hi.shape, k.buf(out), out.shape);
    },
  },
  Cast: {
    dtypes: STORED,
    run(k) {
      const dst = k.stringAttr('DstT');
      if (!STORED.includes(dst as never)) throw k.error(`Cast to ${dst} has no CUDA kernel`);
      k.ctx.cast(k.buf(k.input(0)), k.buf(k.output(0)));
    },
  },
  AddN: {
    dtypes: F32_I32,
    run(k) {
      const out = k.output(0);
      const n = k.call.inputs.length;
      if (n === 1) {
        k.ctx.copyBuffer(k.buf(out), k.buf(k.input(0)));
        return;
      }
      // Accumulate pairwise into the output; elementwise same-index reads make in-place safe.
      const add = k.ops.binary.Add as number;
      k.ctx.binary(add, k.buf(k.input(0)), out.shape, k.buf(k.input(1)), out.shape, k.buf(out), out.shape);
      for (let i = 2; i < n; i++) k.ctx.binary(add, k.buf(out), out.shape, k.buf(k.input(i)), out.shape, k.buf(out), out.shape);
    },
  },
};
