/**
 * One level of a graph's names in use (TensorFlow's `_names_in_use`, keyed by lowercased
 * name): the use counts of the names directly under one scope path, by lowercased last
 * component, and the levels below. A tree rather than one map of full names, so that naming
 * an op in a deep scope hashes its short last component, not the whole path.
 */
export class NameNode {
  /** Use count by lowercased last component; absent means never used. */
  readonly counts = new Map<string, number>();
  readonly #children = new Map<string, NameNode>();

  /** The level under `component` (lowercased), created empty on first use. */
  child(component: string): NameNode {
    let node = this.#children.get(component);
    if (node === undefined) {
      node = new NameNode();
      this.#children.set(component, node);
    }
    return node;
  }

  /** The level at `path` (lowercased, `/`-separated; `''` is this level). */
  descend(path: string): NameNode {
    if (path === '') return this;
    let node: NameNode = this;
    let start = 0;
    for (;;) {
      const slash = path.indexOf('/', start);
      if (slash < 0) return node.child(path.slice(start));
      node = node.child(path.slice(start, slash));
      start = slash + 1;
    }
  }
}
