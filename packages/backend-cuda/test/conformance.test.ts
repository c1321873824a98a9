// The shared conformance suite. Where init() rejects (no GPU, no driver, no addon), every case
// is reported skipped with the BackendUnavailableError's reason.
import { describeKernelBackend } from '@varscope/conformance';
import { createCudaBackend } from '../src/index.js';

describeKernelBackend({ name: 'cuda', create: () => createCudaBackend() });
