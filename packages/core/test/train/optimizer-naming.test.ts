import { describe, expect, it } from 'vitest';
import { Graph, nameScope } from '../../src/graph/index.js';
import { add, matMul, placeholder, reduceSum, square, constant, mul } from '../../src/ops/index.js';
import {
  AdagradOptimizer, AdamOptimizer, GradientDescentOptimizer, MomentumOptimizer, RMSPropOptimizer, createSlot,
  createZerosSlot, getOrCreateGlobalStep,
} from '../../src/train/optimizers.js';
import { GraphKeys, Variable, getCollection, globalVariables, trainableVariables, variableScope } from '../../src/variables/index.js';
import type { Tensor } from '../../src/graph/index.js';

function inGraph<T>(fn: (g: Graph) => T): T {
  const g = new Graph();
  return g.asDefault(() => fn(g));
}

/** W [2,3], b [3], loss = sum((xW + b)²). */
function model(): { W: Variable; b: Variable; loss: Tensor } {
  const x = placeholder('float32', [null, 2], { name: 'x' });
  const W = new Variable(constant([[1, 2, 3], [4, 5, 6]], { dtype: 'float32' }), { name: 'W' });
  const b = new Variable(constant([0, 0, 0], { dtype: 'float32' }), { name: 'b' });
  const loss = reduceSum(square(add(matMul(x, W), b)), { name: 'loss' });
  return { W, b, loss };
}

const names = (vars: readonly { name: string }[]) => vars.map((v) => v.name);

