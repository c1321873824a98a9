// Collections: the standard keys, your own, and scope filters.
import {
  GraphKeys, addToCollection, getCollection, getLocalVariable, getVariable, globalVariables, localVariables,
  localVariablesInitializer, trainableVariables, variableScope, zerosInitializer, Session,
} from '@varscope/core';
import type { Variable } from '@varscope/core';

const w = getVariable('w', [2]);                                                       // global + trainable
// As in TensorFlow, `collections` replaces GLOBAL_VARIABLES but `trainable` (default true) still adds
// TRAINABLE_VARIABLES: getLocalVariable (trainable: false) is the way to a local-only variable.
const myLocal = getVariable('my_local', [], { collections: [GraphKeys.LOCAL_VARIABLES] });
const frozen = getVariable('my_non_trainable', [], { trainable: false });
const step = getLocalVariable('step', [], { dtype: 'int32', initializer: zerosInitializer() });
console.log(GraphKeys.GLOBAL_VARIABLES, GraphKeys.TRAINABLE_VARIABLES, GraphKeys.LOCAL_VARIABLES);   // variables trainable_variables local_variables
console.log(globalVariables().map((v) => v.name));      // [ 'w:0', 'my_non_trainable:0' ]
console.log(trainableVariables().map((v) => v.name));   // [ 'w:0', 'my_local:0' ]
console.log(localVariables().map((v) => v.name));       // [ 'my_local:0', 'step:0' ]

// Any string names a collection; anything can go in one.
addToCollection('my_collection_name', myLocal);
addToCollection('my_collection_name', 'a note');
console.log(getCollection('my_collection_name').map(String));   // [ "<tf.Variable 'my_local:0' shape=() dtype=float32_ref>", 'a note' ]

// The scope argument filters by name from the start (TensorFlow's re.match).
variableScope('discriminator', () => getVariable('v1', [3], { initializer: zerosInitializer() }));
variableScope('generator', () => getVariable('v2', [2], { initializer: zerosInitializer() }));
const dVars = getCollection<Variable>(GraphKeys.TRAINABLE_VARIABLES, 'discriminator');
const gVars = variableScope('generator', (scope) => scope.trainableVariables());
console.log(dVars.map((v) => v.name), gVars.map((v) => v.name));   // [ 'discriminator/v1:0' ] [ 'generator/v2:0' ]

// Local variables have their own initializer op.
const session = new Session();
await session.run(localVariablesInitializer());
console.log((await session.run(step)).toArray(), w.name, frozen.trainable);   // 0 w:0 false
await session.close();
