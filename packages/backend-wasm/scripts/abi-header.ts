// Renders wasm/include/vs_ops.h from the op schema: the op and dtype ids the C kernels switch on.
// Generated, checked in, and tested to be current (test/abi-header.test.ts), so the two
// languages can never drift apart by hand.
import { ALL_DTYPES, DTYPES } from '@varscope/kernel-api';
import type { ArgDef, AttrDef, AttrValue } from '@varscope/kernel-api';
import { abiOps } from '../src/module/op-ids.js';

const formatDefault = (v: AttrValue | undefined): string =>
  v === undefined ? '' : `=${JSON.stringify(v)}`;

const formatArg = (a: ArgDef): string => {
  const type = a.type ?? a.typeAttr ?? a.typeListAttr ?? '?';
  const list = a.numberAttr !== undefined ? `[${a.numberAttr}]` : '';
  const marks = `${a.isRef ? ' ref' : ''}${a.hostMemory ? ' host' : ''}`;
  return `${a.name}:${type}${list}${marks}`;
};

const formatAttr = (a: AttrDef): string => `${a.name}:${a.type}${formatDefault(a.default)}`;

/** Stable C identifier for an op id. */
export const opMacro = (name: string): string => `VS_OP_${name}`;

export function renderAbiHeader(): string {
  const lines: string[] = [];
  lines.push(
    '/*',
    ' * vs_ops.h: op and dtype ids shared by the C kernels and the TypeScript loader.',
    ' * GENERATED from the op schema of @varscope/kernel-api by',
    ' * packages/backend-wasm/scripts/generate-abi-header.ts. Do not edit by hand:',
    ' * run `pnpm --filter @varscope/backend-wasm generate:abi` and rebuild the .wasm.',
    ' *',
    ' * Each op line documents its argument layout as the kernel receives it:',
    ' * (inputs) -> (outputs) [attrs]; `ref` inputs are variables mutated in place,',
    ' * `host` inputs are small integer tensors the loader reads on the host.',
    ' */',
    '#ifndef VS_OPS_H',
    '#define VS_OPS_H',
    '',
    '/* DataType numbers (tensorflow/core/framework/types.proto). */',
  );
  for (const name of ALL_DTYPES) {
    const d = DTYPES[name];
    lines.push(`#define VS_${d.enumName} ${d.enum} /* ${name}, ${d.byteSize} byte(s) */`);
  }
  lines.push('', '/* Device op ids: schema order, starting at 1. */', 'enum vs_op {', '  VS_OP_NONE = 0,');
  abiOps().forEach((d, i) => {
    const sig = `(${d.inputs.map(formatArg).join(', ')}) -> (${d.outputs.map(formatArg).join(', ')})`;
    const attrs = d.attrs.length ? ` [${d.attrs.map(formatAttr).join(' ')}]` : '';
    lines.push(`  ${opMacro(d.name)} = ${i + 1}, /* ${sig}${attrs} */`);
  });
  lines.push(`  VS_OP_COUNT = ${abiOps().length + 1}`, '};', '', '#endif /* VS_OPS_H */', '');
  return lines.join('\n');
}
