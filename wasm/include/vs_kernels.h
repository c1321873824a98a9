/*
 * vs_kernels.h: the exported kernel entry points of kernels.wasm (hand-written; the op and
 * dtype ids they take come from the generated vs_ops.h).
 *
 * Calling convention
 * - Every pointer is a byte offset into the module's linear memory (wasm32), given by the
 *   TypeScript loader. Every entry point checks each buffer it touches against the current
 *   memory size before touching it and returns VS_ERR_BOUNDS instead of reading or writing
 *   outside memory.
 * - Counts are element counts (int32, >= 0). Shapes, strides and pointer lists too long for
 *   plain arguments are passed as int32 arrays in linear memory ("arg blocks"); their layout
 *   is documented at each function.
 * - Every entry point returns VS_OK (0) or a negative vs_status; data-dependent failures
 *   (an index out of range, an integer division by zero) also fill vs_error_detail().
 * - Kernels may allocate scratch with malloc (which can grow memory); the loader re-creates
 *   its heap views after every call that can grow memory.
 */
#ifndef VS_KERNELS_H
#define VS_KERNELS_H

#include <stdint.h>
#include "vs_ops.h"

#define VS_MAX_RANK 8

typedef enum vs_status {
  VS_OK = 0,
  VS_ERR_BOUNDS = -1,        /* a buffer or arg block lies outside linear memory */
  VS_ERR_ARGUMENT = -2,      /* a malformed call: rank, count, dtype/op pair not valid */
  VS_ERR_INDEX = -3,         /* detail: [position, value, limit] of the first bad index */
  VS_ERR_NO_MEMORY = -4,     /* scratch allocation failed */
  VS_ERR_UNSUPPORTED = -5,   /* no kernel for this op and dtype */
  VS_ERR_DIV_BY_ZERO = -6,   /* integer division or modulo by zero */
  VS_ERR_NEGATIVE_POW = -7,  /* integer raised to a negative integer power */
} vs_status;

/* Memory. */
void *vs_malloc(uint32_t bytes);
void vs_free(void *p);
uint32_t vs_memory_bytes(void);
double vs_error_detail(int32_t i); /* i in 0..2 */

/* Elementwise. `shape` arg block: dims[rank], x_strides[rank], y_strides[rank] (elements;
 * 0 broadcasts); z is contiguous with shape dims. */
int32_t vs_unary(int32_t op, int32_t dtype, const void *x, void *y, int32_t n, double alpha);
int32_t vs_binary(int32_t op, int32_t dtype, const void *x, const void *y, void *z,
                  int32_t rank, const int32_t *shape);
int32_t vs_cast(int32_t src_dtype, int32_t dst_dtype, const void *x, void *y, int32_t n);
/* value: one element of dtype; elem_size: its byte size. */
int32_t vs_fill(int32_t elem_size, void *y, int32_t n, const void *value);
/* Select: cond[n / inner] picks t or e per block of `inner` elements (inner = 1: same shape). */
int32_t vs_select(int32_t elem_size, const uint8_t *cond, const void *t, const void *e, void *out,
                  int32_t n, int32_t inner);
/* ClipByValue: lo/hi hold 1 element (lo_n = 1) or n elements. */
int32_t vs_clip(int32_t dtype, const void *x, const void *lo, int32_t lo_n, const void *hi,
                int32_t hi_n, void *y, int32_t n);
/* AddN: ptrs arg block holds `count` input pointers of n elements each. */
int32_t vs_add_n(int32_t dtype, const uint32_t *ptrs, int32_t count, void *out, int32_t n);
/* Range: out[i] = start + i * delta. */
int32_t vs_range(int32_t dtype, void *out, int32_t n, double start, double delta);

/* Data movement. `layout` arg block: dims[rank], src_strides[rank], dst_strides[rank]
 * (elements; src strides may be negative or 0). */
int32_t vs_copy_strided(int32_t elem_size, int32_t rank, const int32_t *layout, const void *src, void *dst);
/* GatherV2: out[o, j, i] = params[o, indices[j], i]; indices int32 or int64. */
int32_t vs_gather(int32_t elem_size, int32_t outer, int32_t axis_dim, int32_t inner, const void *params,
                  int32_t index_dtype, const void *indices, int32_t n_indices, void *out);
