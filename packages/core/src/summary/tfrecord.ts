import { crc32c, maskCrc } from '@varscope/checkpoint';

/**
 * One TFRecord: the length as uint64 LE, its masked CRC32C, the data, the data's masked
 * CRC32C (TensorFlow's `RecordWriter`, the framing of event files).
 */
export function frameRecord(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length + 4);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(data.length), true);
  view.setUint32(8, maskCrc(crc32c(out.subarray(0, 8))) >>> 0, true);
  out.set(data, 12);
  view.setUint32(12 + data.length, maskCrc(crc32c(data)) >>> 0, true);
  return out;
}

/** Summaries travel through the graph as string tensors holding the proto's bytes, one char per byte. */
export function bytesToBinaryString(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

export function binaryStringToBytes(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, 'latin1'));
}
