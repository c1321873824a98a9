import { shapeStrides } from '@varscope/kernel-api';
import { STORAGE } from '../../dtype/dtype-sets.js';
import { rawCopier } from '../../dtype/element-io.js';
import type { Kernel } from '../../kernel/kernel.js';
import { forEachCoord } from '../../shape/axes.js';

/** Output dimension i is input dimension perm[i], for any rank. */
export const TRANSPOSE_KERNELS: Kernel[] = [{
  op: 'Transpose',
  dtypes: STORAGE,
  run(ctx) {
    ctx.expectArity(2, 1);
    const x = ctx.input(0);
    const y = ctx.output(0);
    const rank = x.shape.length;
    const perm = ctx.hostInts(1, 'perm');
    const seen = new Set(perm);
    if (perm.length !== rank || seen.size !== rank || perm.some((p) => p < 0 || p >= rank)) {
      throw ctx.argumentError(`perm [${perm.join(',')}] is not a permutation of 0..${rank - 1}`);
    }
    ctx.expectShape(y, perm.map((p) => x.shape[p] as number), 'output');
    const inStrides = shapeStrides(x.shape);
    const strides = perm.map((p) => inStrides[p] as number);
    const copy = rawCopier(x, y);
    forEachCoord(y.shape, (coord, flat) => {
      let src = 0;
      for (let d = 0; d < rank; d++) src += (coord[d] as number) * (strides[d] as number);
      copy(flat, src);
    });
  },
}];
