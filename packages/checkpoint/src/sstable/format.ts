/** Constants of LevelDB's table format, which TensorFlow's `.index` and V1 files use unchanged. */

/** The footer's magic number 0xdb4775248b80fb57, little-endian. */
export const TABLE_MAGIC = new Uint8Array([0x57, 0xfb, 0x80, 0x8b, 0x24, 0x75, 0x47, 0xdb]);
/** Footer length: two block handles padded to 40 bytes, then the 8-byte magic. */
export const FOOTER_LENGTH = 48;
/** A block is followed by a compression-type byte and a masked CRC32C. */
export const BLOCK_TRAILER_LENGTH = 5;
export const COMPRESSION_NONE = 0;
export const COMPRESSION_SNAPPY = 1;

/** The bundle writer's table options (TensorFlow's tensor_bundle.cc). */
export const BUNDLE_TABLE_OPTIONS = {
  blockSize: 262_144,
  blockRestartInterval: 16,
} as const;

/** Where a block sits in the file: contents only, the trailer follows. */
export interface BlockHandle {
  readonly offset: number;
  readonly size: number;
}
