import { KernelArgumentError, shapeSize, type DType, type KernelInvocation } from '@varscope/kernel-api';
import { broadcastStrides, collapse } from '../layout/strides.js';
import { dtypeId, opId } from '../module/op-ids.js';
import { FIXED_SIZE, FLOATS, NUMERIC, SIGNED } from './dtype-sets.js';
import { elemSize, type KernelContext, type KernelDef, type KernelTable } from './kernel-context.js';

const MAX_RANK = 8;

/** z = x ∘ y over the output's shape with broadcasting; z may alias x (AssignAdd). */
export function runBinary(ctx: KernelContext, call: KernelInvocation, op: string, xi: number, yi: number,
  z: { ptr: number; shape: readonly number[] }): void {
  const x = ctx.input(call, xi), y = ctx.input(call, yi);
  const xp = ctx.ptr(call, x, 'x'), yp = ctx.ptr(call, y, 'y');
  if (shapeSize(z.shape) === 0) return;
  const n = shapeSize(z.shape), nx = shapeSize(x.shape), ny = shapeSize(y.shape);
  let layout;
  try {
    // fast paths (no stride arithmetic): equal sizes, or one side a single element
    layout = (nx === n || nx === 1) && (ny === n || ny === 1) && (nx === n || ny === n)
      ? { dims: [n], strides: [[nx === 1 && n > 1 ? 0 : 1], [ny === 1 && n > 1 ? 0 : 1]] }
      : collapse(z.shape, [broadcastStrides(x.shape, z.shape), broadcastStrides(y.shape, z.shape)]);
  } catch (e) {
    throw new KernelArgumentError(call.op, `${call.nodeName}: ${(e as Error).message}`);
  }
  const rank = layout.dims.length;
  if (rank > MAX_RANK) throw new KernelArgumentError(call.op, `${call.nodeName}: broadcast pattern needs ${rank} dims, the kernel takes ${MAX_RANK}`);
  const args = ctx.heap.writeArgs([...layout.dims, ...layout.strides[0]!, ...layout.strides[1]!]);
  ctx.check(call, ctx.k.vs_binary(opId(op), dtypeId(x.dtype), xp, yp, z.ptr, rank, args));
}

const binary = (dtypes: readonly DType[]): KernelDef => ({
  dtypes,
  run(ctx, call) {
    const out = ctx.output(call, 0);
    runBinary(ctx, call, call.op, 0, 1, { ptr: ctx.ptr(call, out, 'z'), shape: out.shape });
  },
});

const unary = (dtypes: readonly DType[]): KernelDef => ({
  dtypes,
  run(ctx, call) {
    const x = ctx.input(call, 0), y = ctx.output(call, 0);
    const alpha = typeof call.attrs['alpha'] === 'number' ? call.attrs['alpha'] : 0;
    ctx.check(call, ctx.k.vs_unary(opId(call.op), dtypeId(x.dtype), ctx.ptr(call, x, 'x'), ctx.ptr(call, y, 'y'),
      shapeSize(x.shape), alpha));
  },
});

const COMPARABLE: readonly DType[] = NUMERIC;
const EQUATABLE: readonly DType[] = [...NUMERIC, 'bool'];
const CASTABLE: readonly DType[] = [...NUMERIC, 'bool'];

/** Writes one element of `dtype` holding `value` into the argument block; returns its address. */
function scalarArg(ctx: KernelContext, dtype: DType, value: number, slot = 512): number {
  const addr = ctx.heap.argBlock + slot * 4;
  const v = ctx.heap.views();
  switch (dtype) {
    case 'float32': v.f32[addr >> 2] = value; break;
    case 'float64': v.f64[addr >> 3] = value; break;
    case 'int32': v.i32[addr >> 2] = value; break;
    case 'int64': v.i64[addr >> 3] = BigInt(value); break;
    case 'uint8': case 'bool': v.u8[addr] = value; break;
    default: {
      // every other fixed-size type: 0 and 1 have these bit patterns in the types we fill
      const es = elemSize(dtype);
      v.u8.fill(0, addr, addr + es);
      if (value !== 0) throw new KernelArgumentError('OnesLike', `no ones-pattern for ${dtype}`);
    }
  }
  return addr;
}

