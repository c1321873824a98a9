/**
 * How many times each variable scope name has been opened, for default-name uniquification
 * (TensorFlow's `_VariableScopeStore.variable_scopes_count`), with TensorFlow's rules:
 * - opening a scope counts its full name;
 * - leaving a scope opened by name resets the counts of every scope *below* it (names that
 *   start with `name + '/'`), so `VS0('layer')` starts again at `layer` in the next parent;
 * - leaving a re-entered scope object restores every count to what it was on entry.
 *
 * TensorFlow keeps one flat dict and scans all of it on every scope exit, and snapshots all of
 * it on every re-entry, which is quadratic in the number of scopes. Here counts live in a trie
 * keyed by name component, so a reset drops one subtree, and re-entries record an undo log
 * instead of copying: every operation costs O(depth).
 */
export class ScopeCounts {
  readonly #root = new CountNode();
  /** Undo entries, recorded only while a re-entered scope is open. */
  readonly #log: (() => void)[] = [];
  #openReentries = 0;

  /** Counts one more opening of scope `name`. */
  open(name: string): void {
    const node = this.#node(name, true) as CountNode;
    const old = node.count;
    node.count = old + 1;
    this.#record(() => { node.count = old; });
  }

  /** How many times scope `name` has been opened since its parent last reset it. */
  count(name: string): number {
    return this.#node(name, false)?.count ?? 0;
  }

  /** Resets the counts of every scope below `name` (TensorFlow's `close_variable_subscopes`). */
  closeSubscopes(name: string): void {
    const node = this.#node(name, false);
    if (node === undefined || node.sub === null) return;
    const old = node.sub;
    node.sub = null;
    this.#record(() => { node.sub = old; });
  }

  /**
   * TensorFlow's `_get_unique_variable_scope`: `prefix` if scope `parent/prefix` has never been
   * opened, else `prefix_N` for the first N whose scope has not been.
   */
  uniqueChildName(parent: string, prefix: string): string {
    const full = parent ? `${parent}/${prefix}` : prefix;
    if (this.count(full) === 0) return prefix;
    // Names taken stay taken until the parent resets (which drops this hint with them) or an
    // undo restores the hint, so a search may resume where the last one stopped.
    const slash = full.lastIndexOf('/');
    const holder = slash < 0 ? this.#root : this.#node(full.slice(0, slash), true) as CountNode;
    const sub = holder.ensureSub();
    const base = full.slice(slash + 1);
    const start = sub.hints.get(base) ?? 0;
    let idx = start + 1;
    while (this.count(`${full}_${idx}`) > 0) idx += 1;
    if (idx - 1 !== start) {
      sub.hints.set(base, idx - 1);
      this.#record(() => { if (start === 0) sub.hints.delete(base); else sub.hints.set(base, start); });
    }
    return `${prefix}_${idx}`;
  }

  /** Starts recording changes; `restore(mark)` undoes every change made after this call. */
  mark(): number {
    this.#openReentries += 1;
    return this.#log.length;
  }

  restore(mark: number): void {
    while (this.#log.length > mark) (this.#log.pop() as () => void)();
    this.#openReentries -= 1;
  }

  #record(undo: () => void): void {
    if (this.#openReentries > 0) this.#log.push(undo);
  }

  #node(name: string, create: boolean): CountNode | undefined {
    let node = this.#root;
    // Components split on '/', so `name + '/'` prefixes are exactly subtrees ('' is a component
    // too: the root scope's own name, and the parent of names that start with '/').
    let start = 0;
    while (true) {
      const slash = name.indexOf('/', start);
      const key = slash < 0 ? name.slice(start) : name.slice(start, slash);
      let child = node.sub?.children.get(key);
      if (child === undefined) {
        if (!create) return undefined;
        child = new CountNode();
        const sub = node.ensureSub();
        sub.children.set(key, child);
        const c = child;
        this.#record(() => { if (sub.children.get(key) === c) sub.children.delete(key); });
      }
      node = child;
      if (slash < 0) return node;
      start = slash + 1;
    }
  }
}

interface SubScopes {
  readonly children: Map<string, CountNode>;
  /** Per default-name prefix: every `prefix_1 … prefix_N` is known to be taken. */
  readonly hints: Map<string, number>;
}

class CountNode {
  count = 0;
  sub: SubScopes | null = null;

  ensureSub(): SubScopes {
    this.sub ??= { children: new Map(), hints: new Map() };
    return this.sub;
  }
}
