import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { attrBool, input } from './kernel.js';
import type { TfjsKernel } from './kernel.js';

// Ref ops return the new contents of each ref input, in schema order; the backend swaps them in.

export const STATE_KERNELS: Readonly<Record<string, TfjsKernel>> = {
  Assign: { dtypes: ['float32', 'int32', 'bool'], run: (a) => [tf.clone(input(a, 1))] },
  AssignAdd: { dtypes: ['float32', 'int32'], run: (a) => [tf.add(input(a, 0), input(a, 1))] },
  AssignSub: { dtypes: ['float32', 'int32'], run: (a) => [tf.sub(input(a, 0), input(a, 1))] },
  ApplyGradientDescent: {
    dtypes: ['float32'],
    run: (a) => [tf.sub(input(a, 0), tf.mul(input(a, 1), input(a, 2)))],
  },
  ApplyMomentum: {
    dtypes: ['float32'],
    run: (a) => {
      const [v, accum, lr, grad, momentum] = a.inputs as [Tensor, Tensor, Tensor, Tensor, Tensor];
      const acc = tf.add(tf.mul(accum, momentum), grad);
      const step = attrBool(a, 'use_nesterov') ? tf.add(tf.mul(grad, lr), tf.mul(tf.mul(acc, momentum), lr)) : tf.mul(acc, lr);
      return [tf.sub(v, step), acc];
    },
  },
  ApplyAdam: {
    dtypes: ['float32'],
    run: (a) => {
      const [v, m, s, b1p, b2p, lr, b1, b2, eps, g] = a.inputs as Tensor[] as [Tensor, Tensor, Tensor, Tensor, Tensor, Tensor, Tensor, Tensor, Tensor, Tensor];
      const lrT = tf.div(tf.mul(lr, tf.sqrt(tf.sub(1, b2p))), tf.sub(1, b1p));
      const m1 = tf.add(m, tf.mul(tf.sub(g, m), tf.sub(1, b1)));
      const s1 = tf.add(s, tf.mul(tf.sub(tf.square(g), s), tf.sub(1, b2)));
      const direction = attrBool(a, 'use_nesterov') ? tf.add(tf.mul(m1, b1), tf.mul(tf.sub(1, b1), g)) : m1;
      return [tf.sub(v, tf.div(tf.mul(direction, lrT), tf.add(tf.sqrt(s1), eps))), m1, s1];
    },
  },
  ApplyRMSProp: {
    dtypes: ['float32'],
    run: (a) => {
      const [v, ms, mom, lr, rho, momentum, eps, g] = a.inputs as [Tensor, Tensor, Tensor, Tensor, Tensor, Tensor, Tensor, Tensor];
      const ms1 = tf.add(ms, tf.mul(tf.sub(tf.square(g), ms), tf.sub(1, rho)));
      const mom1 = tf.add(tf.mul(mom, momentum), tf.div(tf.mul(lr, g), tf.sqrt(tf.add(ms1, eps))));
      return [tf.sub(v, mom1), ms1, mom1];
    },
  },
  ApplyCenteredRMSProp: {
    dtypes: ['float32'],
    run: (a) => {
      const [v, mg, ms, mom, lr, rho, momentum, eps, g] = a.inputs as [Tensor, Tensor, Tensor, Tensor, Tensor, Tensor, Tensor, Tensor, Tensor];
      const mg1 = tf.add(mg, tf.mul(tf.sub(g, mg), tf.sub(1, rho)));
      const ms1 = tf.add(ms, tf.mul(tf.sub(tf.square(g), ms), tf.sub(1, rho)));
      const denom = tf.sqrt(tf.add(tf.sub(ms1, tf.square(mg1)), eps));
      const mom1 = tf.add(tf.mul(mom, momentum), tf.div(tf.mul(lr, g), denom));
      return [tf.sub(v, mom1), mg1, ms1, mom1];
    },
  },
  ApplyAdagrad: {
    dtypes: ['float32'],
    run: (a) => {
      const [v, accum, lr, g] = a.inputs as [Tensor, Tensor, Tensor, Tensor];
      const acc = attrBool(a, 'update_slots') ? tf.add(accum, tf.square(g)) : accum;
      return [tf.sub(v, tf.div(tf.mul(lr, g), tf.sqrt(acc))), tf.clone(acc)];
    },
  },
};
