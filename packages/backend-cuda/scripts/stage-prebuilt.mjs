#!/usr/bin/env node
// Copies the built addon into npm/<platform-tag>/, the layout of the prebuilt platform package
// that the loader falls back to (`@varscope/backend-cuda-<tag>`). Run before publishing it.
import { copyFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const addon = resolve(here, '..', '..', '..', 'native', 'cuda', 'build', 'Release', 'varscope_cuda.node');
const report = process.report?.getReport();
const libc = process.platform === 'linux' ? (report?.header?.glibcVersionRuntime ? '-gnu' : '-musl') : '';
const tag = `${process.platform}-${process.arch}${libc}`;
const target = join(here, '..', 'npm', tag);
if (!existsSync(addon)) {
  console.error('stage-prebuilt: no addon; run VARSCOPE_CUDA_BUILD=required pnpm --filter @varscope/backend-cuda build');
  process.exit(1);
}
if (!existsSync(join(target, 'package.json'))) {
  console.error(`stage-prebuilt: there is no platform package for ${tag} (npm/${tag}/package.json)`);
  process.exit(1);
}
copyFileSync(addon, join(target, 'varscope_cuda.node'));
console.log(`stage-prebuilt: copied the addon into npm/${tag}/`);
