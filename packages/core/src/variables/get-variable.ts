import type { DType } from '@varscope/kernel-api';
import { isDType } from '@varscope/kernel-api';
import { asDType, inferDType } from '../dtypes/index.js';
import type { TensorLike } from '../dtypes/index.js';
import { ValueError } from '../errors.js';
import { TO_TENSOR, isTensorConvertible } from '../graph/conversion.js';
import { getDefaultGraph } from '../graph/graph.js';
import { Tensor } from '../graph/tensor.js';
import { TensorShape } from '../shape/index.js';
import { GraphKeys } from './collections.js';
import { isCallableInitializer } from './initializer.js';
import type { VariableInitializer } from './initializer.js';
import type { Variable } from './variable.js';
import { scopeState } from './variable-scope.js';
import type { CachingDevice, CustomGetter, GetterOptions, Partitioner, Regularizer, Reuse } from './variable-scope.js';
import { variableStore } from './variable-store.js';

export interface GetVariableOptions {
  /** The shape; required for initializer objects, forbidden for value initializers. */
  readonly shape?: readonly (number | null)[] | TensorShape | null;
  /** Default: the scope's dtype (float32 unless a scope set one). */
  readonly dtype?: DType | string | null;
  /** Default: the scope's initializer, else glorot uniform for floats and zeros for other types. */
  readonly initializer?: VariableInitializer | null;
  /** Its loss for the new variable goes to REGULARIZATION_LOSSES. */
  readonly regularizer?: Regularizer | null;
  /** Default true (false for `getLocalVariable`). */
  readonly trainable?: boolean;
  /** Default `[GraphKeys.GLOBAL_VARIABLES]`. */
  readonly collections?: Iterable<string> | null;
  readonly cachingDevice?: CachingDevice | null;
  /** Alias of `cachingDevice`. */
  readonly caching_device?: CachingDevice | null;
  readonly partitioner?: Partitioner | null;
  readonly validateShape?: boolean;
  readonly customGetter?: CustomGetter | null;
  readonly constraint?: ((value: Tensor) => Tensor) | null;
  /** Overrides the scope's reuse mode for this call. */
  readonly reuse?: Reuse | null;
}

type ShapeArg = GetVariableOptions['shape'];

/**
 * Gets the variable `name` in the current variable scope, or creates it (TensorFlow's
 * `tf.get_variable`), by the scope's reuse mode: `false` creates (error if it exists), `true`
 * returns the existing one (error if missing), `AUTO_REUSE` does whichever applies. The full
 * name is the variable scope's name + `/` + `name`; name scopes do not count.
 *
 * The result is a `Variable`, or a `PartitionedVariable` under a partitioner, or whatever a
 * custom getter returns: the type parameter states which you expect.
 * All-or-nothing: if it throws, the graph is unchanged.
 */
export function getVariable<V = Variable>(name: string, shape?: ShapeArg, options?: GetVariableOptions): NoInfer<V>;
export function getVariable<V = Variable>(name: string, options: GetVariableOptions): NoInfer<V>;
export function getVariable<V = Variable>(name: string, shapeOrOptions?: ShapeArg | GetVariableOptions, maybeOptions?: GetVariableOptions): NoInfer<V> {
  return getVariableImpl(name, shapeOrOptions, maybeOptions, false) as NoInfer<V>;
}

/**
 * `getVariable` for a local variable: in LOCAL_VARIABLES (plus any `collections` given), never
 * trainable (TensorFlow's `tf.get_local_variable`).
 */
export function getLocalVariable<V = Variable>(name: string, shape?: ShapeArg, options?: GetVariableOptions): NoInfer<V>;
export function getLocalVariable<V = Variable>(name: string, options: GetVariableOptions): NoInfer<V>;
export function getLocalVariable<V = Variable>(name: string, shapeOrOptions?: ShapeArg | GetVariableOptions, maybeOptions?: GetVariableOptions): NoInfer<V> {
  return getVariableImpl(name, shapeOrOptions, maybeOptions, true) as NoInfer<V>;
}

