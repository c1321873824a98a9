import type { Graph } from '../graph/graph.js';
import type { Tensor } from '../graph/tensor.js';
import { group, identity } from '../ops/index.js';

/**
 * TensorFlow's `control_flow_ops.tuple` over gradients that may be null: a `tuple/group_deps`
 * gate on every computed gradient, and each passed through `tuple/control_dependency[_N]`
 * (an Identity colocated with it that waits for the gate).
 */
export function gradientTuple(graph: Graph, grads: readonly (Tensor | null)[]): (Tensor | null)[] {
  return graph.nameScope('tuple', () => {
    const gating = [...new Set(grads.filter((g): g is Tensor => g !== null).map((g) => g.op))].sort((a, b) => a.id - b.id);
    const gate = group(gating);
    return grads.map((g) => {
      if (g === null) return null;
      return graph.nameScope('control_dependency', (scope) =>
        graph.colocateWith(g.op, () => graph.controlDependencies([gate], () => identity(g, { name: scope }))));
    });
  });
}

