export * from './errors/checkpoint-error.js';
export { DTYPES, dtypeFromEnum, isCheckpointDType, type CheckpointDType, type DTypeInfo, type ElementArrayKind } from './dtype/data-type.js';
export { crc32c, crc32cImplementation, maskCrc, unmaskCrc, portableCrc32c, type Crc32cFunction } from './crc32c/crc32c.js';
export { CheckpointReader, OBJECT_GRAPH_PROTO_KEY, type VerifyReport } from './bundle/checkpoint-reader.js';
export { BundleReader, type BundleTensor, type ProgressCallback } from './bundle/bundle-reader.js';
export type { TensorInfo } from './bundle/tensor-info.js';
export {
  decodeStrings, elementCount, type FixedSizeDType, type TensorData, type TensorInput, type TypedArray,
} from './bundle/tensor-data.js';
export {
  decodeBundleEntry, decodeBundleHeader, encodeBundleEntry, encodeBundleHeader, TENSOR_BUNDLE_VERSION,
  type BundleEntry, type BundleHeader, type SliceExtent, type TensorSlice, type VersionDef,
} from './bundle/bundle-entry.js';
export { dataFilename, indexFilename, metaGraphFilename, prefixFromFilename } from './bundle/naming.js';
export { removeCheckpoint } from './bundle/remove-checkpoint.js';
export { encodeSliceKey, decodeSliceKey } from './bundle/ordered-code.js';
export { readTable, type Table, type TableEntry, type TableLayout } from './sstable/table-reader.js';
export { TableBuilder, type TableBuilderOptions } from './sstable/table-builder.js';
export type { BlockHandle } from './sstable/format.js';
export * from './proto/generated/messages.js';
export type { MessageCodec } from './proto/message-codec.js';
export { CheckpointWriter, type AddOptions, type CheckpointWriterOptions, type SaveStage, type WrittenCheckpoint } from './bundle/checkpoint-writer.js';
export { buildBundleIndex } from './bundle/index-builder.js';
export {
  CHECKPOINT_STATE_FILENAME, checkpointExists, formatCheckpointState, latestCheckpoint, parseCheckpointState,
  readCheckpointState, writeCheckpointState, type CheckpointState, type ResolvedCheckpointState,
} from './state-file/checkpoint-state.js';
export { readMetaGraph, writeMetaGraph, readSavedModel } from './proto/meta-graph-file.js';
