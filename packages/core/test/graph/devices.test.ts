import { describe, expect, it } from 'vitest';
import { DeviceSpec, Graph, canonicalDevice, colocateWith, controlDependencies, device } from '../../src/graph/index.js';
import { constant } from '../../src/ops/convert.js';
import { noOp } from '../../src/ops/control.js';


describe('DeviceSpec (cases 130, 134)', () => {
  it('canonicalizes device strings', () => {
    expect(canonicalDevice('/gpu:1')).toBe('/device:GPU:1');
    expect(canonicalDevice('/cpu:0')).toBe('/device:CPU:0');
    expect(canonicalDevice('/cpu:100')).toBe('/device:CPU:100');
    expect(canonicalDevice('/job:ps/task:7')).toBe('/job:ps/task:7');
    expect(canonicalDevice('/task:3/replica:2/job:w/device:GPU:1')).toBe('/job:w/replica:2/task:3/device:GPU:1');
    expect(canonicalDevice('GPU:*')).toBe('/device:GPU:*');
    expect(() => DeviceSpec.fromString('/cpu:0/gpu:1')).toThrow(/Cannot specify multiple device types/);
    expect(() => DeviceSpec.fromString('/foo:bar')).toThrow(/Unknown attribute: 'foo:bar'/);
  });
});

describe('device scopes (cases 131–133, 136)', () => {
  it('merges nested device scopes field-wise, inner winning', () => {
    new Graph().asDefault(() => {
      device('/device:GPU:0', () => {
        expect(noOp().device).toBe('/device:GPU:0');
        device('/job:worker', () => {
          expect(noOp().device).toBe('/job:worker/device:GPU:0');
          device('/device:CPU:0', () => {
            expect(noOp().device).toBe('/job:worker/device:CPU:0');
            device('/job:ps', () => {
              expect(noOp().device).toBe('/job:ps/device:CPU:0');
              device('', () => expect(noOp().device).toBe('/job:ps/device:CPU:0'));
            });
          });
        });
      });
      device('GPU:7', () => device('GPU:*', () => expect(noOp().device).toBe('/device:GPU:7')));
      device('CPU:*', () => device('CPU:5', () => expect(noOp().device).toBe('/device:CPU:5')));
    });
  });

  it('clears enclosing devices with null and lets outer functions overwrite', () => {
    new Graph().asDefault(() => {
      device('/gpu:0', () => device(null, () => expect(noOp().device).toBe('')));
      device(() => '/job:overwrite', () => {
        device('/job:ps', () => expect(noOp().device).toBe('/job:overwrite'));
        device(null, () => device('/job:ps', () => expect(noOp().device).toBe('/job:ps')));
      });
    });
  });

  it('colocates ops with an op, ignoring device functions, and records _class', () => {
    new Graph().asDefault(() => {
      const a = device('/gpu:1', () => constant(1, { name: 'a' }));
      device('/job:other', () => colocateWith(a, () => {
        const b = noOp({ name: 'b' });
        expect(b.device).toBe('/device:GPU:1');
        expect(b.attrs._class).toEqual(['loc:@a']);
      }));
    });
  });
});

describe('control dependencies (case 126)', () => {
  it('accumulates, clears with null, and skips dominated ops', () => {
    new Graph().asDefault(() => {
      const a1 = noOp({ name: 'a1' });
      const a2 = noOp({ name: 'a2' });
      controlDependencies([a1], () => {
        const b = noOp({ name: 'b' });
        expect(b.controlInputs).toEqual([a1]);
        controlDependencies([a2], () => expect(noOp().controlInputs).toEqual([a1, a2]));
        controlDependencies(null, () => expect(noOp().controlInputs).toEqual([]));
        const c = constant(1);
        expect(c.op.controlInputs).toEqual([a1]);
      });
      expect(noOp().controlInputs).toEqual([]);
    });
  });
});
