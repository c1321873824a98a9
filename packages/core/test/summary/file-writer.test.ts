import { readFileSync, readdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Graph } from '../../src/graph/index.js';
import { constant } from '../../src/ops/index.js';
import { FileWriter, histogram, mergeAll, scalar } from '../../src/summary/index.js';
import { Variable, globalVariablesInitializer, variableScope } from '../../src/variables/index.js';
import { session, tempDir } from '../train/helpers.js';

// An independent reader: TFRecord framing, CRC32C from its bit-by-bit definition, and a minimal
// protobuf wire walker. It shares no code with the writer.
function crc32c(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
const mask = (c: number): number => ((((c >>> 15) | (c << 17)) >>> 0) + 0xa282ead8) >>> 0;

function records(file: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  let at = 0;
  while (at < file.length) {
    const len = Number(view.getBigUint64(at, true));
    expect(view.getUint32(at + 8, true)).toBe(mask(crc32c(file.subarray(at, at + 8))));
    const data = file.subarray(at + 12, at + 12 + len);
    expect(view.getUint32(at + 12 + len, true)).toBe(mask(crc32c(data)));
    out.push(data);
    at += 16 + len;
  }
  return out;
}

type Field = { no: number; wire: number; value: bigint | Uint8Array | number };
function fields(buf: Uint8Array): Field[] {
  const out: Field[] = [];
  let i = 0;
  const varint = (): bigint => {
    let r = 0n;
    let s = 0n;
    for (;;) {
      const b = buf[i++] as number;
      r |= BigInt(b & 0x7f) << s;
      s += 7n;
      if (b < 0x80) return r;
    }
  };
  while (i < buf.length) {
    const key = Number(varint());
    const no = key >> 3;
    const wire = key & 7;
    if (wire === 0) out.push({ no, wire, value: varint() });
    else if (wire === 1) { out.push({ no, wire, value: new DataView(buf.buffer, buf.byteOffset + i, 8).getFloat64(0, true) }); i += 8; }
    else if (wire === 5) { out.push({ no, wire, value: new DataView(buf.buffer, buf.byteOffset + i, 4).getFloat32(0, true) }); i += 4; }
    else if (wire === 2) { const n = Number(varint()); out.push({ no, wire, value: buf.subarray(i, i + n) }); i += n; }
    else throw new Error(`wire type ${wire}`);
  }
  return out;
}
const text = (b: unknown): string => new TextDecoder().decode(b as Uint8Array);

describe('SEED 8.1: TensorBoard event files', () => {
  it('writes the file version, the graph with its scopes, and scalar and histogram summaries', async () => {
    const dir = tempDir('events-');
    const g = new Graph();
    const built = g.asDefault(() => {
      const w = variableScope('layer1', () => new Variable(constant([1, 2, 3, 4], { dtype: 'float32' }), { name: 'w' }));
      scalar('loss', constant(0.25, { dtype: 'float32' }));
      histogram('weights', w);
      return { init: globalVariablesInitializer(), merged: mergeAll() };
    });
    const sess = session(g);
    await sess.run(built.init);
    const writer = new FileWriter(dir, g, { clock: () => 1700000000.5 });
    writer.addSummary(await sess.run(built.merged as never), 7);
    await writer.close();
    await sess.close();

    const files = readdirSync(dir);
    expect(files).toEqual([`events.out.tfevents.1700000000.${hostname()}`]);
    const events = records(readFileSync(join(dir, files[0] as string))).map(fields);
    expect(events.length).toBe(3);
    expect(text(events[0]?.find((f) => f.no === 3)?.value)).toBe('brain.Event:2');
    const graphDef = fields(events[1]?.find((f) => f.no === 4)?.value as Uint8Array);
    const nodeNames = graphDef.filter((f) => f.no === 1).map((n) => text(fields(n.value as Uint8Array).find((f) => f.no === 1)?.value));
    expect(nodeNames).toContain('layer1/w');
    expect(nodeNames).toContain('layer1/w/read');
    const summaryEvent = events[2] as Field[];
    expect(summaryEvent.find((f) => f.no === 2)?.value).toBe(7n);
    const values = fields(summaryEvent.find((f) => f.no === 5)?.value as Uint8Array).map((v) => fields(v.value as Uint8Array));
    const byTag = new Map(values.map((v) => [text(v.find((f) => f.no === 1)?.value), v]));
    expect(byTag.get('loss')?.find((f) => f.no === 2)?.value).toBe(0.25);
    const histo = fields(byTag.get('weights')?.find((f) => f.no === 5)?.value as Uint8Array);
    expect(histo.find((f) => f.no === 1)?.value).toBe(1);
    expect(histo.find((f) => f.no === 2)?.value).toBe(4);
    expect(histo.find((f) => f.no === 3)?.value).toBe(4);
    expect(histo.find((f) => f.no === 4)?.value).toBe(10);
  });
});
