/**
 * The slice of the WebAssembly JS API the loader uses. Node's and the browsers' globals have
 * it; TypeScript's ES libs do not declare it (only lib.dom does), so it is typed here rather
 * than pulling DOM types into a Node package.
 */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}

export interface WasmApi {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: Record<string, Record<string, unknown>>): Promise<{ exports: Record<string, unknown> }>;
}

/** The runtime's WebAssembly object, or undefined where there is none. */
export function webAssemblyApi(): WasmApi | undefined {
  return (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
}
