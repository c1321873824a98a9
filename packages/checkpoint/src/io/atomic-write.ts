import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

/** A temporary name beside `path`, in TensorFlow's `…tempstate<random>` style. */
export function tempPathFor(path: string): string {
  return `${path}.tempstate${BigInt(`0x${randomBytes(8).toString('hex')}`)}`;
}

/** fsyncs a directory so a rename inside it survives a power loss (best effort where unsupported). */
export async function fsyncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (e) {
    // Some platforms (Windows) cannot open or fsync a directory; the rename is still atomic there.
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EBADF') throw e;
  } finally {
    await handle?.close();
  }
}

/**
 * Replaces `path` with `bytes` atomically: write a temporary file, fsync it,
 * rename it over `path`, fsync the directory. Readers see the old file or the
 * new one, never a mix, even if the process dies at any point.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array,
  beforeRename?: () => void | Promise<void>): Promise<void> {
  const temp = tempPathFor(path);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await beforeRename?.();
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
  await fsyncDirectory(dirname(path));
}
