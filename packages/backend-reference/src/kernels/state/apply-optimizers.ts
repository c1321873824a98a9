import { COMPLEX, FLOAT } from '../../dtype/dtype-sets.js';
import { dtypeField } from '../../dtype/ring.js';
import type { Field } from '../../dtype/ring.js';
import type { KernelContext } from '../../kernel/kernel-context.js';
import type { Kernel } from '../../kernel/kernel.js';

const APPLY_TYPES = [...FLOAT, ...COMPLEX];
/** The non-ref inputs that carry a gradient of var's shape (ApplyGradientDescent calls it `delta`). */
const GRADIENT_INPUTS = new Set(['grad', 'delta']);

/** Arguments of one fused update: the ref tensors (var and slots), the scalars, and grad. */
interface ApplyArgs {
  /** Value of element i of each ref/grad tensor, and a setter for the refs. */
  get(name: string, i: number): unknown;
  set(name: string, i: number, v: unknown): void;
  scalar(name: string): unknown;
  size: number;
}

/**
 * Binds the inputs of an Apply* op by their schema names and checks shapes: every slot and the
 * gradient have var's shape, every hyper-parameter is a scalar. All of it is checked before the first
 * write, so a rejected call leaves the variable and its slots untouched.
 */
function bind(ctx: KernelContext, refs: readonly string[], scalars: readonly string[], field: Field<unknown>): ApplyArgs {
  const names = [...refs, ...scalars];
  if (ctx.numInputs !== names.length || ctx.numOutputs !== 0) {
    throw ctx.argumentError(`expected inputs (${names.join(', ')}) and no separate output, got ${ctx.numInputs} inputs and ${ctx.numOutputs} outputs`);
  }
  const variable = ctx.input(0);
  const readers = new Map<string, (i: number) => unknown>();
  const writers = new Map<string, (i: number, v: unknown) => void>();
  const scalarValues = new Map<string, unknown>();
  names.forEach((name, k) => {
    const v = ctx.input(k);
    ctx.expectDtype(v, variable.dtype, name);
    if (refs.includes(name) || GRADIENT_INPUTS.has(name)) {
      ctx.expectShape(v, variable.shape, name);
      readers.set(name, field.reader(v));
      if (refs.includes(name)) writers.set(name, field.writer(v));
    } else {
      if (v.size !== 1) throw ctx.argumentError(`${name} is not a scalar: [${v.shape.join(',')}]`);
      scalarValues.set(name, field.reader(v)(0));
    }
  });
  return {
    size: variable.size,
    get: (name, i) => (readers.get(name) as (i: number) => unknown)(i),
    set: (name, i, v) => (writers.get(name) as (i: number, v: unknown) => void)(i, v),
    scalar: (name) => scalarValues.get(name),
  };
}

function apply(
  op: string,
  refs: readonly string[],
  scalars: readonly string[],
  body: (ctx: KernelContext, F: Field<unknown>, a: ApplyArgs) => void,
): Kernel {
  return {
    op,
    dtypes: APPLY_TYPES,
    run(ctx) {
      const F = dtypeField(ctx.input(0).dtype);
      body(ctx, F, bind(ctx, refs, scalars, F));
    },
  };
}

