// A small vocabulary for declaring ops tersely and uniformly. Internal to kernel-api.
import type { DType } from '../dtype.js';
import type { AttrValue } from '../attr-value.js';
import type { ArgDef, AttrDef, AttrType, OpDef, OpPlacement } from '../op-def.js';

export const FLOAT: readonly DType[] = ['float16', 'bfloat16', 'float32', 'float64'];
export const COMPLEX: readonly DType[] = ['complex64', 'complex128'];
export const SIGNED_INT: readonly DType[] = ['int8', 'int16', 'int32', 'int64'];
export const UNSIGNED_INT: readonly DType[] = ['uint8', 'uint16', 'uint32', 'uint64'];
export const INTEGER: readonly DType[] = [...SIGNED_INT, ...UNSIGNED_INT];
export const REAL: readonly DType[] = [...FLOAT, ...INTEGER];
export const NUMBER: readonly DType[] = [...REAL, ...COMPLEX];
/** Types a plain data-movement op accepts (strings included: core runs those on the host). */
export const ANY: readonly DType[] = [...NUMBER, 'bool', 'string', 'qint8', 'quint8', 'qint16', 'quint16', 'qint32'];
export const INDEX: readonly DType[] = ['int32', 'int64'];

export const arg = (name: string, typeAttr = 'T', extra: Partial<ArgDef> = {}): ArgDef =>
  ({ name, typeAttr, ...extra });
export const fixed = (name: string, type: DType, extra: Partial<ArgDef> = {}): ArgDef => ({ name, type, ...extra });
export const ref = (name: string, typeAttr = 'T'): ArgDef => ({ name, typeAttr, isRef: true });
/** An integer argument whose values core needs on the host to infer shapes (TensorFlow's HostMemory). */
export const hostIndex = (name: string, typeAttr: string): ArgDef => ({ name, typeAttr, hostMemory: true });

export const attr = (name: string, type: AttrType, def?: AttrValue, extra: Partial<AttrDef> = {}): AttrDef =>
  def === undefined ? { name, type, ...extra } : { name, type, default: def, ...extra };
export const typeAttr = (name: string, allowed: readonly DType[], def?: DType): AttrDef =>
  attr(name, 'type', def, { allowedTypes: allowed });

export interface OpSpec {
  inputs?: readonly ArgDef[];
  outputs?: readonly ArgDef[];
  attrs?: readonly AttrDef[];
  stateful?: boolean;
  placement?: OpPlacement;
  aliases?: Readonly<Record<number, number>>;
}

export const op = (name: string, summary: string, spec: OpSpec): OpDef => Object.freeze({
  name,
  summary,
  inputs: spec.inputs ?? [],
  outputs: spec.outputs ?? [],
  attrs: spec.attrs ?? [],
  stateful: spec.stateful ?? false,
  placement: spec.placement ?? 'device',
  ...(spec.aliases ? { aliases: spec.aliases } : {}),
});

/** `y = f(x)` with one dtype attr `T`. */
export const unary = (name: string, summary: string, types: readonly DType[]): OpDef =>
  op(name, summary, { inputs: [arg('x')], outputs: [arg('y')], attrs: [typeAttr('T', types)] });

/** `z = f(x, y)` with broadcasting and one dtype attr `T`; `out` fixes the output dtype (comparisons). */
export const binary = (name: string, summary: string, types: readonly DType[], out?: DType): OpDef =>
  op(name, summary, {
    inputs: [arg('x'), arg('y')],
    outputs: [out ? fixed('z', out) : arg('z')],
    attrs: [typeAttr('T', types)],
  });

export const DATA_FORMAT_4D = attr('data_format', 'string', 'NHWC', { allowedValues: ['NHWC', 'NCHW'] });
export const PADDING = attr('padding', 'string', undefined, { allowedValues: ['SAME', 'VALID'] });
