// The smallest complete varscope program: build a graph of variables in scopes, initialize
// them, update them, and print them — TensorFlow 1.x style, in TypeScript.
import {
  AUTO_REUSE, GraphKeys, Session, add, assign, getCollection, getVariable, globalVariablesInitializer,
  matMul, placeholder, truncatedNormalInitializer, variableScope, zerosInitializer, constant,
} from '@varscope/core';

// A dense layer whose weights are shared across calls through AUTO_REUSE.
function dense(x: ReturnType<typeof placeholder>, units: number) {
  return variableScope('dense', { reuse: AUTO_REUSE }, () => {
    const w = getVariable('W', [3, units], { initializer: truncatedNormalInitializer({ stddev: Math.sqrt(2 / 3), seed: 1 }) });
    const b = getVariable('b', [units], { initializer: zerosInitializer() });
    return add(matMul(x, w), b);
  });
}

const x = placeholder('float32', [null, 3], { name: 'x' });
const y1 = dense(x, 2);
const y2 = dense(x, 2); // same W and b

const counter = getVariable('counter', { initializer: constant(0) });
const increment = assign(counter, add(counter, 1));

const session = new Session();
await session.run(globalVariablesInitializer());
for (let i = 0; i < 3; i++) await session.run(increment);

const [w, b, c, out1, out2] = await session.run(
  ['dense/W:0', 'dense/b:0', counter, y1, y2],
  { 'x:0': [[1, 2, 3], [4, 5, 6]] },
);

console.log(`backend: ${session.devices.CPU?.name}`);
console.log('variables:', getCollection(GraphKeys.GLOBAL_VARIABLES).map((v) => String(v)).join(', '));
console.log('dense/W =', JSON.stringify(w?.toArray()));
console.log('dense/b =', JSON.stringify(b?.toArray()));
console.log('counter =', c?.toArray(), '(after three increments)');
console.log('layer(x), called twice with shared weights:', JSON.stringify(out1?.toArray()), '==', JSON.stringify(out2?.toArray()));
await session.close();
