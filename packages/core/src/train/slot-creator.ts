// Slot variables: per-variable optimizer state (TensorFlow's training/slot_creator.py).
import type { DType } from '@varscope/kernel-api';
import { getDefaultGraph } from '../graph/graph.js';
import { Tensor } from '../graph/tensor.js';
import { shape as shapeOf, zeros } from '../ops/index.js';
import type { TensorShape } from '../shape/index.js';
import { Variable, getVariable, getVariableScope, variableScope, zerosInitializer } from '../variables/index.js';
import type { VariableInitializer } from '../variables/index.js';

/** What a slot belongs to: a variable, or (rarely) a plain tensor. */
export type SlotPrimary = Variable | Tensor;

export interface SlotOptions {
  /** Place the slot with its primary (default true), as every optimizer does. */
  readonly colocateWithPrimary?: boolean;
}

/**
 * Creates the slot variable: inside the variable scope `<primary op name>/<name>` (uniquified
 * as a default name: `W/Adam`, then `W/Adam_1`…, relative to the current variable scope), a
 * variable named after that scope, not trainable, colocated with the primary, with the scope's
 * partitioner disabled. A partitioned primary's slot is a partition of the same shape.
 */
function createSlotVar(primary: SlotPrimary, name: string, initializer: VariableInitializer | Tensor,
  slotShape: TensorShape | null, dtype: DType | null, validateShape: boolean, options: SlotOptions): Variable {
  const g = getDefaultGraph();
  return g.atomically(() => {
    const prefix = primary.op.name;
    // No auxiliary name scope: the slot's op takes the scope's name itself.
    const scopeName = variableScope(null, { defaultName: `${prefix}/${name}`, auxiliaryNameScope: false }, (s) => s.name);
    const parent = getVariableScope();
    const relative = parent.name ? scopeName.slice(parent.name.length + 1) : scopeName;
    const savedPartitioner = parent.partitioner;
    const create = (): Variable => {
      parent.setPartitioner(null);
      try {
        return getVariable<Variable>(relative, {
          initializer: initializer as VariableInitializer,
          trainable: false,
          validateShape,
          ...(initializer instanceof Tensor ? {} : { shape: slotShape }),
          ...(dtype !== null ? { dtype } : {}),
        });
      } finally {
        parent.setPartitioner(savedPartitioner);
      }
    };
    const slot = options.colocateWithPrimary ?? true ? g.colocateWith(primary.op, create) : create();
    if (primary instanceof Variable && primary.saveSliceInfo !== undefined) {
      const info = primary.saveSliceInfo;
      const realSlotName = slot.name.slice(prefix.length + 1, -2);
      slot.setSaveSliceInfo({
        fullName: `${info.fullName}/${realSlotName}`,
        fullShape: [...info.fullShape], varOffset: [...info.varOffset], varShape: [...info.varShape],
      });
    }
    return slot;
  });
}

/** A slot initialized from the tensor `value` (TensorFlow's `slot_creator.create_slot`). */
export function createSlot(primary: SlotPrimary, value: Tensor, name: string, options: SlotOptions = {}): Variable {
  return createSlotVar(primary, name, value, null, null, value.shape.isFullyDefined(), options);
}

/** A slot of `shape` and `dtype` filled by `initializer` (TensorFlow's `create_slot_with_initializer`). */
export function createSlotWithInitializer(primary: SlotPrimary, initializer: VariableInitializer, shape: TensorShape,
  dtype: DType, name: string, options: SlotOptions = {}): Variable {
  return createSlotVar(primary, name, initializer, shape, dtype, shape.isFullyDefined(), options);
}

/**
 * A slot of zeros with the primary's shape and (by default) dtype (TensorFlow's
 * `create_zeros_slot`); for a primary without a fully defined static shape, zeros of its
 * run-time shape.
 */
export function createZerosSlot(primary: SlotPrimary, name: string, options: SlotOptions & { dtype?: DType } = {}): Variable {
  const dtype = options.dtype ?? primary.dtype;
  const slotShape = primary.shape;
  if (slotShape.isFullyDefined()) {
    return createSlotWithInitializer(primary, zerosInitializer({ dtype }), slotShape, dtype, name, options);
  }
  const g = getDefaultGraph();
  return g.atomically(() => {
    const runtimeShape = primary instanceof Variable ? shapeOf(primary.initializedValue()) : shapeOf(primary);
    return createSlot(primary, zeros(runtimeShape, dtype), name, options);
  });
}
