/**
 * How TensorFlow prints shapes. Python prints tuples — `(2, 3)`, `(2,)`, `()`, `(?, 784)`,
 * `<unknown>` — and the C++ shape-inference code prints `[2,3]`, `[?,784]`, `?`.
 * Error messages use whichever side of TensorFlow raises the same error.
 */

/** Python's `str(TensorShape)`. */
export function formatPythonShape(dims: readonly (number | null)[] | null): string {
  if (dims === null) return '<unknown>';
  const parts = dims.map((d) => (d === null ? '?' : String(d)));
  if (parts.length === 1) return `(${parts[0]},)`;
  return `(${parts.join(', ')})`;
}

/** C++ `InferenceContext::DebugString(ShapeHandle)`. */
export function formatDebugShape(dims: readonly (number | null)[] | null): string {
  if (dims === null) return '?';
  return `[${dims.map((d) => (d === null ? '?' : String(d))).join(',')}]`;
}
