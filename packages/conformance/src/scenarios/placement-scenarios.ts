import { DTYPES } from '@varscope/kernel-api';
import type { DType } from '@varscope/kernel-api';
import { Graph, InvalidArgumentError, add, constant, device, matMul } from '@varscope/core';
import type { ScenarioContext, SeedScenario } from './seed-scenario.js';

const localDevice = (type: string, index = 0) => `/job:localhost/replica:0/task:0/device:${type}:${index}`;

/** A device spec no session of the suite has a backend for. */
const absentDevice = (ctx: ScenarioContext) => (ctx.deviceType === 'CPU' ? '/device:GPU:0' : '/device:GPU:1');

/** SEED-SCENARIOS §5.4: run-time placement on the backend under test, and its errors. */
export const placementScenarios: readonly SeedScenario[] = Object.freeze([
  {
    id: '5.4/device', title: 'an op runs on the backend of its device',
    async run(ctx) {
      const { expect } = ctx;
      const g = new Graph();
      const y = g.asDefault(() => device(`/device:${ctx.deviceType}:0`, () => {
        const x = constant([[1, 2], [3, 4]], { dtype: 'float32', name: 'x' });
        return matMul(x, x, { name: 'y' });
      }));
      const lines: string[] = [];
      const s = ctx.newSession(g, { logDevicePlacement: true, log: (line) => lines.push(line) });
      expect((await s.run(y)).toArray()).toEqual([[7, 10], [15, 22]]);
      expect(lines).toContain(`y: (MatMul): ${localDevice(ctx.deviceType)}`);
      await s.close();
    },
  },
  {
    id: '5.4/no-backend', title: 'an op on a device with no backend fails naming op, type and device, unless soft placement is on',
    async run(ctx) {
      const { expect } = ctx;
      const spec = absentDevice(ctx);
      const g = new Graph();
      const z = g.asDefault(() => device(spec, () => matMul(constant([[2]], { dtype: 'float32' }), constant([[3]], { dtype: 'float32' }), { name: 'z' })));
      const strict = ctx.newSession(g, { allowSoftPlacement: false });
      const err = await strict.run(z).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidArgumentError);
      expect((err as Error).message).toMatch(/Cannot assign a device for operation z:/);
      expect((err as Error).message).toContain(spec);
      expect((err as Error).message).toContain('Op: MatMul');
      await strict.close();
      const lines: string[] = [];
      const soft = ctx.newSession(g, { allowSoftPlacement: true, logDevicePlacement: true, log: (line) => lines.push(line) });
      expect((await soft.run(z)).toArray()).toEqual([[6]]);
      expect(lines.some((l) => l.startsWith('z: (MatMul): '))).toBe(true);
      await soft.close();
    },
  },
  {
    id: '5.4/no-kernel', title: 'an op whose dtype the backend has no kernel for fails naming op, type, dtype and device',
    async run(ctx) {
      const { expect } = ctx;
      const candidates: DType[] = ['int64', 'float64', 'int16', 'int8', 'uint8', 'int32', 'float32'];
      const has = ctx.backend.capabilities.kernels.Add ?? [];
      const dtype = candidates.find((d) => !has.includes(d));
      if (dtype === undefined) return ctx.skip(`${ctx.backend.name} has Add kernels for every dtype tried (${candidates.join(', ')})`);
      const g = new Graph();
      const sum = g.asDefault(() => device(`/device:${ctx.deviceType}:0`, () => add(constant(1, { dtype }), constant(2, { dtype }), { name: 'sum' })));
      const s = ctx.newSession(g, { allowSoftPlacement: false });
      const err = await s.run(sum).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidArgumentError);
      const message = (err as Error).message;
      expect(message).toContain('sum');
      expect(message).toContain('Add');
      expect(message).toContain(DTYPES[dtype].enumName);
      expect(message).toContain(ctx.deviceType);
      await s.close();
    },
  },
]);
