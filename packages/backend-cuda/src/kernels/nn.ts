import type { CudaKernel, KernelCall } from './kernel-call.js';
import { F32, F32_I32, product } from './kernel-call.js';
import { layoutOf, padBefore } from './padding.js';

/** The GEMM-based convolution passes, sharing the attr handling of Conv2D. */
function conv(pass: 'Conv2D' | 'Conv2DBackpropInput' | 'Conv2DBackpropFilter'): CudaKernel {
  return {
    dtypes: F32,
    run(k) {
      const layout = layoutOf(k);
      const strides = k.intListAttr('strides');
      const dilations = k.intListAttr('dilations');
      if (strides.length !== 4 || dilations.length !== 4) throw k.error('strides and dilations must have 4 entries');
      if (strides[layout.n] !== 1 || strides[layout.c] !== 1) {
        throw k.error('Current implementation does not yet support strides in the batch and depth dimensions.');
      }
      if (dilations[layout.n] !== 1 || dilations[layout.c] !== 1) {
        throw k.error('Current implementation does not yet support dilations in the batch and depth dimensions.');
      }
      const x = pass === 'Conv2DBackpropInput' ? k.output(0) : k.input(0);
      const f = pass === 'Conv2D' ? k.input(1) : pass === 'Conv2DBackpropInput' ? k.input(1) : k.output(0);
      const y = pass === 'Conv2D' ? k.output(0) : k.input(2);
      const padding = k.stringAttr('padding');
      const explicit = padding === 'EXPLICIT' ? k.intListAttr('explicit_paddings') : [];
      const sh = strides[layout.h] as number, sw = strides[layout.w] as number;
      const dh = dilations[layout.h] as number, dw = dilations[layout.w] as number;
      const pads = [
        padBefore(k, padding, x.shape[layout.h] as number, f.shape[0] as number, sh, dh, explicit[2 * layout.h] ?? 0),
        padBefore(k, padding, x.shape[layout.w] as number, f.shape[1] as number, sw, dw, explicit[2 * layout.w] ?? 0),
      ];
      k.ctx.conv2d(k.ops.convPass[pass] as number, k.buf(x), x.shape, k.buf(f), f.shape, k.buf(y), y.shape,
        [sh, sw], [dh, dw], pads, layout.nchw);
    },
  };
}

/** Window, strides and top/left padding of a 2-D pooling op. */
function poolGeometry(k: KernelCall, inShape: readonly number[]) {
  const layout = layoutOf(k);
  const ksize = k.intListAttr('ksize');
  const strides = k.intListAttr('strides');
  if (ksize.length !== 4 || strides.length !== 4) throw k.error('ksize and strides must have 4 entries');
  if (ksize[layout.n] !== 1 || strides[layout.n] !== 1) throw k.error('Pooling is not yet supported on the batch dimension.');
  if (ksize[layout.c] !== 1 || strides[layout.c] !== 1) throw k.error('Depthwise pooling is not supported by the CUDA backend.');
  const window = [ksize[layout.h] as number, ksize[layout.w] as number];
  const step = [strides[layout.h] as number, strides[layout.w] as number];
  const padding = k.stringAttr('padding');
  const pads = [
    padBefore(k, padding, inShape[layout.h] as number, window[0] as number, step[0] as number, 1, 0),
    padBefore(k, padding, inShape[layout.w] as number, window[1] as number, step[1] as number, 1, 0),
  ];
  return { window, step, pads, nchw: layout.nchw };
}

function pool(isMax: boolean): CudaKernel {
  return {
    dtypes: F32,
    run(k) {
      const x = k.input(0), y = k.output(0);
      const g = poolGeometry(k, x.shape);
      k.ctx.pool(isMax, k.buf(x), x.shape, k.buf(y), y.shape, g.window, g.step, g.pads, g.nchw);
    },
  };
}