describe('Adam naming (TF-SEMANTICS §N 184, 190)', () => {
  it('creates beta1_power, beta2_power, then W/Adam, W/Adam_1, b/Adam, b/Adam_1, none trainable', () => {
    inGraph(() => {
      const { W, b, loss } = model();
      const opt = new AdamOptimizer();
      const trainOp = opt.minimize(loss);
      expect(names(globalVariables())).toEqual([
        'W:0', 'b:0', 'beta1_power:0', 'beta2_power:0', 'W/Adam:0', 'W/Adam_1:0', 'b/Adam:0', 'b/Adam_1:0',
      ]);
      expect(names(trainableVariables())).toEqual(['W:0', 'b:0']);
      expect(opt.getSlot(W, 'm')?.name).toBe('W/Adam:0');
      expect(opt.getSlot(W, 'v')?.name).toBe('W/Adam_1:0');
      expect(opt.getSlot(b, 'v')?.name).toBe('b/Adam_1:0');
      expect(opt.getSlot(b, 'nope')).toBeNull();
      expect(opt.getSlotNames()).toEqual(['m', 'v']);
      const m = opt.getSlot(W, 'm') as Variable;
      expect(m.shape.toArray()).toEqual([2, 3]);
      expect(m.dtype).toBe('float32');
      expect(m.trainable).toBe(false);
      // Slots and the non-slot variables are colocated with the variable (W sorts before b).
      expect(m.op.attrs._class).toEqual(['loc:@W']);
      expect((opt.getSlot(b, 'm') as Variable).op.attrs._class).toEqual(['loc:@b']);
      const beta1 = globalVariables().find((v) => v.name === 'beta1_power:0') as Variable;
      expect(beta1.op.attrs._class).toEqual(['loc:@W']);
      expect(beta1.shape.rank).toBe(0);
      // The train op: a NoOp group named Adam, per-variable updates, power updates.
      expect(trainOp.name).toBe('Adam');
      expect(trainOp.type).toBe('NoOp');
      const g = trainOp.graph;
      const applyW = g.getOperationByName('Adam/update_W/ApplyAdam');
      expect(applyW.type).toBe('ApplyAdam');
      expect(applyW.inputs.map((t) => t.name)).toEqual([
        'W:0', 'W/Adam:0', 'W/Adam_1:0', 'beta1_power/read:0', 'beta2_power/read:0', 'Adam/learning_rate:0',
        'Adam/beta1:0', 'Adam/beta2:0', 'Adam/epsilon:0', 'gradients/MatMul_grad/tuple/control_dependency_1:0',
      ]);
      expect(applyW.attrs._class).toEqual(['loc:@W']);
      expect(g.getOperationByName('Adam/update_b/ApplyAdam').type).toBe('ApplyAdam');
      expect(g.getOperationByName('Adam/Assign').inputs.map((t) => t.name)).toEqual(['beta1_power:0', 'Adam/mul:0']);
      expect(g.getOperationByName('Adam/Assign_1').inputs.map((t) => t.name)).toEqual(['beta2_power:0', 'Adam/mul_1:0']);
      expect(g.getOperationByName('Adam/mul').controlInputs.map((o) => o.name).sort()).toEqual(['Adam/update_W/ApplyAdam', 'Adam/update_b/ApplyAdam']);
      expect(trainOp.controlInputs.map((o) => o.name)).toEqual([
        'Adam/update_W/ApplyAdam', 'Adam/update_b/ApplyAdam', 'Adam/Assign', 'Adam/Assign_1',
      ]);
      expect(getCollection(GraphKeys.TRAIN_OP)).toEqual([trainOp]);
    });
  });

  it('with a global step returns the AssignAdd named Adam, waiting on Adam/update, colocated with the step', () => {
    inGraph((g) => {
      const { loss } = model();
      const step = getOrCreateGlobalStep();
      const trainOp = new AdamOptimizer().minimize(loss, { globalStep: step });
      expect(trainOp.name).toBe('Adam');
      expect(trainOp.type).toBe('AssignAdd');
      expect(trainOp.inputs.map((t) => t.name)).toEqual(['global_step:0', 'Adam/value:0']);
      // The increment's constant is made inside the control block, so it carries the dependency
      // and the AssignAdd (fed by it) does not repeat it, as in TensorFlow.
      expect(g.getOperationByName('Adam/value').controlInputs.map((o) => o.name)).toEqual(['Adam/update']);
      expect(trainOp.controlInputs).toEqual([]);
      expect(trainOp.attrs._class).toEqual(['loc:@global_step']);
      expect(g.getOperationByName('Adam/update').type).toBe('NoOp');
      expect(getCollection(GraphKeys.TRAIN_OP)).toEqual([trainOp]);
    });
  });

  it('uses the given name for the train op and its scope', () => {
    inGraph((g) => {
      const { loss } = model();
      const op = new AdamOptimizer().minimize(loss, { name: 'optimize' });
      expect(op.name).toBe('optimize');
      expect(g.getOperationByName('optimize/update_W/ApplyAdam').type).toBe('ApplyAdam');
    });
  });

  it('names slots after a custom optimizer name', () => {
    inGraph(() => {
      const { W, loss } = model();
      const opt = new AdamOptimizer({ name: 'myadam' });
      opt.minimize(loss);
      expect(opt.getSlot(W, 'm')?.name).toBe('W/myadam:0');
      expect(opt.getSlot(W, 'v')?.name).toBe('W/myadam_1:0');
    });
  });

  it('a second Adam on the same variables takes W/Adam_2, W/Adam_3, beta1_power_1 (§187)', () => {
    inGraph(() => {
      const { W, loss } = model();
      new AdamOptimizer().minimize(loss);
      const second = new AdamOptimizer();
      second.minimize(loss);
      expect(second.getSlot(W, 'm')?.name).toBe('W/Adam_2:0');
      expect(second.getSlot(W, 'v')?.name).toBe('W/Adam_3:0');
      expect(names(second.variables())).toEqual(['W/Adam_2:0', 'W/Adam_3:0', 'b/Adam_2:0', 'b/Adam_3:0', 'beta1_power_1:0', 'beta2_power_1:0']);
    });
  });

  it('non-slot variables follow the name scope, slots do not (§189)', () => {
    inGraph(() => {
      const { W, loss } = model();
      const opt = new AdamOptimizer();
      nameScope('train', () => opt.minimize(loss));
      expect(names(globalVariables())).toContain('train/beta1_power:0');
      expect(opt.getSlot(W, 'm')?.name).toBe('W/Adam:0');
    });
  });
});

