import { describe, expect, it } from 'vitest';
import { ScopeCounts } from '../../src/variables/scope-counts.js';

describe('ScopeCounts (TensorFlow’s variable_scopes_count)', () => {
  it('counts openings by full name', () => {
    const c = new ScopeCounts();
    c.open('a');
    c.open('a');
    c.open('a/b');
    expect([c.count('a'), c.count('a/b'), c.count('b'), c.count('a/b/c')]).toEqual([2, 1, 0, 0]);
  });

  it('closing a scope resets every scope below it, not the scope itself or its siblings', () => {
    const c = new ScopeCounts();
    for (const n of ['a', 'a/b', 'a/b/c', 'ab', 'ab/x', '/lead']) c.open(n);
    c.closeSubscopes('a');
    expect([c.count('a'), c.count('a/b'), c.count('a/b/c'), c.count('ab'), c.count('ab/x')]).toEqual([1, 0, 0, 1, 1]);
    // '' is a name too: below it are names starting with '/'.
    c.closeSubscopes('');
    expect([c.count('/lead'), c.count('ab')]).toEqual([0, 1]);
    c.closeSubscopes('never-opened');
  });

  it('restores everything changed after a mark, including resets', () => {
    const c = new ScopeCounts();
    c.open('p');
    c.open('p/q');
    const mark = c.mark();
    c.open('p');
    c.open('x/y');
    c.closeSubscopes('p');
    expect(c.uniqueChildName('', 'p')).toBe('p_1');
    c.restore(mark);
    expect([c.count('p'), c.count('p/q'), c.count('x/y'), c.count('x')]).toEqual([1, 1, 0, 0]);
  });

  it('finds the first free default name, resuming searches without missing freed names', () => {
    const c = new ScopeCounts();
    const names: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const n = c.uniqueChildName('outer', 'layer');
      names.push(n);
      c.open(`outer/${n}`);
    }
    expect(names.slice(0, 3)).toEqual(['layer', 'layer_1', 'layer_2']);
    expect(names[999]).toBe('layer_999');
    expect(new Set(names).size).toBe(1000);
    c.closeSubscopes('outer');
    expect(c.uniqueChildName('outer', 'layer')).toBe('layer');
    c.open('outer/layer');
    expect(c.uniqueChildName('outer', 'layer')).toBe('layer_1');
    // An explicit name taken out of order is skipped.
    c.open('outer/layer_1');
    c.open('outer/layer_3');
    expect(c.uniqueChildName('outer', 'layer')).toBe('layer_2');
    const mark = c.mark();
    c.open('outer/layer_2');
    expect(c.uniqueChildName('outer', 'layer')).toBe('layer_4');
    c.restore(mark);
    expect(c.uniqueChildName('outer', 'layer')).toBe('layer_2');
  });
});
