// Variable scopes and name scopes: prefixes, sharing, reuse modes, captured scopes.
import {
  AUTO_REUSE, Session, Variable, add, constant, getVariable, getVariableScope, globalVariablesInitializer, matMul,
  mul, nameScope, placeholder, relu, variableScope,
} from '@varscope/core';
import type { Tensor } from '@varscope/core';

// Nested variable scopes prefix getVariable names.
const v = variableScope('foo', () => variableScope('bar', () => getVariable('v', [1])));
console.log(v.name);   // foo/bar/v:0

// A layer that creates its variables with getVariable: one call per scope, or share them.
function affine(x: Tensor, shape: [number, number]): Tensor {
  const W = getVariable('W', shape);
  const b = getVariable('b', [shape[1]]);
  return relu(add(matMul(x, W), b));
}
const x = placeholder('float32', [null, 4], { name: 'x' });
const n1 = variableScope('n1', () => affine(x, [4, 3]));
try {
  variableScope('n1', () => affine(x, [4, 3]));                    // reuse is off: W already exists
} catch (e) {
  console.log((e as Error).message.split('\n')[0]);
}
const n2 = variableScope('n1', { reuse: true }, () => affine(x, [4, 3]));   // shares n1/W and n1/b
try {
  variableScope('n9', { reuse: true }, () => affine(x, [4, 3]));   // reuse is on: n9/W does not exist
} catch (e) {
  console.log((e as Error).message.split('\n')[0]);
}
// AUTO_REUSE creates on the first call and reuses afterwards.
const dense = (t: Tensor) => variableScope('dense', { reuse: AUTO_REUSE }, () => affine(t, [4, 3]));
dense(x);
dense(x);

// Capture a scope and re-enter it; or switch the current scope to reuse.
const [first, model] = variableScope('model', (scope) => [getVariable('w', [2]), scope] as const);
const again = variableScope(model, { reuse: true }, () => getVariable('w'));
const same = variableScope('shared', (scope) => {
  const a = getVariable('w', [2]);
  scope.reuseVariables();
  return a === getVariable('w');
});
console.log(first === again, same);   // true true

// The reuse flag is inherited by sub-scopes and cannot be switched off inside them.
variableScope('root', () => {
  console.log(getVariableScope().reuse);                                            // false
  variableScope('foo', { reuse: true }, () => {
    variableScope('bar', () => console.log(getVariableScope().reuse));              // true
  });
  console.log(getVariableScope().reuse);                                            // false
});

// Name scopes prefix ops and new Variable(); getVariable ignores them.
const [v1, v2] = nameScope('foo1', () => [getVariable('v', [1]), new Variable(1, { name: 'v2' })]);
const [v3, v4] = variableScope('foo2', () => [getVariable('v', [1]), new Variable(1, { name: 'v2' })]);
console.log(v1.name, v2.name, v3.name, v4.name);   // v:0 foo1/v2:0 foo2/v:0 foo2/v2:0

// Op names: a variable scope also opens a name scope of its name, uniquified like any name scope.
// 'foo' was opened above, so the ops land in foo_1/ while getVariable names keep foo/.
const [y, vv, yy] = variableScope('foo', () => {
  const y = add(1.0, getVariable('v', [1]));
  return nameScope('bar', () => {
    const v = getVariable('u', [1]);
    return [y, v, add(1.0, v)] as const;
  });
});
console.log(y.op.name, vv.name, yy.op.name);   // foo_1/add foo/u:0 foo_1/bar/add (foo/add in a fresh graph)

// The two kinds of scope side by side.
function scoping(fn: (name: string, body: () => Tensor) => Tensor, scope1: string, scope2: string): Tensor {
  return fn(scope1, () => {
    const a = new Variable(1, { name: 'a' });
    const b = getVariable('b', { initializer: constant(2) });
    const c = constant(3, { name: 'c' });
    const d = fn(scope2, () => add(mul(a, b), c, { name: 'res' }));
    console.log([a.name, b.name, c.name, d.name].join(' '));
    return d;
  });
}
const d1 = scoping((n, body) => variableScope(n, () => body()), 'scope_vars', 'res');   // scope_vars/a:0 scope_vars/b:0 scope_vars/c:0 scope_vars/res/res:0
const d2 = scoping((n, body) => nameScope(n, () => body()), 'scope_name', 'res');       // scope_name/a:0 b:0 scope_name/c:0 scope_name/res/res:0

// Naming rules in brief. Re-entering a captured scope keeps its variable prefix and opens a fresh
// name scope; a name scope ending in '/' is re-entered verbatim; defaultName is uniquified.
const [wAgain, opAgain] = variableScope(model, { reuse: true }, () => [getVariable('w'), constant(0, { name: 'k' })] as const);
const back = nameScope('model/', () => constant(0, { name: 'k' }));
const layers = [0, 1].map(() => variableScope(null, { defaultName: 'layer' }, (scope) => scope.name));
const quiet = variableScope('quiet', { auxiliaryNameScope: false }, () => [getVariable('w', [1]).name, constant(0).op.name]);
console.log(wAgain.name, opAgain.op.name, back.op.name, layers, quiet, model.originalNameScope);
// model/w:0 model_2/k model/k [ 'layer', 'layer_1' ] [ 'quiet/w:0', 'Const' ] model/

// Scope callbacks are synchronous: an async body is refused.
try {
  variableScope('later', async () => getVariable('w', [1]));
} catch (e) {
  console.log((e as Error).message.split('.')[0]);
}

const session = new Session();
await session.run(globalVariablesInitializer());
const feed = { 'x:0': [[1, 2, 3, 4]] };
const [o1, o2, r1, r2] = await session.run([n1, n2, d1, d2], feed);
console.log(JSON.stringify(o1.toArray()) === JSON.stringify(o2.toArray()), r1.toArray(), r2.toArray());   // true 5 5
await session.close();