describe('other optimizers (§186)', () => {
  it('Momentum: W/Momentum, op Momentum/update_W/ApplyMomentum', () => {
    inGraph((g) => {
      const { W, loss } = model();
      const opt = new MomentumOptimizer(0.1, 0.9, { useNesterov: true });
      opt.minimize(loss);
      expect(opt.getSlot(W, 'momentum')?.name).toBe('W/Momentum:0');
      expect(opt.getSlotNames()).toEqual(['momentum']);
      const apply = g.getOperationByName('Momentum/update_W/ApplyMomentum');
      expect(apply.attrs.use_nesterov).toBe(true);
      expect(apply.inputs.map((t) => t.name).slice(0, 3)).toEqual(['W:0', 'W/Momentum:0', 'Momentum/learning_rate:0']);
      expect(apply.inputs[4]?.name).toBe('Momentum/momentum:0');
    });
  });

  it('RMSProp: rms W/RMSProp, momentum W/RMSProp_1; centered adds mg as W/RMSProp_1', () => {
    inGraph(() => {
      const { W, loss } = model();
      const opt = new RMSPropOptimizer(0.01);
      opt.minimize(loss);
      expect(opt.getSlot(W, 'rms')?.name).toBe('W/RMSProp:0');
      expect(opt.getSlot(W, 'momentum')?.name).toBe('W/RMSProp_1:0');
    });
    inGraph((g) => {
      const { W, loss } = model();
      const opt = new RMSPropOptimizer(0.01, { centered: true });
      opt.minimize(loss);
      expect(opt.getSlot(W, 'rms')?.name).toBe('W/RMSProp:0');
      expect(opt.getSlot(W, 'mg')?.name).toBe('W/RMSProp_1:0');
      expect(opt.getSlot(W, 'momentum')?.name).toBe('W/RMSProp_2:0');
      expect(opt.getSlotNames()).toEqual(['mg', 'momentum', 'rms']);
      expect(g.getOperationByName('RMSProp/update_W/ApplyCenteredRMSProp').type).toBe('ApplyCenteredRMSProp');
    });
  });

  it('Adagrad: W/Adagrad; GradientDescent: no slots', () => {
    inGraph((g) => {
      const { W, loss } = model();
      const opt = new AdagradOptimizer(0.1);
      opt.minimize(loss);
      expect(opt.getSlot(W, 'accumulator')?.name).toBe('W/Adagrad:0');
      expect(g.getOperationByName('Adagrad/update_W/ApplyAdagrad').type).toBe('ApplyAdagrad');
    });
    inGraph((g) => {
      const { loss } = model();
      const opt = new GradientDescentOptimizer(0.1);
      const op = opt.minimize(loss);
      expect(opt.getSlotNames()).toEqual([]);
      expect(op.name).toBe('GradientDescent');
      expect(g.getOperationByName('GradientDescent/update_W/ApplyGradientDescent').inputs.map((t) => t.name)).toEqual([
        'W:0', 'GradientDescent/learning_rate:0', 'gradients/MatMul_grad/tuple/control_dependency_1:0',
      ]);
      expect(names(globalVariables())).toEqual(['W:0', 'b:0']);
    });
  });
});

describe('slot creator (§185, 188)', () => {
  it('names a slot relative to the current variable scope', () => {
    inGraph(() => {
      variableScope('scope', () => {
        const v = new Variable([1, 2.5], { name: 'var' });
        const slot = createZerosSlot(v, 'slot');
        expect(v.name).toBe('scope/var:0');
        expect(slot.name).toBe('scope/scope/var/slot:0');
      });
    });
  });

  it('creates a slot from a tensor value, shape and dtype from it', () => {
    inGraph(() => {
      const v = new Variable([1, 2.5], { name: 'var' });
      const slot = createSlot(v, v.initializedValue(), 'slot');
      expect(slot.name).toBe('var/slot:0');
      expect(slot.shape.toArray()).toEqual([2]);
      expect(slot.trainable).toBe(false);
      const c = constant([1, 2.5], { name: 'const' });
      expect(createSlot(c, mul(c, 2), 'slot').name).toBe('const/slot:0');
    });
  });
});

describe('global step', () => {
  it('is an int64 scalar global_step in GLOBAL_VARIABLES and GLOBAL_STEP, created once', () => {
    inGraph(() => {
      const step = nameScope('somewhere', () => getOrCreateGlobalStep()) as Variable;
      expect(step.name).toBe('global_step:0');
      expect(step.dtype).toBe('int64');
      expect(step.shape.rank).toBe(0);
      expect(step.trainable).toBe(false);
      const collected = getCollection(GraphKeys.GLOBAL_STEP);
      expect(collected).toHaveLength(1);
      expect(collected[0]).toBe(step);
      expect(getOrCreateGlobalStep()).toBe(step);
    });
  });
});
