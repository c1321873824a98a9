import type { Operation } from './operation.js';

/**
 * One level of a graph's names, keyed by lowercased path (TensorFlow's `_names_in_use` is
 * case-insensitive): the use counts of the names directly under this path, by lowercased last
 * component; the levels below; and the ops whose full name lowercases to this path. A tree
 * rather than maps of full names, so that naming or finding an op in a deep scope hashes short
 * components, never the whole path. Maps are made on first use: most levels are one op's.
 */
export class NameNode {
  #counts: Map<string, number> | undefined;
  #children: Map<string, NameNode> | undefined;
  /** Ops at this path: one, except for names that differ only in case. */
  #ops: Operation | Operation[] | undefined;

  /** The use count of lowercased component `key`, or undefined if never used. */
  count(key: string): number | undefined {
    return this.#counts?.get(key);
  }

  setCount(key: string, count: number | undefined): void {
    if (count === undefined) this.#counts?.delete(key);
    else (this.#counts ??= new Map()).set(key, count);
  }

  /** The level under `component` (lowercased), created empty on first use. */
  child(component: string): NameNode {
    const children = (this.#children ??= new Map());
    let node = children.get(component);
    if (node === undefined) {
      node = new NameNode();
      children.set(component, node);
    }
    return node;
  }

  /** The level at `path` (lowercased, `/`-separated; `''` is this level), created as needed. */
  descend(path: string): NameNode {
    if (path === '') return this;
    let slash = path.indexOf('/');
    if (slash < 0) return this.child(path);
    let node = this.child(path.slice(0, slash));
    for (;;) {
      const start = slash + 1;
      slash = path.indexOf('/', start);
      if (slash < 0) return node.child(path.slice(start));
      node = node.child(path.slice(start, slash));
    }
  }

  /** The level at `path` if it exists (lookups create nothing). */
  find(path: string): NameNode | undefined {
    if (path === '') return this;
    let children = this.#children;
    let start = 0;
    for (;;) {
      const slash = path.indexOf('/', start);
      const node = children?.get(slash < 0 ? path.slice(start) : path.slice(start, slash));
      if (node === undefined || slash < 0) return node;
      children = node.#children;
      start = slash + 1;
    }
  }

  /** The op at this path named exactly `name`. */
  op(name: string): Operation | undefined {
    const ops = this.#ops;
    if (ops === undefined) return undefined;
    if (!Array.isArray(ops)) return ops.name === name ? ops : undefined;
    return ops.find((o) => o.name === name);
  }

  addOp(op: Operation): void {
    const ops = this.#ops;
    if (ops === undefined) this.#ops = op;
    else if (Array.isArray(ops)) ops.push(op);
    else this.#ops = [ops, op];
  }

  removeOp(op: Operation): void {
    const ops = this.#ops;
    if (ops === op) this.#ops = undefined;
    else if (Array.isArray(ops)) {
      const i = ops.lastIndexOf(op);
      if (i >= 0) ops.splice(i, 1);
      if (ops.length === 0) this.#ops = undefined;
    }
  }
}
