// Variables: creation, dtypes, getVariable, initializers, initialization, the assign family.
import {
  Graph, Session, Variable, add, assign, constant, constantInitializer, controlDependencies, getVariable,
  globalVariablesInitializer, mul, onesInitializer, randomNormal, randomUniformInitializer,
  reportUninitializedVariables, truncatedNormalInitializer, variablesInitializer, zerosInitializer,
} from '@varscope/core';

// new Variable(initialValue, options): the dtype comes from the value unless options say otherwise.
const fruit = new Variable('Orange');                                   // string
const quantity = new Variable(2, { dtype: 'int16' });                   // int16
const price = new Variable(3.23);                                       // float32 (a fraction)
const prices = new Variable([3.23, 4.02], { dtype: 'float64' });
const answers = new Variable([[false, true], [false, false]]);          // bool [2,2]
console.log(String(fruit), String(quantity), String(answers));

// Names are uniquified like TensorFlow's: Variable, Variable_1, foo, foo_1 (in a fresh graph).
const names = new Graph().asDefault(() =>
  [new Variable(1), new Variable(2), new Variable(3, { name: 'foo' }), new Variable(4, { name: 'foo' })]);
console.log(names.map((v) => v.name).join(' '));   // Variable:0 Variable_1:0 foo:0 foo_1:0

// getVariable(name, shape?, options?): float32 and glorot uniform unless told otherwise.
const v1 = getVariable('v1', [5, 5, 3]);
const v2 = getVariable('v2', { initializer: constant(2) });             // int32 scalar: the dtype is the tensor's
const v3 = getVariable('v3', { initializer: constant([[2, 3], [4, 5]]) });
const c = getVariable('c', [3, 2], { initializer: constantInitializer([1, 2, 3, 4, 5, 6]) });
const W = getVariable('W', [784, 256], { initializer: truncatedNormalInitializer({ stddev: Math.sqrt(2 / 784) }) });
const z = getVariable('z', [4, 5], { initializer: randomUniformInitializer(-1, 1) });
const ones = getVariable('ones', [2], { dtype: 'int32', initializer: onesInitializer() });
console.log(v1.dtype, String(v1.shape), v2.dtype, String(v2.shape), v3.dtype);   // float32 (5, 5, 3) int32 () int32

try {
  getVariable('v1', [3, 2], { initializer: zerosInitializer() });
} catch (e) {
  console.log(`${(e as Error).name}: ${(e as Error).message.split('\n')[0]}`);
}

// The ops a variable adds: the variable, its initial value, its initializer (an Assign) and its read.
console.log(fruit.op.type, fruit.initializer.name, fruit.value().name);   // VariableV2 Variable/Assign Variable/read:0

// Initializing from another variable: initializedValue() works inside one initializer run.
const weights = new Variable(randomNormal([784, 100], { stddev: 0.35 }), { name: 'weights' });
const w2 = new Variable(weights.initializedValue(), { name: 'w2' });
const wTwice = new Variable(mul(weights.initializedValue(), 2), { name: 'w_twice' });

// A counter and its update op.
const counter = getVariable('counter', { initializer: constant(0) });
const increment = assign(counter, add(counter, 1));

const session = new Session();
try {
  await session.run(counter);
} catch (e) {
  console.log(`${(e as Error).name}: ${(e as Error).message.split('\n')[0]}`);   // FailedPreconditionError: Attempting to use uninitialized value counter
}
await session.run(variablesInitializer([counter]));
console.log((await session.run(reportUninitializedVariables())).size, 'variables still uninitialized');
await session.run(globalVariablesInitializer());
console.log((await session.run(reportUninitializedVariables())).size, 'uninitialized after globalVariablesInitializer()');

for (let i = 0; i < 3; i++) console.log('increment ->', (await session.run(increment)).toArray());
const [f, q, p, ps, a, cv, zz, o] = await session.run([fruit, quantity, price, prices, answers, c, z, ones]);
console.log(f.toArray(), q.dtype, q.toArray(), p.toArray(), ps.toArray(), a.toArray(), cv.toArray(), o.toArray());
console.log('z in [-1, 1):', Array.from(zz.data as Float32Array).every((u) => u >= -1 && u < 1));
const [wv, w2v, wt] = await session.run([weights, w2, wTwice]);
console.log('w2 == weights:', wv.get(0, 0) === w2v.get(0, 0), ' w_twice == 2*weights:', wt.get(0, 0) === 2 * (wv.get(0, 0) as number));
const Wv = (await session.run(W)).data as Float32Array;
console.log('W within 2 stddev:', Wv.every((u) => Math.abs(u) <= 2 * Math.sqrt(2 / 784)));

// The assign family: each returns the variable's new value (a ref tensor) or, with readValue: false, the op.
const v = getVariable('v', [], { initializer: zerosInitializer() });
const bumped = v.assignAdd(1);
const readAfter = controlDependencies([bumped], () => v.readValue());   // ordered after the assignAdd
await session.run(v.initializer);
console.log(await session.run({ bumped, readAfter }).then((r) => [r.bumped.toArray(), r.readAfter.toArray()]));   // [ 1, 1 ]
console.log((await session.run(v.assignSub(0.5, { readValue: false }))) === null, (await session.run(v)).toArray());
await v.load(10, session);                 // feed a value without adding ops (TensorFlow's Variable.load)
console.log((await v.eval(session)).toArray());
await session.close();
