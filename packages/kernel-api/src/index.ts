export * from './dtype.js';
export * from './shape.js';
export type * from './attr-value.js';
export type * from './op-def.js';
export type * from './tensor-ref.js';
export * from './kernel-backend.js';
export * from './errors.js';
export * from './philox.js';
export * from './op-schema.js';
