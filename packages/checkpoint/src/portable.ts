/**
 * The parts of the package that need no file system: codecs for tables,
 * bundle entries, tensor bytes, OrderedCode keys, protobuf messages and the
 * state file's text, with the portable CRC32C fallback. Usable in browsers
 * and workers on bytes obtained any way (`fetch`, `File`).
 */
export * from './errors/checkpoint-error.js';
export { DTYPES, dtypeFromEnum, isCheckpointDType, type CheckpointDType, type DTypeInfo, type ElementArrayKind } from './dtype/data-type.js';
export { crc32c, crc32cImplementation, maskCrc, unmaskCrc, portableCrc32c, type Crc32cFunction } from './crc32c/crc32c.js';
export type { TensorInfo } from './bundle/tensor-info.js';
export {
  decodeStringTensor, decodeStrings, decodeVariantTensor, elementCount, encodeStringTensor, encodeVariantTensor,
  viewFixed, type FixedSizeDType, type TensorData, type TensorInput, type TypedArray,
} from './bundle/tensor-data.js';
export {
  decodeBundleEntry, decodeBundleHeader, encodeBundleEntry, encodeBundleHeader, TENSOR_BUNDLE_VERSION,
  type BundleEntry, type BundleHeader, type SliceExtent, type TensorSlice, type VersionDef,
} from './bundle/bundle-entry.js';
export { buildBundleIndex } from './bundle/index-builder.js';
export { dataFilename, indexFilename, metaGraphFilename, prefixFromFilename } from './bundle/naming.js';
export { encodeSliceKey, decodeSliceKey } from './bundle/ordered-code.js';
export { readTable, type Table, type TableEntry, type TableLayout } from './sstable/table-reader.js';
export { TableBuilder, type TableBuilderOptions } from './sstable/table-builder.js';
export type { BlockHandle } from './sstable/format.js';
export {
  CHECKPOINT_STATE_FILENAME, formatCheckpointState, parseCheckpointState, type CheckpointState,
} from './state-file/checkpoint-state-text.js';
export * from './proto/generated/messages.js';
export type { MessageCodec } from './proto/message-codec.js';
