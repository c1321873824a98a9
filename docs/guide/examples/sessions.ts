// Sessions: fetch and feed structures, runSync, containers and shared state through a Server.
import {
  NDArray, Server, Session, Variable, add, assignAdd, constant, container, getVariable, globalVariablesInitializer,
  mul, placeholder, zerosInitializer,
} from '@varscope/core';

const a = placeholder('float32', [null], { name: 'a' });
const b = constant(10, { dtype: 'float32', name: 'b' });   // JS has no 10.0: an integer is int32 unless told
const sum = add(a, b);
const total = getVariable('total', [], { initializer: zerosInitializer() });
const accumulate = assignAdd(total, 1);

const session = new Session();
await session.run(globalVariablesInitializer());

// Fetches: a tensor, op, variable or name, or arrays / objects / Maps of them, nested.
// The result mirrors the structure; ops give null (so a fetch by name is typed NDArray | null).
const feeds = { 'a:0': [1, 2, 3] };                         // keyed by tensor name …
const one = await session.run(sum, feeds);                   // NDArray
const [s, op] = await session.run([sum, accumulate.op], feeds);
const named = await session.run({ sum, b: 'b:0', nested: [total, { t: total }] }, new Map([[a, [4, 5]]]));   // … or a Map keyed by tensor
console.log(one.toArray(), s.toArray(), op, named.sum.toArray(), named.b?.toArray(), named.nested[1].t.toArray());

// Values: NDArray has dtype, shape, data (a typed array), toArray(), get(...index).
const m = await session.run(mul(constant([[1, 2], [3, 4]]), 2));
console.log(m.dtype, m.shape, m.data, m.get(1, 0), NDArray.from([[1.5, 2]]).dtype);   // int32 [2, 2] Int32Array … 6 float32

// Feeding a wrong shape or dtype is refused before anything runs.
try {
  await session.run(sum, { 'a:0': [[1, 2]] });
} catch (e) {
  console.log(`${(e as Error).name}: ${(e as Error).message}`);
}

// runSync: the same run, synchronously, once the backends are initialized and can download
// synchronously (the reference and WASM backends can; CUDA cannot).
console.log(session.runSync(sum, { 'a:0': [7] }).toArray());
await session.close();

// Each Session has its own variable values (its own resource container) …
const s1 = new Session();
const s2 = new Session();
await s1.run(globalVariablesInitializer());
await s1.run(accumulate);
try {
  await s2.run(total);
} catch (e) {
  console.log(`${(e as Error).name}: ${(e as Error).message.split('\n')[0]}`);
}
await Promise.all([s1.close(), s2.close()]);

// … while sessions created with the same in-process Server share one store, as TensorFlow's
// sessions on one server do. Values outlive any one session until server.close().
const server = new Server();
const w1 = new Session({ target: server });
await w1.run(globalVariablesInitializer());
await w1.run(accumulate);
await w1.close();
const w2 = new Session({ target: server });
await w2.run(accumulate);
console.log('shared:', (await total.eval(w2)).toArray());   // 2
await w2.close();
server.close();

// container(name, fn) sets the container attr of the variables built in fn (TensorFlow's tf.container).
const scratch = container('scratch', () => new Variable(0, { name: 'scratch_v' }));
console.log(scratch.op.attrs['container']);   // scratch
