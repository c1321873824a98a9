import type { Kernel } from '../kernel/kernel.js';
import { CONCAT_SPLIT_KERNELS } from './array/concat-split.js';
import { COPY_SHAPE_KERNELS } from './array/copy-shape-ops.js';
import { FILL_LIKE_KERNELS } from './array/fill-like.js';
import { GATHER_KERNELS } from './array/gather.js';
import { SLICE_TILE_PAD_KERNELS } from './array/slice-tile-pad.js';
import { STRIDED_SLICE_KERNELS } from './array/strided-slice.js';
import { TRANSPOSE_KERNELS } from './array/transpose.js';
import { ADD_N_KERNELS } from './math/add-n.js';
import { ARG_REDUCTION_KERNELS } from './math/arg-reduction.js';
import { BINARY_ARITHMETIC_KERNELS } from './math/binary-arithmetic.js';
import { CAST_KERNELS } from './math/cast.js';
import { CLIP_KERNELS } from './math/clip-by-value.js';
import { COMPARISON_KERNELS } from './math/comparison.js';
import { MATMUL_KERNELS } from './math/matmul.js';
import { RANGE_KERNELS } from './math/range.js';
import { REDUCTION_KERNELS } from './math/reduction.js';
import { SELECT_KERNELS } from './math/select.js';
import { UNARY_MATH_KERNELS } from './math/unary-math.js';
import { ACTIVATION_KERNELS } from './nn/activations.js';
import { BIAS_ADD_KERNELS } from './nn/bias-add.js';
import { CONV2D_KERNELS } from './nn/conv2d.js';
import { CROSS_ENTROPY_KERNELS } from './nn/cross-entropy.js';
import { L2_LOSS_KERNELS } from './nn/l2-loss.js';
import { POOLING_KERNELS } from './nn/pooling.js';
import { SOFTMAX_KERNELS } from './nn/softmax.js';
import { RANDOM_KERNELS } from './random/random-ops.js';
import { APPLY_OPTIMIZER_KERNELS } from './state/apply-optimizers.js';
import { ASSIGN_KERNELS } from './state/assign.js';

/** Every kernel of the reference backend, by family. */
export const KERNEL_REGISTRY: readonly Kernel[] = [
  ...BINARY_ARITHMETIC_KERNELS,
  ...COMPARISON_KERNELS,
  ...UNARY_MATH_KERNELS,
  ...CAST_KERNELS,
  ...CLIP_KERNELS,
  ...SELECT_KERNELS,
  ...ADD_N_KERNELS,
  ...MATMUL_KERNELS,
  ...REDUCTION_KERNELS,
  ...ARG_REDUCTION_KERNELS,
  ...RANGE_KERNELS,
  ...COPY_SHAPE_KERNELS,
  ...TRANSPOSE_KERNELS,
  ...CONCAT_SPLIT_KERNELS,
  ...SLICE_TILE_PAD_KERNELS,
  ...STRIDED_SLICE_KERNELS,
  ...GATHER_KERNELS,
  ...FILL_LIKE_KERNELS,
  ...ACTIVATION_KERNELS,
  ...SOFTMAX_KERNELS,
  ...BIAS_ADD_KERNELS,
  ...L2_LOSS_KERNELS,
  ...CONV2D_KERNELS,
  ...POOLING_KERNELS,
  ...CROSS_ENTROPY_KERNELS,
  ...ASSIGN_KERNELS,
  ...APPLY_OPTIMIZER_KERNELS,
  ...RANDOM_KERNELS,
];
