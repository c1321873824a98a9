// Devices: device scopes, replicaDeviceSetter, and where ops run.
import {
  DeviceSpec, Graph, Session, add, device, getVariable, globalVariablesInitializer, matMul, train,
} from '@varscope/core';

// device() records a device on every op built inside; specs merge like TensorFlow's DeviceSpec.
const v = device('/gpu:1', () => getVariable('v', [1]));
console.log(v.device, v.initializer.device);                     // /device:GPU:1 /device:GPU:1
const nested = device('/job:ps/task:7', () => device('/device:CPU:0', () => getVariable('n', [1])));
console.log(nested.device);                                      // /job:ps/task:7/device:CPU:0
console.log(DeviceSpec.fromString('/job:worker/replica:0/gpu:2').toString());   // /job:worker/replica:0/device:GPU:2

// Ops that mutate a variable are placed with it, whatever scope they are built in.
const bump = device('/cpu:0', () => v.assignAdd([1]));
console.log(bump.op.device);                                     // /device:GPU:1

// replicaDeviceSetter: variables round-robin over the ps tasks, everything else on the worker.
const g = new Graph();
g.asDefault(() => {
  const setter = train.replicaDeviceSetter({
    cluster: { ps: ['ps0:2222', 'ps1:2222'], worker: ['worker0:2222', 'worker1:2222'] },
  });
  device(setter, () => {
    const a = getVariable('a', [2, 2]);
    const b = getVariable('b', [2, 2]);
    const c = getVariable('c', [2]);
    const y = add(matMul(a, b), c);
    console.log(a.device, b.device, c.device, y.op.device);     // /job:ps/task:0 /job:ps/task:1 /job:ps/task:0 /job:worker
  });
});

// At run time every op runs on the backend of its device type; job and task are ignored
// (an in-process session stands for the whole cluster). This session has no GPU backend:
// without soft placement, v's ops are refused when the run is planned.
const strict = new Session();
try {
  await strict.run(globalVariablesInitializer());
} catch (e) {
  console.log(`${(e as Error).name}: ${(e as Error).message.split('\n')[0]}`);
}
await strict.close();

// With allowSoftPlacement, they move to the CPU; logDevicePlacement prints where each op ran.
const lines: string[] = [];
const soft = new Session({ config: { allowSoftPlacement: true, logDevicePlacement: true, log: (l) => lines.push(l) } });
await soft.run(globalVariablesInitializer());
console.log((await soft.run(bump)).toArray(), lines.find((l) => l.startsWith('v/Assign')));
await soft.close();
