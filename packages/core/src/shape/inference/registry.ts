import type { Attrs, OpDef } from '@varscope/kernel-api';
import { ValueError } from '../../errors.js';
import { expectedOutputDTypes } from '../../op-def/expected-output-dtypes.js';
import { hostTensorToNumbers } from '../constant-value.js';
import { ARRAY_SHAPE_FNS } from './array.js';
import { InferenceContext } from './context.js';
import { HOST_SHAPE_FNS } from './host.js';
import { MATH_SHAPE_FNS } from './math.js';
import { NN_SHAPE_FNS } from './nn.js';
import { RANDOM_SHAPE_FNS } from './random.js';
import type { ShapeFn } from './shape-fn.js';
import { STATE_SHAPE_FNS } from './state.js';
import type { InferInput, InferNode, InferOutput } from './types.js';
import type { TensorShape } from '../tensor-shape.js';

/** Every shape function, by op type. */
const SHAPE_FNS: ReadonlyMap<string, ShapeFn> = new Map(Object.entries({
  ...MATH_SHAPE_FNS,
  ...ARRAY_SHAPE_FNS,
  ...NN_SHAPE_FNS,
  ...STATE_SHAPE_FNS,
  ...RANDOM_SHAPE_FNS,
  ...HOST_SHAPE_FNS,
}));

/** Whether core can infer shapes for an op type. */
export function hasShapeFn(type: string): boolean {
  return SHAPE_FNS.has(type);
}

/** The op types that have shape functions. */
export function shapeFnOpTypes(): string[] {
  return [...SHAPE_FNS.keys()];
}

/** TensorFlow's `SummarizeValue` of a small host input: `<2 3>`. */
function summarizeInput(input: InferInput): string | undefined {
  const v = input.value;
  if (v === undefined || v.dtype === 'string') return undefined;
  try {
    const values = hostTensorToNumbers(v, 'input');
    const shown = values.slice(0, 10).join(' ');
    return `<${shown}${values.length > 10 ? '...' : ''}>`;
  } catch {
    return undefined;
  }
}

/** The suffix TensorFlow appends to shape-function errors. */
function nodeContext(def: OpDef, node: InferNode, inputs: readonly InferInput[]): string {
  const shapes = inputs.map((i) => i.shape.toDebugString()).join(', ');
  let text = ` for '${node.name}' (op: '${node.type}') with input shapes: ${shapes}`;
  const computed: string[] = [];
  inputs.forEach((input, i) => {
    const summary = summarizeInput(input);
    if (summary !== undefined && isHostInput(def, i)) computed.push(`input[${i}] = ${summary}`);
  });
  if (computed.length > 0) text += ` and with computed input tensors: ${computed.join(', ')}`;
  return `${text}.`;
}

/** Whether flat input `i` of a def belongs to a `hostMemory` argument (fixed-size args only). */
function isHostInput(def: OpDef, i: number): boolean {
  // List arguments never carry hostMemory values in the schema; count singles up to `i`.
  let index = 0;
  for (const arg of def.inputs) {
    if (arg.numberAttr !== undefined || arg.typeListAttr !== undefined) return false;
    if (index === i) return arg.hostMemory === true;
    index++;
  }
  return false;
}

/**
 * Output dtypes and static shapes of one node, by TensorFlow's C++ shape functions. Works
 * at graph build (partial shapes, values known only for constants: outputs may be partial)
 * and at run time (fully known shapes, `hostMemory` values given: outputs fully defined).
 * List arguments are flattened in `inputs`; `attrs` are resolved (see `resolveAttrs`).
 * Errors are `ValueError`s with TensorFlow's message and node context, e.g.
 * "Dimensions must be equal, but are 3 and 4 for 'add' (op: 'Add') with input shapes: [2,3], [4]."
 */
export function inferOutputs(def: OpDef, node: InferNode, inputs: readonly InferInput[], attrs: Attrs): InferOutput[] {
  const fn = SHAPE_FNS.get(def.name);
  if (fn === undefined) {
    throw new ValueError(`No shape function for op type '${def.name}' (node '${node.name}')`);
  }
  const dtypes = expectedOutputDTypes(def, attrs);
  const context = new InferenceContext(def, node, inputs, attrs, dtypes.length);
  if (inputs.length !== context.inputSlotsTotal) {
    throw new ValueError(
      `'${node.name}' (op: '${node.type}') expects ${context.inputSlotsTotal} inputs after flattening lists, got ${inputs.length}`);
  }
  let shapes;
  try {
    shapes = fn(context);
  } catch (error) {
    if (error instanceof ValueError) {
      throw new ValueError(`${error.message}${nodeContext(def, node, inputs)}`, { cause: error });
    }
    throw error;
  }
  if (shapes.length !== dtypes.length) {
    throw new Error(`Shape function of ${def.name} returned ${shapes.length} shapes for ${dtypes.length} outputs`);
  }
  const outputs = new Array<InferOutput>(shapes.length);
  for (let i = 0; i < shapes.length; i++) outputs[i] = { dtype: dtypes[i] as InferOutput['dtype'], shape: shapes[i] as TensorShape };
  return outputs;
}
