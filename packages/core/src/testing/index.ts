// `@varscope/core/testing`: behaviour every backend must show, as plain functions that take a
// session factory, for `@varscope/conformance` and other runners.
export * from './scenarios/index.js';
