import { describe, expect, it } from 'vitest';
import { DTYPES, OP_SCHEMA, dtypeFromEnum, getOpDef, deviceOps, ALL_DTYPES, primaryTypeAttr } from '../src/index.js';

describe('DType table', () => {
  it('carries TensorFlow DataType numbers', () => {
    expect(DTYPES.float32.enum).toBe(1);
    expect(DTYPES.string.enum).toBe(7);
    expect(DTYPES.int64.enum).toBe(9);
    expect(DTYPES.bool.enum).toBe(10);
    expect(DTYPES.float16.enum).toBe(19);
    expect(DTYPES.uint64.enum).toBe(23);
    expect(DTYPES.float16.cName).toBe('half');
    expect(DTYPES.float32.enumName).toBe('DT_FLOAT');
    expect(dtypeFromEnum(101)).toBe('float32');
    expect(() => dtypeFromEnum(99)).toThrow(/Unknown DataType/);
    expect(ALL_DTYPES[0]).toBe('float32');
    expect(new Set(ALL_DTYPES.map((d) => DTYPES[d].enum)).size).toBe(ALL_DTYPES.length);
  });
});

describe('op schema', () => {
  it('declares every arg dtype through a known attr or a fixed type', () => {
    for (const def of OP_SCHEMA.values()) {
      const attrNames = new Set(def.attrs.map((a) => a.name));
      for (const a of [...def.inputs, ...def.outputs]) {
        const sources = [a.type, a.typeAttr, a.typeListAttr].filter((x) => x !== undefined);
        expect(sources, `${def.name}.${a.name}`).toHaveLength(1);
        if (a.typeAttr) expect(attrNames.has(a.typeAttr), `${def.name}.${a.name} → ${a.typeAttr}`).toBe(true);
        if (a.numberAttr) expect(attrNames.has(a.numberAttr), `${def.name}.${a.name} → ${a.numberAttr}`).toBe(true);
      }
      for (const [out, inp] of Object.entries(def.aliases ?? {})) {
        expect(def.outputs[Number(out)]?.isRef, `${def.name} alias output`).toBe(true);
        expect(def.inputs[inp]?.isRef, `${def.name} alias input`).toBe(true);
      }
    }
  });

  it('spells op and attr names as TensorFlow does', () => {
    expect(getOpDef('MatMul')?.attrs.map((a) => a.name)).toEqual(['transpose_a', 'transpose_b', 'T']);
    expect(getOpDef('VariableV2')?.placement).toBe('host');
    expect(getOpDef('Assign')?.aliases).toEqual({ 0: 0 });
    expect(getOpDef('Nope')).toBeUndefined();
    expect(deviceOps().some((d) => d.name === 'Const')).toBe(false);
    expect(primaryTypeAttr(getOpDef('Cast')!)).toBe('SrcT');
    expect(primaryTypeAttr(getOpDef('RandomUniform')!)).toBe('dtype');
  });
});
