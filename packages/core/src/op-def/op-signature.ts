import { DTYPES, isDType } from '@varscope/kernel-api';
import type { AttrDef, AttrValue, OpDef } from '@varscope/kernel-api';

/** An arg as TensorFlow prints it in a signature: `values: N*T`, `ref: Ref(T)`, `tensors: dtypes`. */
function argString(arg: OpDef['inputs'][number]): string {
  let type = arg.type !== undefined ? DTYPES[arg.type].cName : arg.typeListAttr ?? arg.typeAttr ?? '?';
  if (arg.numberAttr !== undefined) type = `${arg.numberAttr}*${type}`;
  if (arg.isRef === true) type = `Ref(${type})`;
  return `${arg.name}:${type}`;
}

function valueString(v: AttrValue, type: AttrDef['type']): string {
  if (type === 'type' && isDType(v)) return DTYPES[v].enumName;
  if (typeof v === 'string') return `"${v}"`;
  if (Array.isArray(v)) return `[${v.map((x) => (typeof x === 'string' ? `"${x}"` : String(x))).join(', ')}]`;
  if (v === null) return '<unknown>';
  return String(v);
}

function attrString(a: AttrDef): string {
  let s = `attr=${a.name}:${a.type}`;
  if (a.default !== undefined) s += `,default=${valueString(a.default, a.type)}`;
  if (a.minimum !== undefined) s += `,min=${a.minimum}`;
  if (a.allowedTypes !== undefined) s += `,allowed=[${a.allowedTypes.map((t) => DTYPES[t].enumName).join(', ')}]`;
  if (a.allowedValues !== undefined) s += `,allowed=[${a.allowedValues.map((v) => `"${v}"`).join(', ')}]`;
  return s;
}

/** TensorFlow's `SummarizeOpDef`: `Op<name=Conv2D; signature=input:T, filter:T -> output:T; attr=…>`. */
export function summarizeOpDef(def: OpDef): string {
  const signature = `${def.inputs.map(argString).join(', ')} -> ${def.outputs.map(argString).join(', ')}`;
  const parts = [`name=${def.name}`, `signature=${signature}`, ...def.attrs.map(attrString)];
  if (def.stateful) parts.push('is_stateful=true');
  return `Op<${parts.join('; ')}>`;
}
