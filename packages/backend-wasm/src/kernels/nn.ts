import { KernelArgumentError, shapeSize, type KernelInvocation } from '@varscope/kernel-api';
import { geometryArgs, windowPadding, type ConvGeometry } from '../layout/conv-geometry.js';
import { dtypeId, opId } from '../module/op-ids.js';
import { FLOAT32, FLOATS } from './dtype-sets.js';
import type { KernelContext, KernelDef, KernelTable } from './kernel-context.js';

const BIAS_TYPES = ['float32', 'float64', 'int32', 'int64'] as const;

/** [outer, c, inner] of a tensor whose channel axis data_format names. */
function channelView(call: KernelInvocation, shape: readonly number[]): [number, number, number] {
  const nchw = call.attrs['data_format'] === 'NCHW';
  if (nchw && shape.length >= 3) {
    return [shape[0] as number, shape[1] as number, shapeSize(shape.slice(2))];
  }
  const c = shape[shape.length - 1] ?? 1;
  return [shapeSize(shape.slice(0, -1)), c, 1];
}

function requireNhwc(call: KernelInvocation, what: string): void {
  if ((call.attrs['data_format'] ?? 'NHWC') !== 'NHWC') {
    throw new KernelArgumentError(call.op, `${call.nodeName}: ${what} only supports NHWC on device type CPU`);
  }
}

const intList = (call: KernelInvocation, name: string, fallback: readonly number[]): number[] => {
  const v = call.attrs[name];
  return Array.isArray(v) ? (v as number[]).map(Number) : [...fallback];
};

function convGeometry(call: KernelInvocation, input: readonly number[], filter: readonly number[], out: readonly number[],
  window?: readonly number[]): ConvGeometry {
  const strides = intList(call, 'strides', [1, 1, 1, 1]);
  const dil = intList(call, 'dilations', [1, 1, 1, 1]);
  const padding = String(call.attrs['padding'] ?? 'VALID');
  if (padding !== 'SAME' && padding !== 'VALID') {
    throw new KernelArgumentError(call.op, `${call.nodeName}: padding ${padding} is not supported by the wasm backend`);
  }
  const [n, h, w, c] = input as [number, number, number, number];
  const [kh, kw] = (window ?? filter) as [number, number];
  const o = window ? c : (filter[3] as number);
  const [, oh, ow] = out as [number, number, number, number];
  const sh = strides[1] ?? 1, sw = strides[2] ?? 1;
  const dh = window ? 1 : (dil[1] ?? 1), dw = window ? 1 : (dil[2] ?? 1);
  return {
    n, h, w, c, kh, kw, o, oh, ow, sh, sw, dh, dw,
    pt: windowPadding(h, kh, sh, dh, padding, oh), pl: windowPadding(w, kw, sw, dw, padding, ow),
  };
}

function conv(which: 'forward' | 'input' | 'filter'): KernelDef {
  return {
    dtypes: FLOAT32,
    run(ctx, call) {
      requireNhwc(call, call.op === 'Conv2D' ? 'Conv2D' : which === 'input' ? 'Conv2DCustomBackpropInputOp' : 'Conv2DCustomBackpropFilterOp');
      const out = ctx.output(call, 0);
      let a, b, g;
      if (which === 'forward') {
        const x = ctx.input(call, 0), f = ctx.input(call, 1);
        g = convGeometry(call, x.shape, f.shape, out.shape);
        a = ctx.ptr(call, x, 'input'); b = ctx.ptr(call, f, 'filter');
      } else if (which === 'input') {
        const f = ctx.input(call, 1), dy = ctx.input(call, 2);
        g = convGeometry(call, out.shape, f.shape, dy.shape);
        a = ctx.ptr(call, f, 'filter'); b = ctx.ptr(call, dy, 'out_backprop');
      } else {
        const x = ctx.input(call, 0), dy = ctx.input(call, 2);
        g = convGeometry(call, x.shape, out.shape, dy.shape);
        a = ctx.ptr(call, x, 'input'); b = ctx.ptr(call, dy, 'out_backprop');
      }
      const geom = ctx.heap.writeArgs(geometryArgs(g));
      ctx.check(call, ctx.k.vs_conv2d(opId(call.op), dtypeId(out.dtype), geom, a, b, ctx.ptr(call, out, 'output')));
    },
  };
}