export const ELEMENTWISE_KERNELS: KernelTable = {
  Add: binary(NUMERIC), AddV2: binary(NUMERIC), Sub: binary(NUMERIC), Mul: binary(NUMERIC),
  RealDiv: binary(NUMERIC), Div: binary(NUMERIC), FloorDiv: binary(NUMERIC),
  FloorMod: binary(NUMERIC), TruncateMod: binary(NUMERIC), Pow: binary(NUMERIC),
  Maximum: binary(NUMERIC), Minimum: binary(NUMERIC), SquaredDifference: binary(NUMERIC),
  Equal: binary(EQUATABLE), NotEqual: binary(EQUATABLE),
  Less: binary(COMPARABLE), LessEqual: binary(COMPARABLE), Greater: binary(COMPARABLE), GreaterEqual: binary(COMPARABLE),
  LogicalAnd: binary(['bool']), LogicalOr: binary(['bool']),
  ReluGrad: binary(FLOATS), Relu6Grad: binary(FLOATS), SoftplusGrad: binary(FLOATS), EluGrad: binary(FLOATS),
  SigmoidGrad: binary(FLOATS), TanhGrad: binary(FLOATS),

  LogicalNot: unary(['bool']),
  Neg: unary(SIGNED), Abs: unary(SIGNED), Sign: unary(SIGNED), Square: unary(NUMERIC),
  Sqrt: unary(FLOATS), Rsqrt: unary(FLOATS), Reciprocal: unary(FLOATS), Exp: unary(FLOATS), Log: unary(FLOATS),
  Log1p: unary(FLOATS), Sin: unary(FLOATS), Cos: unary(FLOATS), Floor: unary(FLOATS), Ceil: unary(FLOATS),
  Round: unary(['float32', 'float64', 'int32', 'int64']),
  Relu: unary(NUMERIC), Relu6: unary(FLOATS), Sigmoid: unary(FLOATS), Tanh: unary(FLOATS),
  Softplus: unary(FLOATS), Elu: unary(FLOATS), LeakyRelu: unary(FLOATS),

  Cast: {
    dtypes: CASTABLE,
    run(ctx, call) {
      const x = ctx.input(call, 0), y = ctx.output(call, 0);
      if (!CASTABLE.includes(y.dtype)) throw new KernelArgumentError(call.op, `${call.nodeName}: no wasm cast to ${y.dtype}`);
      ctx.check(call, ctx.k.vs_cast(dtypeId(x.dtype), dtypeId(y.dtype), ctx.ptr(call, x, 'x'), ctx.ptr(call, y, 'y'),
        shapeSize(x.shape)));
    },
  },
  Fill: {
    dtypes: FIXED_SIZE,
    run(ctx, call) {
      const value = ctx.input(call, 1), out = ctx.output(call, 0);
      ctx.check(call, ctx.k.vs_fill(elemSize(out.dtype), ctx.ptr(call, out, 'output'), shapeSize(out.shape),
        ctx.ptr(call, value, 'value')));
    },
  },
  ZerosLike: {
    dtypes: FIXED_SIZE,
    run(ctx, call) {
      const out = ctx.output(call, 0);
      ctx.check(call, ctx.k.vs_fill(elemSize(out.dtype), ctx.ptr(call, out, 'y'), shapeSize(out.shape), scalarArg(ctx, out.dtype, 0)));
    },
  },
  OnesLike: {
    dtypes: CASTABLE,
    run(ctx, call) {
      const out = ctx.output(call, 0);
      ctx.check(call, ctx.k.vs_fill(elemSize(out.dtype), ctx.ptr(call, out, 'y'), shapeSize(out.shape), scalarArg(ctx, out.dtype, 1)));
    },
  },
  Select: {
    dtypes: FIXED_SIZE,
    run(ctx, call) {
      const cond = ctx.input(call, 0), t = ctx.input(call, 1), e = ctx.input(call, 2), out = ctx.output(call, 0);
      const n = shapeSize(t.shape);
      const same = cond.shape.length === t.shape.length && cond.shape.every((d, i) => d === t.shape[i]);
      const vector = cond.shape.length === 1 && t.shape.length >= 1 && cond.shape[0] === t.shape[0];
      if (!same && !vector) {
        throw new KernelArgumentError(call.op, `${call.nodeName}: condition shape [${cond.shape.join(', ')}] must equal `
          + `[${t.shape.join(', ')}] or be a vector over its first dimension`);
      }
      const inner = same ? 1 : (cond.shape[0] === 0 ? 1 : n / (cond.shape[0] as number));
      ctx.check(call, ctx.k.vs_select(elemSize(t.dtype), ctx.ptr(call, cond, 'condition'), ctx.ptr(call, t, 't'),
        ctx.ptr(call, e, 'e'), ctx.ptr(call, out, 'output'), n, Math.max(inner, 1)));
    },
  },
  ClipByValue: {
    dtypes: NUMERIC,
    run(ctx, call) {
      const t = ctx.input(call, 0), lo = ctx.input(call, 1), hi = ctx.input(call, 2), out = ctx.output(call, 0);
      ctx.check(call, ctx.k.vs_clip(dtypeId(t.dtype), ctx.ptr(call, t, 't'), ctx.ptr(call, lo, 'clip_value_min'),
        shapeSize(lo.shape), ctx.ptr(call, hi, 'clip_value_max'), shapeSize(hi.shape), ctx.ptr(call, out, 'output'),
        shapeSize(t.shape)));
    },
  },
  AddN: {
    dtypes: NUMERIC,
    run(ctx, call) {
      const out = ctx.output(call, 0);
      const ptrs = call.inputs.map((r, i) => ctx.ptr(call, r, `inputs[${i}]`));
      for (const r of call.inputs) {
        if (shapeSize(r.shape) !== shapeSize(out.shape)) throw new KernelArgumentError(call.op, `${call.nodeName}: inputs must share one shape`);
      }
      const args = ctx.heap.writeArgs(ptrs);
      ctx.check(call, ctx.k.vs_add_n(dtypeId(out.dtype), args, ptrs.length, ctx.ptr(call, out, 'sum'), shapeSize(out.shape)));
    },
  },
  Range: {
    dtypes: ['float32', 'float64', 'int32', 'int64'],
    run(ctx, call) {
      const out = ctx.output(call, 0);
      const start = Number(call.hostInputs[0]?.data[0] ?? 0), delta = Number(call.hostInputs[2]?.data[0] ?? 1);
      ctx.check(call, ctx.k.vs_range(dtypeId(out.dtype), ctx.ptr(call, out, 'output'), shapeSize(out.shape), start, delta));
    },
  },
};

