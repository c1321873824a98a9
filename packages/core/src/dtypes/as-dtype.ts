import { isDType } from '@varscope/kernel-api';
import type { DType } from '@varscope/kernel-api';

/**
 * Names TensorFlow accepts besides the Python dtype names: the C++ spellings (`float`,
 * `double`, `half`) that appear in GraphDefs and op docs.
 */
const ALIASES: Readonly<Record<string, DType>> = Object.freeze({
  half: 'float16',
  float: 'float32',
  double: 'float64',
});

const REF_SUFFIX = '_ref';

/**
 * TensorFlow's `tf.as_dtype` for names: our (Python) names, the C++ aliases `half`,
 * `float` and `double`, and any of them with a `_ref` suffix (graph-mode reference
 * variables report `float32_ref`; the value type is the base type).
 */
export function asDType(name: string): DType {
  if (typeof name === 'string') {
    const base = name.endsWith(REF_SUFFIX) ? name.slice(0, -REF_SUFFIX.length) : name;
    if (isDType(base)) return base;
    const alias = ALIASES[base];
    if (alias !== undefined) return alias;
  }
  throw new TypeError(`Cannot convert value ${describeForError(name)} to a TensorFlow DType.`);
}

/** A short, Python-repr-like rendering of a value for error messages. */
export function describeForError(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'bigint') return `${value}n`;
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'object') {
    if (Array.isArray(value)) {
      const shown = value.slice(0, 6).map(describeForError).join(', ');
      return `[${shown}${value.length > 6 ? ', …' : ''}]`;
    }
    if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${(value as unknown as { length: number }).length})`;
    const record = value as Record<string, unknown>;
    if (typeof record.re === 'number' && typeof record.im === 'number') return `{re: ${record.re}, im: ${record.im}}`;
    return Object.prototype.toString.call(value);
  }
  if (typeof value === 'function') return 'function';
  return String(value);
}
