export { FileWriter } from './file-writer.js';
export type { FileWriterOptions, SummaryInput } from './file-writer.js';
export { histogram, merge, mergeAll, scalar } from './summary-ops.js';
export type { SummaryOptions } from './summary-ops.js';
export { SUMMARY_KERNELS, histogramSummaryKernel, mergeSummaryKernel, scalarSummaryKernel } from './summary-kernels.js';
export { frameRecord } from './tfrecord.js';
export { histogramOf } from './histogram.js';

import { FileWriter } from './file-writer.js';
import { histogram, merge, mergeAll, scalar } from './summary-ops.js';

/** TensorFlow's `tf.summary`. */
export const summary = Object.freeze({ FileWriter, scalar, histogram, merge, mergeAll });
