import type { DType } from './dtype.js';

declare const handleBrand: unique symbol;

/**
 * An opaque buffer handle issued by one backend. Only that backend can interpret it;
 * core never looks inside.
 */
export type Handle = { readonly [handleBrand]: true };

/** A backend buffer with the dtype and shape it holds. */
export interface TensorRef {
  readonly handle: Handle;
  readonly dtype: DType;
  readonly shape: readonly number[];
}