function pool(kind: 'MaxPool' | 'AvgPool' | 'MaxPoolGrad' | 'AvgPoolGrad'): KernelDef {
  return {
    dtypes: FLOATS,
    run(ctx, call) {
      requireNhwc(call, `Default ${kind.startsWith('Max') ? 'MaxPoolingOp' : 'AvgPoolingOp'}`);
      const ksize = intList(call, 'ksize', [1, 1, 1, 1]);
      if (ksize[0] !== 1 || ksize[3] !== 1) {
        throw new KernelArgumentError(call.op, `${call.nodeName}: Pooling is not yet supported on the batch nor channel dimension.`);
      }
      const out = ctx.output(call, 0);
      const window = [ksize[1] as number, ksize[2] as number];
      let a = 0, b = 0, g;
      if (kind === 'MaxPool' || kind === 'AvgPool') {
        const x = ctx.input(call, 0);
        g = convGeometry(call, x.shape, [], out.shape, window);
        a = ctx.ptr(call, x, 'input');
      } else if (kind === 'MaxPoolGrad') {
        const x = ctx.input(call, 0), grad = ctx.input(call, 2);
        g = convGeometry(call, x.shape, [], grad.shape, window);
        a = ctx.ptr(call, x, 'orig_input'); b = ctx.ptr(call, grad, 'grad');
      } else {
        const grad = ctx.input(call, 1);
        g = convGeometry(call, out.shape, [], grad.shape, window);
        b = ctx.ptr(call, grad, 'grad');
      }
      const geom = ctx.heap.writeArgs(geometryArgs(g));
      ctx.check(call, ctx.k.vs_pool(opId(call.op), dtypeId(out.dtype), geom, a, b, ctx.ptr(call, out, 'output')));
    },
  };
}

const softmax: KernelDef = {
  dtypes: FLOATS,
  run(ctx: KernelContext, call) {
    const x = ctx.input(call, 0), y = ctx.output(call, 0);
    const cols = x.shape[x.shape.length - 1] ?? 1;
    const rows = cols === 0 ? 0 : shapeSize(x.shape) / cols;
    ctx.check(call, ctx.k.vs_softmax(opId(call.op), dtypeId(x.dtype), ctx.ptr(call, x, 'logits'), ctx.ptr(call, y, 'output'), rows, cols));
  },
};

export const NN_KERNELS: KernelTable = {
  BiasAdd: {
    dtypes: BIAS_TYPES,
    run(ctx, call) {
      const x = ctx.input(call, 0), bias = ctx.input(call, 1), y = ctx.output(call, 0);
      const [outer, c, inner] = channelView(call, x.shape);
      if (shapeSize(bias.shape) !== c) {
        throw new KernelArgumentError(call.op, `${call.nodeName}: Must provide as many biases as the channel dimension of the input tensor: [${bias.shape.join(',')}] vs. [${x.shape.join(',')}]`);
      }
      ctx.check(call, ctx.k.vs_bias_add(dtypeId(x.dtype), ctx.ptr(call, x, 'value'), ctx.ptr(call, bias, 'bias'),
        ctx.ptr(call, y, 'output'), outer, c, inner));
    },
  },
  BiasAddGrad: {
    dtypes: BIAS_TYPES,
    run(ctx, call) {
      const dy = ctx.input(call, 0), db = ctx.output(call, 0);
      const [outer, c, inner] = channelView(call, dy.shape);
      ctx.check(call, ctx.k.vs_bias_add_grad(dtypeId(dy.dtype), ctx.ptr(call, dy, 'out_backprop'), ctx.ptr(call, db, 'output'), outer, c, inner));
    },
  },
  Softmax: softmax,
  LogSoftmax: softmax,
  SoftmaxCrossEntropyWithLogits: {
    dtypes: FLOATS,
    run(ctx, call) {
      const f = ctx.input(call, 0), l = ctx.input(call, 1), loss = ctx.output(call, 0), bp = ctx.output(call, 1);
      if (f.shape.length !== 2 || l.shape.length !== 2 || f.shape[0] !== l.shape[0] || f.shape[1] !== l.shape[1]) {
        throw new KernelArgumentError(call.op, `${call.nodeName}: logits and labels must be same size: logits_size=[${f.shape.join(',')}] labels_size=[${l.shape.join(',')}]`);
      }
      ctx.check(call, ctx.k.vs_softmax_xent(dtypeId(f.dtype), ctx.ptr(call, f, 'features'), ctx.ptr(call, l, 'labels'),
        ctx.ptr(call, loss, 'loss'), ctx.ptr(call, bp, 'backprop'), f.shape[0] as number, f.shape[1] as number));
    },
  },
  SparseSoftmaxCrossEntropyWithLogits: {
    dtypes: FLOATS,
    run(ctx, call) {
      const f = ctx.input(call, 0), l = ctx.input(call, 1), loss = ctx.output(call, 0), bp = ctx.output(call, 1);
      const cols = f.shape[1] ?? 0;
      ctx.check(call, ctx.k.vs_sparse_softmax_xent(dtypeId(f.dtype), ctx.ptr(call, f, 'features'), dtypeId(l.dtype),
        ctx.ptr(call, l, 'labels'), ctx.ptr(call, loss, 'loss'), ctx.ptr(call, bp, 'backprop'), f.shape[0] ?? 0, cols),
      (_row, value, limit) => `Received a label value of ${value} which is outside the valid range of [0, ${limit}).`);
    },
  },
  Conv2D: conv('forward'),
  Conv2DBackpropInput: conv('input'),
  Conv2DBackpropFilter: conv('filter'),
  MaxPool: pool('MaxPool'),
  AvgPool: pool('AvgPool'),
  MaxPoolGrad: pool('MaxPoolGrad'),
  AvgPoolGrad: pool('AvgPoolGrad'),
};
