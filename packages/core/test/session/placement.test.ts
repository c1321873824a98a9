import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, UnimplementedError, ValueError } from '../../src/errors.js';
import { TensorShape } from '../../src/shape/index.js';
import { device } from '../../src/graph/index.js';
import { add, constant, matMul, mul } from '../../src/ops/index.js';
import { Session } from '../../src/session/index.js';
import { Variable } from '../../src/variables/index.js';
import { buildGraph, kernelSubset, wrapReference } from './helpers.js';

function devices(gpuOps: readonly string[] = ['MatMul', 'Identity', 'Assign', 'AssignAdd']) {
  const cpu = wrapReference({ name: 'cpu' });
  const gpu = wrapReference({ name: 'fake-gpu', deviceType: 'GPU', kernels: kernelSubset(gpuOps, ['float32']) });
  return { cpu, gpu };
}

describe('device placement (ARCHITECTURE §4, seed 5.4)', () => {
  it('runs each op on its device\'s backend and moves values between them through the host', async () => {
    const { graph, out } = buildGraph(() => {
      const a = constant([[1, 2], [3, 4]], { dtype: 'float32' });
      const p = device('/gpu:0', () => matMul(a, a, { name: 'product' }));
      return add(p, 1, { name: 'sum' });
    });
    const { cpu, gpu } = devices();
    const sess = new Session({ graph, devices: { CPU: cpu, GPU: gpu } });
    expect((await sess.run(out)).toArray()).toEqual([[8, 11], [16, 23]]);
    expect(gpu.ran).toEqual(['product']);
    expect(cpu.ran).toEqual(['sum']);
    expect(gpu.stats().liveHandles).toBe(0);
    expect(cpu.stats().liveHandles).toBe(0);
  });

  it('names op, type, dtype and device when the device has no kernel, unless soft placement moves it to the CPU', async () => {
    const { graph, out } = buildGraph(() => device('/device:GPU:0', () => mul(constant(2.5), constant(3, { dtype: 'float32' }), { name: 'foo' })));
    const { cpu, gpu } = devices();
    const strict = new Session({ graph, devices: { CPU: cpu, GPU: gpu } });
    const error = await strict.run(out).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    const message = (error as Error).message;
    expect(message).toContain("Cannot assign a device for operation foo: Could not satisfy explicit device specification '/device:GPU:0' because no supported kernel for GPU devices is available.");
    expect(message).toContain('Op: Mul; T=DT_FLOAT (float32)');
    expect(message).toContain('Registered kernels:');
    expect(message).toMatch(/device='CPU'; T in \[.*DT_FLOAT/);
    expect(gpu.ran).toEqual([]);

    const soft = new Session({ graph, devices: { CPU: cpu, GPU: gpu }, config: { allowSoftPlacement: true } });
    expect((await soft.run(out)).toArray()).toBe(7.5);
    expect(cpu.ran).toEqual(['foo']);
  });

  it('checks the dtype as well as the op', async () => {
    const { graph, out } = buildGraph(() => {
      const a = constant([[1, 2]], { dtype: 'float64' });
      return device('/gpu:0', () => matMul(a, a, { transposeB: true, name: 'mm' }));
    });
    const { cpu, gpu } = devices();
    await expect(new Session({ graph, devices: { CPU: cpu, GPU: gpu } }).run(out)).rejects.toThrow(
      /Cannot assign a device for operation mm: .*no supported kernel for GPU devices[\s\S]*T=DT_DOUBLE[\s\S]*device='GPU'; T in \[DT_FLOAT\]/,
    );
    const soft = new Session({ graph, devices: { CPU: cpu, GPU: gpu }, config: { allowSoftPlacement: true } });
    expect((await soft.run(out)).toArray()).toEqual([[5]]);
  });

  it('reports a device the session does not have', async () => {
    const { graph, out } = buildGraph(() => device('/gpu:0', () => add(constant(1.0), 2.0, { name: 'x' })));
    const cpu = wrapReference();
    await expect(new Session({ graph, devices: { CPU: cpu } }).run(out)).rejects.toThrow(
      'Cannot assign a device for operation x: Operation was explicitly assigned to /device:GPU:0 but available devices are [ /job:localhost/replica:0/task:0/device:CPU:0 ]. Make sure the device specification refers to a valid device.',
    );
    const soft = new Session({ graph, devices: { CPU: cpu }, config: { allowSoftPlacement: true } });
    expect((await soft.run(out)).toArray()).toBe(3);
  });

  it('runs ops that mutate a variable where the variable lives', async () => {
    const { graph, out } = buildGraph(() => {
      const v = device('/gpu:0', () => new Variable([1.5, 2.5], { name: 'v' }));
      const inc = device('/cpu:0', () => v.assignAdd([10, 10], { name: 'inc' }));
      return { v, inc, doubled: mul(v, 2, { name: 'doubled' }) };
    });
    const { cpu, gpu } = devices();
    const sess = new Session({ graph, devices: { CPU: cpu, GPU: gpu } });
    await sess.run(out.v.initializer);
    expect((await sess.run(out.inc)).toArray()).toEqual([11.5, 12.5]);
    expect((await sess.run(out.doubled)).toArray()).toEqual([23, 25]);
    expect(gpu.ran).toEqual(['v/Assign', 'inc', 'v/read']); // the snapshot lives with the variable too
    expect(cpu.ran).toEqual(['doubled']);
    expect(gpu.stats().liveHandles).toBe(1); // the variable's buffer
    expect(cpu.stats().liveHandles).toBe(0);
    await sess.close();
    expect(gpu.stats().liveHandles).toBe(0);
  });

  it('runs string ops on the host whatever their device', async () => {
    const { graph, out } = buildGraph(() => device('/gpu:0', () => add(constant('ab'), constant('cd'))));
    const { cpu, gpu } = devices();
    expect((await new Session({ graph, devices: { CPU: cpu, GPU: gpu } }).run(out)).toArray()).toBe('abcd');
    expect(gpu.ran).toEqual([]);
  });

  it('logs placements when asked', async () => {
    const { graph, out } = buildGraph(() => add(constant(1.0, { name: 'one' }), 2.0, { name: 'three' }));
    const lines: string[] = [];
    const sess = new Session({ graph, devices: { CPU: wrapReference() }, config: { logDevicePlacement: true, log: (l) => lines.push(l) } });
    await sess.run(out);
    await sess.run(out); // planned once
    expect(lines).toEqual([
      'one: (Const): /job:localhost/replica:0/task:0/device:CPU:0',
      'three/y: (Const): /job:localhost/replica:0/task:0/device:CPU:0',
      'three: (Add): /job:localhost/replica:0/task:0/device:CPU:0',
    ]);
  });

  it('cannot run ops it has no kernel for, naming the op type', async () => {
    const { graph, out } = buildGraph(() => constant(1));
    const opaque = graph.createOp({
      type: 'MyCustomOp', name: 'custom', opaqueOutputs: [{ dtype: 'float32', shape: new TensorShape([]) }],
    });
    const sess = new Session({ graph, devices: { CPU: wrapReference() } });
    expect((await sess.run(out)).toArray()).toBe(1); // not needed, not run
    const error = await sess.run(opaque.output(0)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnimplementedError);
    expect((error as Error).message).toMatch(/Cannot run operation custom \(op: 'MyCustomOp'\)/);
  });

  it('checks the devices it is given', () => {
    const { graph } = buildGraph(() => constant(1));
    expect(() => new Session({ graph, devices: { GPU: wrapReference() } })).toThrow(ValueError);
    expect(() => new Session({ graph, devices: { TPU: wrapReference() } as never })).toThrow(/Unknown device type 'TPU'/);
  });
});
