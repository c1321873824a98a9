import { getDefaultGraph } from '../graph/graph.js';
import type { Variable } from './variable.js';

/**
 * TensorFlow's standard collection names (`tf.GraphKeys`), with TensorFlow's string values so
 * that meta graphs exchanged with TensorFlow keep their collections.
 */
export const GraphKeys = Object.freeze({
  /** Every variable shared across devices: what `globalVariablesInitializer` and a default Saver use. */
  GLOBAL_VARIABLES: 'variables',
  /** Per-process variables (counters, metrics) that are not saved. */
  LOCAL_VARIABLES: 'local_variables',
  /** Variables used by the model for inference (a subset of global or local). */
  MODEL_VARIABLES: 'model_variables',
  /** Variables an optimizer trains. */
  TRAINABLE_VARIABLES: 'trainable_variables',
  REGULARIZATION_LOSSES: 'regularization_losses',
  SAVERS: 'savers',
  SAVEABLE_OBJECTS: 'saveable_objects',
  TRAIN_OP: 'train_op',
  GLOBAL_STEP: 'global_step',
  UPDATE_OPS: 'update_ops',
  LOSSES: 'losses',
  SUMMARIES: 'summaries',
  MOVING_AVERAGE_VARIABLES: 'moving_average_variables',
  CONCATENATED_VARIABLES: 'concatenated_variables',
  INIT_OP: 'init_op',
  LOCAL_INIT_OP: 'local_init_op',
  READY_OP: 'ready_op',
  READY_FOR_LOCAL_INIT_OP: 'ready_for_local_init_op',
  QUEUE_RUNNERS: 'queue_runners',
  TABLE_INITIALIZERS: 'table_initializer',
  ASSET_FILEPATHS: 'asset_filepaths',
  WEIGHTS: 'weights',
  BIASES: 'biases',
  ACTIVATIONS: 'activations',
  COND_CONTEXT: 'cond_context',
  WHILE_CONTEXT: 'while_context',
  /** Legacy alias of GLOBAL_VARIABLES. */
  VARIABLES: 'variables',
});

/** Appends `value` to collection `key` of the default graph (duplicates allowed, order kept). */
export function addToCollection(key: string, value: unknown): void {
  getDefaultGraph().addToCollection(key, value);
}

/**
 * Adds `value` once to each collection in `keys`; a string is one key, and a key repeated in
 * `keys` is used once (TensorFlow's `add_to_collections`).
 */
export function addToCollections(keys: string | Iterable<string>, value: unknown): void {
  getDefaultGraph().addToCollections(keys, value);
}

/**
 * A snapshot of collection `key` of the default graph. With `scope`, only items whose `name`
 * matches `scope` as a regular expression anchored at the start of the name (so `'foo'` also
 * matches `foobar/v:0`, as in TensorFlow). A missing collection is `[]` and is not created.
 */
export function getCollection<T = unknown>(key: string, scope?: string | null): T[] {
  return getDefaultGraph().getCollection<T>(key, scope);
}

/** The live list behind collection `key` of the default graph, created empty if absent. */
export function getCollectionRef<T = unknown>(key: string): T[] {
  return getDefaultGraph().getCollectionRef<T>(key);
}

/** Variables in GLOBAL_VARIABLES, optionally filtered by a scope regex. */
export function globalVariables(scope?: string | null): Variable[] {
  return getCollection<Variable>(GraphKeys.GLOBAL_VARIABLES, scope);
}

/** Variables in TRAINABLE_VARIABLES, optionally filtered by a scope regex. */
export function trainableVariables(scope?: string | null): Variable[] {
  return getCollection<Variable>(GraphKeys.TRAINABLE_VARIABLES, scope);
}

/** Variables in LOCAL_VARIABLES, optionally filtered by a scope regex. */
export function localVariables(scope?: string | null): Variable[] {
  return getCollection<Variable>(GraphKeys.LOCAL_VARIABLES, scope);
}

/** Variables in MODEL_VARIABLES, optionally filtered by a scope regex. */
export function modelVariables(scope?: string | null): Variable[] {
  return getCollection<Variable>(GraphKeys.MODEL_VARIABLES, scope);
}
