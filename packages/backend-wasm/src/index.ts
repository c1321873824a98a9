export { createWasmBackend, type WasmBackendOptions } from './wasm-backend.js';
export { DEFAULT_WASM_URL, type WasmSource } from './module/load-module.js';
