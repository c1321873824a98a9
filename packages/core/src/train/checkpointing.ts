// The Saver, checkpoint management and meta-graph parts of `tf.train`, for `train/index.ts`.
import {
  checkpointExists, getCheckpointMtimes, getCheckpointState, latestCheckpoint, metaGraphFilename, removeCheckpoint,
  updateCheckpointState,
} from './checkpoint-management.js';
import { importMetaGraph } from './import-meta-graph.js';
import { exportMetaGraph } from '../meta-graph/index.js';
import { Saver } from './saver.js';

export {
  Saver, importMetaGraph, exportMetaGraph, getCheckpointState, latestCheckpoint, checkpointExists, removeCheckpoint,
  getCheckpointMtimes, metaGraphFilename, updateCheckpointState,
};
export type { SaverOptions, SaveOptions, SaverDefInfo } from './saver.js';
export type { ImportMetaGraphOptions } from './import-meta-graph.js';
export type { CheckpointState } from './checkpoint-management.js';
export { CHECKPOINT_IO_KERNELS } from './io-kernels.js';

/** The members to spread into the `train` namespace. */
export const checkpointing = Object.freeze({
  Saver, importMetaGraph, exportMetaGraph, getCheckpointState, latestCheckpoint, checkpointExists, removeCheckpoint,
  getCheckpointMtimes, metaGraphFilename, updateCheckpointState,
});
