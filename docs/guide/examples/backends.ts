// Backends: choosing the CPU backend, adding a GPU when there is one, and what each supports.
import { createReferenceBackend } from '@varscope/backend-reference';
import { createWasmBackend } from '@varscope/backend-wasm';
import { createCudaBackend } from '@varscope/backend-cuda';
import { createTfjsBackend } from '@varscope/backend-tfjs';
import { BackendUnavailableError } from '@varscope/kernel-api';
import type { KernelBackend } from '@varscope/kernel-api';
import { Session, constant, device, matMul, randomNormal, setRandomSeed } from '@varscope/core';

setRandomSeed(42);
const x = randomNormal([2, 3], { seed: 1 });
const y = device('/gpu:0', () => matMul(x, constant([[1], [1], [1]], { dtype: 'float32' })));

// The GPU backend, if this machine can run it: init() says why not.
async function tryGpu(): Promise<KernelBackend | undefined> {
  const gpu = createCudaBackend({ device: 0 });
  try {
    await gpu.init();
    return gpu;
  } catch (e) {
    if (!(e instanceof BackendUnavailableError)) throw e;
    console.log('no GPU:', e.reason.split('\n')[0]);
    gpu.dispose();
    return undefined;
  }
}
const gpu = await tryGpu();

// Naming the CPU backend explicitly instead of relying on the default lookup:
const wasm = createWasmBackend();
const explicit = new Session({ devices: { CPU: wasm } });
console.log((await explicit.run(x)).shape);   // [ 2, 3 ]
await explicit.close();
wasm.dispose();   // a session disposes only the backends it created itself

// Each device type maps to one backend; soft placement moves GPU ops to the CPU when there is no GPU
// backend (or it lacks a kernel for the op and dtype).
const results: number[][] = [];
for (const cpu of [createReferenceBackend(), createWasmBackend()]) {
  const session = new Session({ devices: gpu ? { CPU: cpu, GPU: gpu } : { CPU: cpu }, config: { allowSoftPlacement: true } });
  const value = await session.run(x);
  results.push(Array.from(value.data as Float32Array));
  console.log(cpu.name, cpu.capabilities.syncDownload, Object.keys(cpu.capabilities.kernels).length, 'op types;',
    'MatMul dtypes:', cpu.capabilities.kernels['MatMul']?.join(','), '->', (await session.run(y)).toArray());
  await session.close();
  cpu.dispose();   // a session disposes only the backends it created itself
}
// Philox with one element layout: the same seeds give the same numbers on every backend.
console.log('same random numbers:', results[0]?.toString() === results[1]?.toString());

// TensorFlow.js as a backend: float32/int32/bool, no random ops. Soft placement is off here, so a
// graph it cannot run is refused when planned; the deterministic part runs.
const tfjs = createTfjsBackend();   // { engine: 'wasm' } with @tensorflow/tfjs-backend-wasm installed
const onTfjs = new Session({ devices: { CPU: tfjs } });
const z = matMul(constant([[1, 2, 3]], { dtype: 'float32' }), constant([[1], [1], [1]], { dtype: 'float32' }));
console.log(tfjs.name, (await onTfjs.run(z)).toArray());   // [ [ 6 ] ]
await onTfjs.run(x).catch((e: unknown) => console.log(`${(e as Error).name}: ${(e as Error).message.split('\n')[0]}`));
await onTfjs.close();
tfjs.dispose();
gpu?.dispose();
