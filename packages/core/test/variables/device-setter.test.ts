import { describe, expect, it } from 'vitest';
import { device } from '../../src/graph/index.js';
import { add } from '../../src/ops/math.js';
import { ClusterSpec, STANDARD_PS_OPS, replicaDeviceSetter } from '../../src/train/device-setter.js';
import { ValueError } from '../../src/errors.js';
import { Variable, getVariable } from '../../src/variables/index.js';
import { inGraph } from './helpers.js';

const cluster = { ps: ['ps0:2222', 'ps1:2222'], worker: ['worker0:2222', 'worker1:2222', 'worker2:2222'] };

describe('replicaDeviceSetter (§I)', () => {
  it('places variables round robin on ps tasks and the rest on the worker (case 137, seed 5.3)', () => {
    for (const c of [cluster, new ClusterSpec(cluster)]) {
      inGraph(() => device(replicaDeviceSetter({ cluster: c }), () => {
        const v = new Variable([1, 2], { name: 'v' });
        const w = new Variable([2, 1], { name: 'w' });
        const a = add(v, w);
        const x = new Variable(1, { name: 'x' });
        expect([v.device, v.initializer.device, v.value().device]).toEqual(['/job:ps/task:0', '/job:ps/task:0', '/job:ps/task:0']);
        expect(w.device).toBe('/job:ps/task:1');
        expect(a.device).toBe('/job:worker');
        expect(v.initialValue.device).toBe('/job:worker');
        expect(x.device).toBe('/job:ps/task:0');
      }));
    }
  });

  it('merges with inner device scopes (case 138)', () => {
    inGraph(() => device(replicaDeviceSetter({ cluster }), () => {
      const v = device('/cpu:0', () => new Variable(1, { name: 'v' }));
      const w = new Variable(1, { name: 'w' });
      const a = device('/cpu:0', () => add(v, w));
      expect([v.device, w.device, a.device]).toEqual(['/job:ps/task:0/device:CPU:0', '/job:ps/task:1', '/job:worker/device:CPU:0']);
    }));
  });

  it('respects explicit jobs, assigning a task only on the ps job (case 139)', () => {
    inGraph(() => device(replicaDeviceSetter({ cluster }), () => {
      const v = new Variable(1, { name: 'v' });
      const w = device('/job:moon', () => new Variable(1, { name: 'w' }));
      const x = device('/job:ps', () => new Variable(1, { name: 'x' }));
      expect([v.device, w.device, x.device]).toEqual(['/job:ps/task:0', '/job:moon', '/job:ps/task:1']);
    }));
    inGraph(() => device(replicaDeviceSetter({ cluster, mergeDevices: false }), () => {
      const v = new Variable(1, { name: 'v' });
      const x = device('/job:ps', () => new Variable(1, { name: 'x' }));
      const a = device('/job:ps/task:3', () => add(v, 1));
      expect([v.device, x.device, a.device]).toEqual(['/job:ps/task:0', '/job:ps', '/job:ps/task:3']);
    }));
  });

  it('ps_device variants (case 140)', () => {
    inGraph(() => device(replicaDeviceSetter({ psTasks: 1, psDevice: '/cpu:0' }), () => {
      const v = new Variable(1, { name: 'v' });
      const w = device('/job:moon', () => new Variable(1, { name: 'w' }));
      const a = add(v, w);
      expect([v.device, w.device, a.device]).toEqual(['/device:CPU:0', '/job:moon/device:CPU:0', '/job:worker']);
    }));
    inGraph(() => device(replicaDeviceSetter({ psTasks: 2, psDevice: '/job:moon/cpu:0', workerDevice: '/job:sun' }), () => {
      const v = new Variable(1, { name: 'v' });
      const w = getVariable('w', [2]);
      expect([v.device, w.device, add(v, 1).device]).toEqual(['/job:moon/task:0/device:CPU:0', '/job:moon/task:1/device:CPU:0', '/job:sun']);
    }));
  });

  it('returns null when there is nothing to place; checks psStrategy (case 141)', () => {
    expect(replicaDeviceSetter()).toBeNull();
    expect(replicaDeviceSetter({ cluster: { worker: ['w:1'] } })).toBeNull();
    expect(() => replicaDeviceSetter({ psTasks: 2, psStrategy: 3 as never })).toThrow(new TypeError('ps_strategy must be callable'));
    expect(() => replicaDeviceSetter({ psTasks: -1 })).toThrow(ValueError);
  });

  it('uses a custom strategy and custom ps ops', () => {
    inGraph(() => device(replicaDeviceSetter({ psTasks: 3, psStrategy: () => 2, psOps: ['VariableV2', 'Add'] }), () => {
      const v = new Variable(1, { name: 'v' });
      expect([v.device, add(v, 1).device]).toEqual(['/job:ps/task:2', '/job:ps/task:2']);
    }));
    expect(STANDARD_PS_OPS).toContain('VariableV2');
  });
});

describe('ClusterSpec', () => {
  it('describes jobs and tasks', () => {
    const spec = new ClusterSpec({ worker: { 1: 'w1:2222', 3: 'w3:2222' }, ps: ['ps0:2222'] });
    expect(spec.jobs).toEqual(['ps', 'worker']);
    expect(spec.numTasks('worker')).toBe(2);
    expect(spec.taskIndices('worker')).toEqual([1, 3]);
    expect(spec.taskAddress('worker', 3)).toBe('w3:2222');
    expect(spec.asDict()).toEqual({ ps: ['ps0:2222'], worker: { 1: 'w1:2222', 3: 'w3:2222' } });
    expect(new ClusterSpec(spec).asDict()).toEqual(spec.asDict());
    expect(() => spec.numTasks('chief')).toThrow("No such job in cluster: 'chief'");
    expect(() => spec.taskAddress('worker', 2)).toThrow("No task with index 2 in job 'worker'");
    expect(() => new ClusterSpec({ ps: [1 as never] })).toThrow(TypeError);
    expect(() => new ClusterSpec({ ps: { x: 'a' } as never })).toThrow(/non-negative integer/);
  });
});
