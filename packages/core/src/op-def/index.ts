export { resolveAttrs } from './resolve-attrs.js';
export { argDTypes, expectedOutputDTypes } from './expected-output-dtypes.js';
export { argLayout, flattenArgs, groupArgs, isListArg } from './arg-layout.js';
export type { ArgSlot } from './arg-layout.js';
export { summarizeOpDef } from './op-signature.js';
