import { DTYPES, deviceOps, type DType, type OpDef } from '@varscope/kernel-api';

/**
 * Op ids as the C kernels know them (wasm/include/vs_ops.h): device ops in schema order,
 * from 1. The header is generated from this same function, and a test checks it is current.
 */
export function abiOps(): OpDef[] {
  return deviceOps();
}

const OP_IDS: ReadonlyMap<string, number> = new Map(abiOps().map((d, i) => [d.name, i + 1]));

export function opId(op: string): number {
  const id = OP_IDS.get(op);
  if (id === undefined) throw new TypeError(`op ${op} is not a device op of the schema`);
  return id;
}

/** The DataType number the C kernels take for a dtype. */
export const dtypeId = (dtype: DType): number => DTYPES[dtype].enum;
