// Training: gradients, optimizers and their slots, the global step, frozen variables, two networks.
import {
  GraphKeys, Session, Variable, add, constant, getCollection, getVariable, gradients, globalVariablesInitializer,
  matMul, mul, placeholder, reduceMean, reduceSum, square, sub, train, variableScope, zerosInitializer,
} from '@varscope/core';

// tf.gradients: one symbolic gradient per x (null where y does not depend on it).
const a = new Variable(3, { dtype: 'float32', name: 'a' });
const [dyda] = gradients(mul(square(a), 2), [a]);   // d(2a²)/da = 4a
console.log(dyda?.name);   // gradients/Square_grad/Mul_1:0

// Linear regression: y = x·W + b, fitted with gradient descent; the step counter is the global step.
const x = placeholder('float32', [null, 2], { name: 'x' });
const y = placeholder('float32', [null, 1], { name: 'y' });
const W = getVariable('W', [2, 1], { initializer: zerosInitializer() });
const b = getVariable('b', [1], { initializer: zerosInitializer() });
const loss = reduceMean(square(sub(add(matMul(x, W), b), y)));
const globalStep = train.getOrCreateGlobalStep();
const trainOp = new train.GradientDescentOptimizer(0.1).minimize(loss, { globalStep });

// A frozen variable: trainable: false keeps it out of TRAINABLE_VARIABLES, so minimize never updates it.
const frozen = getVariable('frozen', { initializer: constant([5], { dtype: 'float32' }), trainable: false });
const loss2 = reduceMean(square(sub(add(mul(x, frozen), b), y)));
const adam = new train.AdamOptimizer({ learningRate: 0.01 });
const adamStep = adam.minimize(loss2, { name: 'adam_step' });
// Slots have TensorFlow's names, so checkpoints interchange with TensorFlow's.
console.log(adam.getSlotNames(), adam.getSlot(b, 'm')?.name, adam.variables().map((v) => v.name));
// [ 'm', 'v' ] b/Adam:0 [ 'b/Adam:0', 'b/Adam_1:0', 'beta1_power:0', 'beta2_power:0' ]

// Two networks, two optimizers, each over its own scope's variables.
const d = variableScope('discriminator', () => getVariable('v1', [3], { initializer: zerosInitializer() }));
const g = variableScope('generator', () => getVariable('v2', [3], { initializer: zerosInitializer() }));
const dLoss = reduceSum(square(sub(d, 1)));    // gradient 2(d - 1): one step of 0.5 lands on 1
const gLoss = reduceSum(square(sub(g, -1)));
const trainD = new train.GradientDescentOptimizer(0.5).minimize(dLoss, {
  varList: getCollection<Variable>(GraphKeys.TRAINABLE_VARIABLES, 'discriminator'),
});
const trainG = new train.GradientDescentOptimizer(0.5).minimize(gLoss, {
  varList: getCollection<Variable>(GraphKeys.TRAINABLE_VARIABLES, 'generator'),
});

const session = new Session();
await session.run(globalVariablesInitializer());
console.log('d(2a²)/da at a=3:', (await session.run(dyda as NonNullable<typeof dyda>)).toArray());   // 12
const feeds = { 'x:0': [[0, 1], [1, 0], [1, 1], [2, 1]], 'y:0': [[2.5], [1.5], [3.5], [4.5]] };   // y = x·[1, 2] + 0.5
for (let i = 0; i < 500; i++) await session.run(trainOp, feeds);
const r = await session.run({ W, b, loss, step: globalStep }, feeds);
console.log(r.W.toArray(), r.b.toArray(), (r.loss.data[0] as number) < 1e-3, r.step.dtype, r.step.toArray());   // ≈ [[1], [2]] ≈ [0.5] true int64 500n
for (let i = 0; i < 10; i++) await session.run(adamStep, feeds);
console.log('frozen:', (await session.run(frozen)).toArray());   // [ 5 ]
await session.run(trainD);
console.log((await session.run(d)).toArray(), (await session.run(g)).toArray());   // [ 1, 1, 1 ] [ 0, 0, 0 ]
await session.run(trainG);
console.log((await session.run(g)).toArray());   // [ -1, -1, -1 ]
await session.close();
