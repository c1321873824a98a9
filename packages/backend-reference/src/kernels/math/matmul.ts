import { cConj } from '../../dtype/complex.js';
import type { Complex } from '../../dtype/complex.js';
import { COMPLEX, FLOAT } from '../../dtype/dtype-sets.js';
import { accumulatorRing } from '../../dtype/ring.js';
import type { KernelContext } from '../../kernel/kernel-context.js';
import type { Kernel } from '../../kernel/kernel.js';
import type { TensorView } from '../../kernel/tensor-view.js';
import { broadcastIndexMap, broadcastShapes } from '../../shape/broadcast.js';
import { dimProduct } from '../../shape/axes.js';

const MATMUL_TYPES = [...FLOAT, 'int32', 'int64', ...COMPLEX] as const;

interface Operand {
  view: TensorView;
  /** Rows and columns after the (optional) transpose. */
  rows: number;
  cols: number;
  transpose: boolean;
  conjugate: boolean;
}

/** One product of matrices `a` (batch offset aOff) and `b` into `out` at outOff, summed in input order. */
function multiplyInto(ctx: KernelContext, a: Operand, aOff: number, b: Operand, bOff: number, out: TensorView, outOff: number): void {
  const ring = accumulatorRing(out.dtype);
  const ra = ring.reader(a.view);
  const rb = ring.reader(b.view);
  const w = ring.writer(out);
  const m = a.rows;
  const k = a.cols;
  const n = b.cols;
  if (b.rows !== k) throw ctx.argumentError(`inner dimensions differ: ${k} vs. ${b.rows}`);
  const conj = (v: unknown, yes: boolean): unknown => (yes ? cConj(v as Complex) : v);
  // Element (r, c) of an operand after transposition, in its stored [rows, cols] layout.
  const at = (op: Operand, read: (i: number) => unknown, off: number, r: number, c: number): unknown =>
    conj(read(off + (op.transpose ? c * op.rows + r : r * op.cols + c)), op.conjugate);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let acc = ring.zero;
      for (let p = 0; p < k; p++) acc = ring.add(acc, ring.mul(at(a, ra, aOff, i, p), at(b, rb, bOff, p, j)));
      w(outOff + i * n + j, acc);
    }
  }
}

function operand(view: TensorView, transpose: boolean, conjugate: boolean): Operand {
  const r = view.shape.length;
  const rows = view.shape[r - 2] as number;
  const cols = view.shape[r - 1] as number;
  return { view, rows: transpose ? cols : rows, cols: transpose ? rows : cols, transpose, conjugate };
}

/** MatMul (transpose without conjugation) and BatchMatMulV2 (adjoint, broadcast batch dimensions). */
export const MATMUL_KERNELS: Kernel[] = [
  {
    op: 'MatMul',
    dtypes: MATMUL_TYPES,
    run(ctx) {
      ctx.expectArity(2, 1);
      const a = ctx.input(0);
      const b = ctx.input(1);
      const out = ctx.output(0);
      if (a.shape.length !== 2 || b.shape.length !== 2) throw ctx.argumentError('MatMul operands must be matrices');
      const A = operand(a, ctx.attrBool('transpose_a'), false);
      const B = operand(b, ctx.attrBool('transpose_b'), false);
      if (A.cols !== B.rows) throw ctx.argumentError(`Matrix size-incompatible: In[0]: [${a.shape.join(',')}], In[1]: [${b.shape.join(',')}]`);
      ctx.expectShape(out, [A.rows, B.cols], 'product');
      multiplyInto(ctx, A, 0, B, 0, out, 0);
    },
  },
  {
    op: 'BatchMatMulV2',
    dtypes: MATMUL_TYPES,
    run(ctx) {
      ctx.expectArity(2, 1);
      const x = ctx.input(0);
      const y = ctx.input(1);
      const out = ctx.output(0);
      if (x.shape.length < 2 || y.shape.length < 2) throw ctx.argumentError('BatchMatMulV2 operands must have rank >= 2');
      const isComplex = COMPLEX.includes(x.dtype);
      const X = operand(x, ctx.attrBool('adj_x'), isComplex && ctx.attrBool('adj_x'));
      const Y = operand(y, ctx.attrBool('adj_y'), isComplex && ctx.attrBool('adj_y'));
      if (X.cols !== Y.rows) throw ctx.argumentError(`Matrix size-incompatible: In[0]: [${x.shape.join(',')}], In[1]: [${y.shape.join(',')}]`);
      const xBatch = x.shape.slice(0, -2);
      const yBatch = y.shape.slice(0, -2);
      const batch = broadcastShapes(xBatch, yBatch);
      if (batch === null) throw ctx.argumentError(`batch dimensions [${xBatch.join(',')}] and [${yBatch.join(',')}] do not broadcast`);
      ctx.expectShape(out, [...batch, X.rows, Y.cols], 'output');
      const xMap = broadcastIndexMap(batch, xBatch);
      const yMap = broadcastIndexMap(batch, yBatch);
      const xMat = X.rows * X.cols;
      const yMat = Y.rows * Y.cols;
      const outMat = X.rows * Y.cols;
      for (let bi = 0; bi < dimProduct(batch, 0); bi++) {
        multiplyInto(ctx, X, (xMap[bi] as number) * xMat, Y, (yMap[bi] as number) * yMat, out, bi * outMat);
      }
    },
  },
];
