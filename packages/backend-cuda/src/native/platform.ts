/** The platform tag of prebuilt addon packages: `linux-x64-gnu`, `linux-arm64-gnu`… */
export function platformTag(): string {
  const libc = process.platform === 'linux' ? (isGlibc() ? '-gnu' : '-musl') : '';
  return `${process.platform}-${process.arch}${libc}`;
}

/** Platform tags prebuilt addons exist (or are planned) for. */
export const SUPPORTED_PLATFORMS: readonly string[] = Object.freeze(['linux-x64-gnu', 'linux-arm64-gnu']);

/** The npm package that carries the prebuilt addon for a platform tag. */
export const platformPackageName = (tag: string): string => `@varscope/backend-cuda-${tag}`;

function isGlibc(): boolean {
  const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
  return typeof report?.header?.glibcVersionRuntime === 'string';
}
