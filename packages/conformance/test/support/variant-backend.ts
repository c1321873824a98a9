import type { KernelBackend } from '@varscope/kernel-api';

/** The reference backend seen through another device type and without some ops, as a stand-in backend under test. */
export function variant(base: KernelBackend, options: { deviceType?: 'CPU' | 'GPU'; without?: string[] }): KernelBackend {
  const kernels = Object.fromEntries(Object.entries(base.capabilities.kernels).filter(([op]) => !(options.without ?? []).includes(op)));
  return {
    specificationVersion: base.specificationVersion,
    name: `${base.name}-variant`,
    deviceType: options.deviceType ?? base.deviceType,
    capabilities: { ...base.capabilities, kernels },
    init: () => base.init(),
    allocate: (d, s) => base.allocate(d, s),
    upload: (r, data) => base.upload(r, data),
    download: (r) => base.download(r),
    downloadSync: (r) => (base.downloadSync as NonNullable<KernelBackend['downloadSync']>)(r),
    release: (h) => base.release(h),
    doRun: (c) => base.doRun(c),
    sync: () => base.sync(),
    stats: () => base.stats(),
    dispose: () => base.dispose(),
  };
}
