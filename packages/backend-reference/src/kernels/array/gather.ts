import { STORAGE } from '../../dtype/dtype-sets.js';
import { bigintReader, numberReader, rawCopier } from '../../dtype/element-io.js';
import type { Kernel } from '../../kernel/kernel.js';
import { dimProduct, normalizeAxis } from '../../shape/axes.js';
import { unravelIndex } from '../../shape/broadcast.js';

/**
 * GatherV2 with batch_dims: output = params.shape[:axis] + indices.shape[batch_dims:] +
 * params.shape[axis+1:]. An index outside [0, params.shape[axis]) is an error, as on TensorFlow's
 * CPU (checked before anything is written).
 */
export const GATHER_KERNELS: Kernel[] = [{
  op: 'GatherV2',
  dtypes: STORAGE,
  run(ctx) {
    ctx.expectArity(3, 1);
    const params = ctx.input(0);
    const indices = ctx.input(1);
    const out = ctx.output(0);
    const pRank = params.shape.length;
    const iRank = indices.shape.length;
    const axisValue = ctx.hostScalarInt(2, 'axis');
    const axis = normalizeAxis(axisValue, pRank);
    if (axis === null) throw ctx.argumentError(`Expected axis in the range [${-pRank}, ${pRank}), but got ${axisValue}`);
    let batchDims = ctx.attrInt('batch_dims');
    if (batchDims < 0) batchDims += iRank;
    if (batchDims < 0 || batchDims > iRank || batchDims > axis) {
      throw ctx.argumentError(`batch_dims ${ctx.attrInt('batch_dims')} must be in [0, ${Math.min(iRank, axis)}] for indices of rank ${iRank} and axis ${axis}`);
    }
    for (let d = 0; d < batchDims; d++) {
      if (params.shape[d] !== indices.shape[d]) {
        throw ctx.argumentError(`params.shape[${d}]: ${params.shape[d]} should be equal to indices.shape[${d}]: ${indices.shape[d]}`);
      }
    }
    ctx.expectShape(out, [...params.shape.slice(0, axis), ...indices.shape.slice(batchDims), ...params.shape.slice(axis + 1)], 'output');
    const axisSize = params.shape[axis] as number;
    const read = indices.dtype === 'int64' ? ((r) => (i: number) => Number(r(i)))(bigintReader(indices)) : numberReader(indices);
    for (let i = 0; i < indices.size; i++) {
      const v = read(i);
      if (!(v >= 0 && v < axisSize)) {
        const where = iRank === 0 ? '' : `[${unravelIndex(i, indices.shape).join(',')}]`;
        throw ctx.runtimeError(`indices${where} = ${v} is not in [0, ${axisSize})`);
      }
    }
    const batch = dimProduct(params.shape, 0, batchDims);
    const outer = dimProduct(params.shape, batchDims, axis);
    const perBatch = dimProduct(indices.shape, batchDims);
    const inner = dimProduct(params.shape, axis + 1);
    const copy = rawCopier(params, out);
    let o = 0;
    for (let b = 0; b < batch; b++) {
      for (let q = 0; q < outer; q++) {
        for (let j = 0; j < perBatch; j++) {
          const index = read(b * perBatch + j);
          const base = ((b * outer + q) * axisSize + index) * inner;
          for (let k = 0; k < inner; k++) copy(o++, base + k);
        }
      }
    }
  },
}];