/* OneHot: out[o, d, i] = indices[o, i] == d ? on : off (indices int32/int64/uint8). */
int32_t vs_one_hot(int32_t elem_size, int32_t index_dtype, const void *indices, int32_t outer, int32_t depth,
                   int32_t inner, const void *on, const void *off, void *out);

/* Reductions over the middle axis of [outer, r, inner]. */
int32_t vs_reduce(int32_t op, int32_t dtype, const void *x, void *y, int32_t outer, int32_t r, int32_t inner);
int32_t vs_arg_reduce(int32_t op, int32_t dtype, const void *x, int32_t out_dtype, void *y,
                      int32_t outer, int32_t r, int32_t inner);
int32_t vs_l2_loss(int32_t dtype, const void *x, int32_t n, void *y);

/* Matrix products: c[b] = op(a[b·a_bs]) · op(b[b·b_bs]), c dense [batch, m, n];
 * accumulate != 0 adds into c. */
int32_t vs_matmul(int32_t dtype, const void *a, const void *b, void *c, int32_t batch, int32_t m, int32_t n,
                  int32_t k, int32_t trans_a, int32_t trans_b, int32_t a_bs, int32_t b_bs, int32_t accumulate);

/* NN. bias over the middle axis of [outer, c, inner]. */
int32_t vs_bias_add(int32_t dtype, const void *x, const void *bias, void *y, int32_t outer, int32_t c, int32_t inner);
int32_t vs_bias_add_grad(int32_t dtype, const void *dy, void *db, int32_t outer, int32_t c, int32_t inner);
int32_t vs_softmax(int32_t op, int32_t dtype, const void *x, void *y, int32_t rows, int32_t cols);
int32_t vs_softmax_xent(int32_t dtype, const void *features, const void *labels, void *loss, void *backprop,
                        int32_t rows, int32_t cols);
int32_t vs_sparse_softmax_xent(int32_t dtype, const void *features, int32_t label_dtype, const void *labels,
                               void *loss, void *backprop, int32_t rows, int32_t cols);

/* Convolution (NHWC, filter HWIO). `geom` arg block (int32): N, H, W, C, KH, KW, O, OH, OW,
 * stride_h, stride_w, dilation_h, dilation_w, pad_top, pad_left.
 * op = Conv2D: (a = input, b = filter) -> out = output
 * op = Conv2DBackpropInput: (a = filter, b = out_backprop) -> out = input gradient
 * op = Conv2DBackpropFilter: (a = input, b = out_backprop) -> out = filter gradient */
int32_t vs_conv2d(int32_t op, int32_t dtype, const int32_t *geom, const void *a, const void *b, void *out);
/* Pooling (NHWC). `geom` as for vs_conv2d with O = C and KH, KW the window.
 * MaxPool/AvgPool: (a = input) -> out; MaxPoolGrad: (a = orig_input, b = grad) -> out;
 * AvgPoolGrad: (b = grad) -> out. */
int32_t vs_pool(int32_t op, int32_t dtype, const int32_t *geom, const void *a, const void *b, void *out);

/* Fused optimizer updates. `ptrs` arg block: the op's inputs in schema order (var, slots…,
 * scalars…, grad); var, slots and grad hold n elements, scalars one. */
int32_t vs_apply_update(int32_t op, int32_t dtype, const uint32_t *ptrs, int32_t count, int32_t n, int32_t use_nesterov);

/* Random ops (Philox-4x32-10, layout of kernel-api's philox.ts). seeds and block offset are
 * split into 32-bit halves; minval/maxval point at one element of dtype (RandomUniformInt). */
int32_t vs_random(int32_t op, int32_t dtype, void *out, int32_t n, uint32_t seed_lo, uint32_t seed_hi,
                  uint32_t seed2_lo, uint32_t seed2_hi, uint32_t offset_lo, uint32_t offset_hi,
                  const void *minval, const void *maxval);

#endif /* VS_KERNELS_H */