const NO_OPTIONS: GetVariableOptions = Object.freeze({});

function isOptions(x: ShapeArg | GetVariableOptions): x is GetVariableOptions {
  return x !== null && typeof x === 'object' && !Array.isArray(x) && !(x instanceof TensorShape);
}

// Hot path: 100k calls must stay in the microseconds, so no object spreads here (V8 makes
// spread results slow, polymorphic objects) and one fixed-shape options object per call.
function getVariableImpl(name: string, shapeOrOptions: ShapeArg | GetVariableOptions, maybeOptions: GetVariableOptions | undefined,
  local: boolean): unknown {
  if (typeof name !== 'string' || name === '') throw new ValueError(`getVariable: name must be a non-empty string, got ${String(name)}`);
  let o: GetVariableOptions;
  let shape: ShapeArg;
  if (shapeOrOptions !== undefined && isOptions(shapeOrOptions)) {
    if (maybeOptions !== undefined) throw new TypeError('getVariable: pass the shape as the second argument or in the options, not options twice');
    o = shapeOrOptions;
    shape = o.shape;
  } else {
    o = maybeOptions ?? NO_OPTIONS;
    if (shapeOrOptions !== undefined && o.shape !== undefined) {
      throw new TypeError('getVariable: the shape was given both as an argument and in the options');
    }
    shape = shapeOrOptions ?? o.shape;
  }
  const g = getDefaultGraph();
  const scope = scopeState(g).current;
  const collections = local ? [...(o.collections ?? []), GraphKeys.LOCAL_VARIABLES] : o.collections;
  const explicitDtype = o.dtype === undefined || o.dtype === null ? undefined : asDType(o.dtype);
  const customGetter = o.customGetter ?? scope.customGetter;
  if (customGetter !== null && customGetter !== undefined && typeof customGetter !== 'function') {
    throw new ValueError(`Passed a custom_getter which is not callable: ${String(customGetter)}`);
  }
  const getterOptions: GetterOptions = {
    shape,
    dtype: explicitDtype ?? scope.dtype,
    initializer: o.initializer ?? scope.initializer,
    regularizer: o.regularizer ?? scope.regularizer,
    reuse: o.reuse ?? scope.reuse,
    trainable: local ? false : (o.trainable ?? true),
    collections,
    cachingDevice: o.cachingDevice ?? o.caching_device ?? scope.cachingDevice,
    partitioner: o.partitioner ?? scope.partitioner,
    validateShape: o.validateShape ?? true,
    constraint: o.constraint ?? scope.constraint,
  };
  const fullName = scope.name ? `${scope.name}/${name}` : name;
  const store = variableStore(g);
  // Variable names depend on the variable scope only: create at the root name scope.
  return g.atomically(() => g.nameScope(null, () => {
    // A value initializer must agree with an explicit dtype (TensorFlow's VariableScope.get_variable).
    const init = o.initializer;
    if (explicitDtype !== undefined && init !== undefined && init !== null && !isCallableInitializer(init)) {
      const initDtype = valueDType(init);
      if (initDtype !== explicitDtype) {
        throw new ValueError(`Initializer type '${initDtype}' and explicit dtype '${explicitDtype}' don't match.`);
      }
    }
    const trueGetter = (n: string, opts: GetterOptions) =>
      store.get(n, isDType(opts.dtype) ? opts : { ...opts, dtype: asDType(opts.dtype) });
    return customGetter ? customGetter(trueGetter, fullName, getterOptions) : trueGetter(fullName, getterOptions);
  }));
}

/** The dtype a value initializer gives, without building anything. */
function valueDType(init: VariableInitializer): DType {
  if (init instanceof Tensor) return init.dtype;
  if (isTensorConvertible(init)) return init[TO_TENSOR]().dtype;
  return inferDType(init as TensorLike);
}
