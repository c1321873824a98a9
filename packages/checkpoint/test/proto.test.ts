import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  CollectionDef, DataLossError, InvalidArgumentError, MetaGraphDef, SaverDef, TensorProto, VariableDef,
} from '../src/index.js';

describe('protobuf messages', () => {
  it('the generated module matches the .proto files', () => {
    const script = fileURLToPath(new URL('../scripts/generate-proto.mjs', import.meta.url));
    const r = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('round-trips int64 as bigint across the whole range', () => {
    const t: TensorProto = { dtype: 9, int64Val: [-(2n ** 63n), -1n, 0n, 2n ** 63n - 1n], uint64Val: [2n ** 64n - 1n] };
    expect(TensorProto.decode(TensorProto.encode(t))).toEqual(t);
    expect(() => TensorProto.encode({ int64Val: [2n ** 63n] })).toThrow(InvalidArgumentError);
    expect(() => TensorProto.encode({ int64Val: [1.5 as unknown as bigint] })).toThrow(/int64Val must be a bigint/);
  });

  it("encodes SaverDef with TensorFlow's bytes", () => {
    const bytes = SaverDef.encode({ keepCheckpointEveryNHours: 10000, version: 2 });
    expect(Buffer.from(bytes).toString('hex')).toBe('3500401c463802');
  });

  it('stores VariableDefs as serialized bytes in collections', () => {
    const v: VariableDef = { variableName: 'v:0', initializerName: 'v/Assign', snapshotName: 'v/read:0', initialValueName: 'v/initial_value:0', trainable: true };
    const c: CollectionDef = { bytesList: { value: [VariableDef.encode(v)] } };
    const back = CollectionDef.decode(CollectionDef.encode(c));
    expect(VariableDef.decode(back.bytesList!.value![0]!)).toEqual(v);
    // Fields in number order: 1, 2, 3, 6, 7.
    expect(Buffer.from(VariableDef.encode(v)).toString('hex')).toMatch(/^0a03763a30120876/);
  });

  it('garbage is a DataLossError naming the file', () => {
    const e = (() => {
      try {
        MetaGraphDef.decode(new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0x0f]), { file: 'x.meta' });
      } catch (err) {
        return err;
      }
      return null;
    })();
    expect(e).toBeInstanceOf(DataLossError);
    expect((e as DataLossError).file).toBe('x.meta');
    expect((e as DataLossError).message).toMatch(/^Cannot parse tensorflow\.MetaGraphDef in x\.meta/);
  });
});
