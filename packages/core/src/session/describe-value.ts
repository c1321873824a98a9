/** A short rendering of any value for error messages (what Python's repr shows in TensorFlow's). */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  if (value === null || typeof value !== 'object') return String(value);
  if (Array.isArray(value)) {
    const shown = value.slice(0, 6).map(describeValue).join(', ');
    return `[${shown}${value.length > 6 ? ', …' : ''}]`;
  }
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${(value as unknown as { length: number }).length})`;
  const custom = (value as { toString?: () => string }).toString;
  if (typeof custom === 'function' && custom !== Object.prototype.toString) return custom.call(value);
  return Object.prototype.toString.call(value);
}

/** The JavaScript type of a value as error messages name it (`number`, `null`, `Map`, `Float32Array`…). */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  return (value as object).constructor?.name ?? 'Object';
}
