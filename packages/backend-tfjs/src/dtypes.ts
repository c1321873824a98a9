import type { DType, TypedArrayFor } from '@varscope/kernel-api';
import type { DataType } from '@tensorflow/tfjs-core';

/** The dtypes tfjs tensors hold that a varscope kernel can see (tfjs also has complex64 and string; neither is mapped). */
export const TFJS_DTYPES = ['float32', 'int32', 'bool'] as const satisfies readonly DType[];
export type TfjsDType = (typeof TFJS_DTYPES)[number];

export const isTfjsDType = (d: DType): d is TfjsDType => (TFJS_DTYPES as readonly DType[]).includes(d);

/** tfjs's name for a dtype (they coincide for the three it holds). */
export const toTfjs = (d: TfjsDType): DataType => d;

/** tfjs data (`dataSync()`/`data()`) in kernel-api's storage for `dtype`. */
export function fromTfjsData(dtype: TfjsDType, values: ArrayLike<number>): TypedArrayFor[TfjsDType] {
  switch (dtype) {
    case 'float32': return values instanceof Float32Array ? values : Float32Array.from(values);
    case 'int32': return values instanceof Int32Array ? values : Int32Array.from(values);
    // tfjs keeps bools as 0/1 in a Uint8Array or an Int32Array; kernel-api stores them as Uint8Array.
    case 'bool': return values instanceof Uint8Array ? values : Uint8Array.from(values, (v) => (v !== 0 ? 1 : 0));
  }
}
