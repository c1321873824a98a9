// Getting started: build a graph, initialize its variables, run it.
import {
  Session, add, getVariable, globalVariablesInitializer, matMul, placeholder, relu, variableScope, zerosInitializer,
} from '@varscope/core';

// Building the graph computes nothing: each call adds ops and returns a symbolic Tensor.
const x = placeholder('float32', [null, 3], { name: 'x' });
const h = variableScope('layer1', () => {
  const w = getVariable('W', [3, 2]);                                            // glorot uniform
  const b = getVariable('b', [2], { initializer: zerosInitializer() });
  return relu(add(matMul(x, w), b));
});
console.log(x.name, h.name, h.dtype, String(h.shape));   // x:0 layer1/Relu:0 float32 (?, 2)

const session = new Session();          // CPU: @varscope/backend-wasm if installed, else the reference backend
await session.run(globalVariablesInitializer());
const out = await session.run(h, { 'x:0': [[1, 2, 3], [4, 5, 6]] });
console.log(session.devices.CPU?.name, out.dtype, out.shape);   // wasm float32 [ 2, 2 ]
console.log(out.toArray());
await session.close();
