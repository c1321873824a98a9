import { getOpDef } from '@varscope/kernel-api';
import type { AttrValue, DType, OpDef } from '@varscope/kernel-api';
import { convertToHostTensor } from '../../src/dtypes/index.js';
import type { TensorLike } from '../../src/dtypes/index.js';
import { resolveAttrs } from '../../src/op-def/index.js';
import { TensorShape, inferOutputs } from '../../src/shape/index.js';
import type { InferInput, InferOutput } from '../../src/shape/index.js';

/** An input for a test node: a shape (null = unknown rank), or a known value. */
export type TestInput =
  | { dtype?: DType; shape: readonly (number | null)[] | null }
  | { dtype?: DType; value: TensorLike };

export function def(type: string): OpDef {
  const d = getOpDef(type);
  if (d === undefined) throw new Error(`no op ${type}`);
  return d;
}

/** Runs attr resolution and shape inference the way the graph does. */
export function infer(type: string, inputs: readonly TestInput[], attrs: Record<string, AttrValue> = {},
  name = type): InferOutput[] {
  const d = def(type);
  const flat: InferInput[] = inputs.map((i) => {
    if ('value' in i) {
      const value = convertToHostTensor(i.value, i.dtype === undefined ? {} : { dtype: i.dtype });
      return { dtype: value.dtype, shape: new TensorShape(value.shape), value };
    }
    return { dtype: i.dtype ?? 'float32', shape: new TensorShape(i.shape) };
  });
  // Group flat inputs by argument using the list attrs given (N defaults to the rest).
  const grouped: (DType | DType[])[] = [];
  let k = 0;
  d.inputs.forEach((arg, index) => {
    if (arg.numberAttr !== undefined || arg.typeListAttr !== undefined) {
      const remainingSingles = d.inputs.length - index - 1;
      const n = flat.length - k - remainingSingles;
      grouped.push(flat.slice(k, k + n).map((x) => x.dtype));
      k += n;
    } else {
      grouped.push((flat[k] as InferInput).dtype);
      k++;
    }
  });
  const resolved = resolveAttrs(d, grouped, attrs, name);
  return inferOutputs(d, { name, type }, flat, resolved);
}

/** The output shapes as C++ debug strings (`[2,?]`). */
export function shapes(type: string, inputs: readonly TestInput[], attrs: Record<string, AttrValue> = {}, name = type): string[] {
  return infer(type, inputs, attrs, name).map((o) => o.shape.toDebugString());
}

export const s = (...dims: (number | null)[]): TestInput => ({ shape: dims });
export const unknown: TestInput = { shape: null };
export const int = (value: TensorLike): TestInput => ({ dtype: 'int32', value });
export const i64 = (value: TensorLike): TestInput => ({ dtype: 'int64', value });
export const ofType = (dtype: DType, ...dims: (number | null)[]): TestInput => ({ dtype, shape: dims });
