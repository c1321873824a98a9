import { createReferenceBackend } from '@varscope/backend-reference';
import { describeKernelBackend } from '../src/index.js';
import { variant } from './support/variant-backend.js';

// A GPU-type backend (the reference, declared as a GPU) through the scenarios that exercise the
// session wiring: graphs placed on /device:GPU:0, the reference as CPU, soft placement, restores.
describeKernelBackend({
  name: 'reference-as-gpu',
  create: () => variant(createReferenceBackend(), { deviceType: 'GPU' }),
  only: [/^5\.4\//, /^6\.[1-3]$/, /^6\.9\/tf1-adam-int32-step\//, /^7\.3\/conv-layer$/, /^2\.[4-7]$/],
});