// Each update is TensorFlow's Eigen expression (training_ops.cc, CPU functors) evaluated in T with
// the same association and order, one rounding per operation.
export const APPLY_OPTIMIZER_KERNELS: Kernel[] = [
  // var -= grad * alpha
  apply('ApplyGradientDescent', ['var'], ['alpha', 'delta'], (_ctx, F, a) => {
    const alpha = a.scalar('alpha');
    for (let i = 0; i < a.size; i++) a.set('var', i, F.sub(a.get('var', i), F.mul(a.get('delta', i), alpha)));
  }),
  // accum = accum * momentum + grad;
  // var -= use_nesterov ? grad * lr + accum * momentum * lr : accum * lr
  apply('ApplyMomentum', ['var', 'accum'], ['lr', 'grad', 'momentum'], (ctx, F, a) => {
    const lr = a.scalar('lr');
    const momentum = a.scalar('momentum');
    const nesterov = ctx.attrBool('use_nesterov');
    for (let i = 0; i < a.size; i++) {
      const grad = a.get('grad', i);
      const accum = F.add(F.mul(a.get('accum', i), momentum), grad);
      const step = nesterov ? F.add(F.mul(grad, lr), F.mul(F.mul(accum, momentum), lr)) : F.mul(accum, lr);
      a.set('accum', i, accum);
      a.set('var', i, F.sub(a.get('var', i), step));
    }
  }),
  // alpha = lr * sqrt(1 - beta2_power) / (1 - beta1_power)
  // m += (grad - m) * (1 - beta1); v += (grad² - v) * (1 - beta2)
  // var -= use_nesterov ? (grad * (1 - beta1) + beta1 * m) * alpha / (sqrt(v) + epsilon)
  //                     : m * alpha / (sqrt(v) + epsilon)
  apply('ApplyAdam', ['var', 'm', 'v'], ['beta1_power', 'beta2_power', 'lr', 'beta1', 'beta2', 'epsilon', 'grad'], (ctx, F, a) => {
    const one = F.one;
    const beta1 = a.scalar('beta1');
    const beta2 = a.scalar('beta2');
    const epsilon = a.scalar('epsilon');
    const alpha = F.div(F.mul(a.scalar('lr'), F.sqrt(F.sub(one, a.scalar('beta2_power')))), F.sub(one, a.scalar('beta1_power')));
    const oneMinusBeta1 = F.sub(one, beta1);
    const oneMinusBeta2 = F.sub(one, beta2);
    const nesterov = ctx.attrBool('use_nesterov');
    for (let i = 0; i < a.size; i++) {
      const grad = a.get('grad', i);
      const m0 = a.get('m', i);
      const v0 = a.get('v', i);
      const m = F.add(m0, F.mul(F.sub(grad, m0), oneMinusBeta1));
      const v = F.add(v0, F.mul(F.sub(F.mul(grad, grad), v0), oneMinusBeta2));
      const numerator = nesterov ? F.mul(F.add(F.mul(grad, oneMinusBeta1), F.mul(beta1, m)), alpha) : F.mul(m, alpha);
      const step = F.div(numerator, F.add(F.sqrt(v), epsilon));
      a.set('m', i, m);
      a.set('v', i, v);
      a.set('var', i, F.sub(a.get('var', i), step));
    }
  }),
  // ms += (grad² - ms) * (1 - rho); mom = mom * momentum + grad * lr / sqrt(ms + epsilon); var -= mom
  apply('ApplyRMSProp', ['var', 'ms', 'mom'], ['lr', 'rho', 'momentum', 'epsilon', 'grad'], (_ctx, F, a) => {
    const lr = a.scalar('lr');
    const momentum = a.scalar('momentum');
    const epsilon = a.scalar('epsilon');
    const oneMinusRho = F.sub(F.one, a.scalar('rho'));
    for (let i = 0; i < a.size; i++) {
      const grad = a.get('grad', i);
      const ms0 = a.get('ms', i);
      const ms = F.add(ms0, F.mul(F.sub(F.mul(grad, grad), ms0), oneMinusRho));
      const mom = F.add(F.mul(a.get('mom', i), momentum), F.div(F.mul(grad, lr), F.sqrt(F.add(ms, epsilon))));
      a.set('ms', i, ms);
      a.set('mom', i, mom);
      a.set('var', i, F.sub(a.get('var', i), mom));
    }
  }),
  // ms += (grad² - ms) * (1 - rho); mg += (grad - mg) * (1 - rho);
  // mom = mom * momentum + grad * lr / sqrt(ms - mg² + epsilon); var -= mom
  apply('ApplyCenteredRMSProp', ['var', 'mg', 'ms', 'mom'], ['lr', 'rho', 'momentum', 'epsilon', 'grad'], (_ctx, F, a) => {
    const lr = a.scalar('lr');
    const momentum = a.scalar('momentum');
    const epsilon = a.scalar('epsilon');
    const oneMinusRho = F.sub(F.one, a.scalar('rho'));
    for (let i = 0; i < a.size; i++) {
      const grad = a.get('grad', i);
      const ms0 = a.get('ms', i);
      const mg0 = a.get('mg', i);
      const ms = F.add(ms0, F.mul(F.sub(F.mul(grad, grad), ms0), oneMinusRho));
      const mg = F.add(mg0, F.mul(F.sub(grad, mg0), oneMinusRho));
      const denom = F.add(F.sub(ms, F.mul(mg, mg)), epsilon);
      const mom = F.add(F.mul(a.get('mom', i), momentum), F.div(F.mul(grad, lr), F.sqrt(denom)));
      a.set('ms', i, ms);
      a.set('mg', i, mg);
      a.set('mom', i, mom);
      a.set('var', i, F.sub(a.get('var', i), mom));
    }
  }),
  // if (update_slots) accum += grad²; var -= grad * lr * rsqrt(accum)
  apply('ApplyAdagrad', ['var', 'accum'], ['lr', 'grad'], (ctx, F, a) => {
    const lr = a.scalar('lr');
    const updateSlots = ctx.attrBool('update_slots');
    for (let i = 0; i < a.size; i++) {
      const grad = a.get('grad', i);
      const accum = updateSlots ? F.add(a.get('accum', i), F.mul(grad, grad)) : a.get('accum', i);
      const rsqrt = F.div(F.one, F.sqrt(accum));
      if (updateSlots) a.set('accum', i, accum);
      a.set('var', i, F.sub(a.get('var', i), F.mul(F.mul(grad, lr), rsqrt)));
    }
  }),
];