/** Activations' relatives, convolutions, pooling, softmax and the losses. */
export const NN_KERNELS: Readonly<Record<string, CudaKernel>> = {
  Conv2D: conv('Conv2D'),
  Conv2DBackpropInput: conv('Conv2DBackpropInput'),
  Conv2DBackpropFilter: conv('Conv2DBackpropFilter'),
  MaxPool: pool(true),
  AvgPool: pool(false),
  MaxPoolGrad: {
    dtypes: F32,
    run(k) {
      const x = k.input(0), y = k.input(1), dy = k.input(2), dx = k.output(0);
      const g = poolGeometry(k, x.shape);
      k.ctx.poolGrad(true, k.buf(x), k.buf(dy), k.buf(dx), x.shape, y.shape, g.window, g.step, g.pads, g.nchw);
    },
  },
  AvgPoolGrad: {
    dtypes: F32,
    run(k) {
      const dy = k.input(1), dx = k.output(0);
      const g = poolGeometry(k, dx.shape);
      k.ctx.poolGrad(false, null, k.buf(dy), k.buf(dx), dx.shape, dy.shape, g.window, g.step, g.pads, g.nchw);
    },
  },
  Softmax: {
    dtypes: F32,
    run: (k) => k.ctx.softmax(false, k.buf(k.input(0)), k.input(0).shape, k.buf(k.output(0))),
  },
  LogSoftmax: {
    dtypes: F32,
    run: (k) => k.ctx.softmax(true, k.buf(k.input(0)), k.input(0).shape, k.buf(k.output(0))),
  },
  SoftmaxCrossEntropyWithLogits: {
    dtypes: F32,
    run(k) {
      const logits = k.input(0), labels = k.input(1);
      if (logits.shape.length !== 2 || labels.shape.join() !== logits.shape.join()) {
        throw k.error(`logits and labels must be same-shape matrices: logits_size=[${logits.shape}] labels_size=[${labels.shape}]`);
      }
      k.ctx.softmaxCrossEntropy(k.buf(logits), k.buf(labels), k.buf(k.output(0)), k.buf(k.output(1)),
        logits.shape[0] as number, logits.shape[1] as number);
    },
  },
  SparseSoftmaxCrossEntropyWithLogits: {
    dtypes: F32,
    run(k) {
      const logits = k.input(0);
      if (logits.shape.length !== 2) throw k.error(`logits must be 2-D, but got shape [${logits.shape}]`);
      k.ctx.sparseSoftmaxCrossEntropy(k.buf(logits), k.buf(k.input(1)), k.buf(k.output(0)), k.buf(k.output(1)),
        logits.shape[0] as number, logits.shape[1] as number);
    },
  },
  L2Loss: {
    dtypes: F32,
    run(k) {
      const t = k.input(0);
      k.ctx.reduce(k.ops.reduce.L2Loss as number, k.buf(t), t.shape, t.shape.map((_d, i) => i), k.buf(k.output(0)));
    },
  },
  BiasAdd: {
    dtypes: F32_I32,
    run(k) {
      const value = k.input(0), bias = k.input(1), out = k.output(0);
      const rank = value.shape.length;
      const nchw = k.stringAttr('data_format') === 'NCHW' && rank >= 3;
      // The bias broadcasts along the channel dim: last (NHWC) or second (NCHW).
      const biasView = nchw ? [product(bias.shape), ...new Array<number>(rank - 2).fill(1)] : bias.shape;
      k.ctx.binary(k.ops.binary.Add as number, k.buf(value), value.shape, k.buf(bias), biasView, k.buf(out), out.shape);
    },
  },
  BiasAddGrad: {
    dtypes: F32_I32,
    run(k) {
      const dy = k.input(0);
      const rank = dy.shape.length;
      const channel = k.stringAttr('data_format') === 'NCHW' && rank >= 3 ? 1 : rank - 1;
      const axes = dy.shape.map((_d, i) => i).filter((i) => i !== channel);
      k.ctx.reduce(k.ops.reduce.Sum as number, k.buf(dy), dy.shape, axes, k.buf(k.output(0)));
    },
  },
};
