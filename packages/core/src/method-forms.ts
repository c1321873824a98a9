// Installs the method forms of the common ops (`x.add(1)`, `v.matMul(w)`) on Tensor and
// Variable. It lives here, not in graph/ or variables/, because the op functions import those
// modules: installing from the classes' own files would close an import cycle.
import { Tensor } from './graph/tensor.js';
import { tensorMethods } from './ops/tensor-methods.js';
import type { TensorMethods } from './ops/tensor-methods.js';
import { Variable } from './variables/variable.js';

declare module './graph/tensor.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Tensor extends TensorMethods {}
}
declare module './variables/variable.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Variable extends TensorMethods {}
}

for (const cls of [Tensor, Variable]) {
  for (const [name, fn] of Object.entries(tensorMethods)) {
    if (!Object.prototype.hasOwnProperty.call(cls.prototype, name)) {
      Object.defineProperty(cls.prototype, name, { value: fn, writable: true, configurable: true, enumerable: false });
    }
  }
}

export {};
