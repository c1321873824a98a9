import type { CudaKernel } from './kernel-call.js';

function random(op: string, dtypes: CudaKernel['dtypes']): CudaKernel {
  return {
    dtypes,
    run(k) {
      const p = k.call.philox;
      if (p === undefined) throw k.error('a random op needs call.philox');
      const out = k.output(0);
      const code = k.ops.random[op] as number;
      if (op === 'RandomUniformInt') {
        k.ctx.random(code, k.buf(out), p.seed, p.seed2, p.offset, k.buf(k.input(1)), k.buf(k.input(2)));
      } else {
        k.ctx.random(code, k.buf(out), p.seed, p.seed2, p.offset);
      }
    },
  };
}

/** Philox-4x32-10 random ops with kernel-api's element layout (the reference backend's numbers). */
export const RANDOM_KERNELS: Readonly<Record<string, CudaKernel>> = {
  RandomUniform: random('RandomUniform', ['float32']),
  RandomStandardNormal: random('RandomStandardNormal', ['float32']),
  TruncatedNormal: random('TruncatedNormal', ['float32']),
  RandomUniformInt: random('RandomUniformInt', ['int32']),
};
