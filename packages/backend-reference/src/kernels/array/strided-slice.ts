import { shapeStrides, validateStridedSlice } from '@varscope/kernel-api';
import { STORAGE } from '../../dtype/dtype-sets.js';
import { rawCopier } from '../../dtype/element-io.js';
import type { Kernel } from '../../kernel/kernel.js';
import { forEachCoord } from '../../shape/axes.js';

/** Python-style slicing; the resolved spec gives each output element's source, in row-major order. */
export const STRIDED_SLICE_KERNELS: Kernel[] = [{
  op: 'StridedSlice',
  dtypes: STORAGE,
  run(ctx) {
    ctx.expectArity(4, 1);
    const x = ctx.input(0);
    const y = ctx.output(0);
    const spec = validateStridedSlice(x.shape, {
      begin: ctx.hostInts(1, 'begin'),
      end: ctx.hostInts(2, 'end'),
      strides: ctx.hostInts(3, 'strides'),
      beginMask: ctx.attrInt('begin_mask'),
      endMask: ctx.attrInt('end_mask'),
      ellipsisMask: ctx.attrInt('ellipsis_mask'),
      newAxisMask: ctx.attrInt('new_axis_mask'),
      shrinkAxisMask: ctx.attrInt('shrink_axis_mask'),
    });
    ctx.expectShape(y, spec.finalShape, 'output');
    const inStrides = shapeStrides(x.shape);
    const copy = rawCopier(x, y);
    // Shrunk and new axes have extent 1, so the processing order is the output's row-major order.
    forEachCoord(spec.processingShape, (coord, flat) => {
      let src = 0;
      for (let d = 0; d < coord.length; d++) {
        src += ((spec.begin[d] as number) + (coord[d] as number) * (spec.strides[d] as number)) * (inStrides[d] as number);
      }
      copy(flat, src);
    });
  },
}];
