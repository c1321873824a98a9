import { createReferenceBackend } from '@varscope/backend-reference';
import { describeKernelBackend } from '../src/index.js';

// The suite proves itself on the oracle: every case runs, agrees with itself, and leaks nothing.
describeKernelBackend({ name: 'reference', create: () => createReferenceBackend() });
