import { Summary } from '@varscope/checkpoint';
import type { Summary_Value } from '@varscope/checkpoint';
import type { HostTensor } from '@varscope/kernel-api';
import { readElement } from '../dtypes/index.js';
import { InvalidArgumentError } from '../errors.js';
import type { HostKernel, HostKernelContext } from '../session/host-kernels/index.js';
import { histogramOf } from './histogram.js';
import { binaryStringToBytes, bytesToBinaryString } from './tfrecord.js';

const nodeSuffix = (name: string): string => `\n\t [[{{node ${name}}}]]`;

function numbers(t: HostTensor): number[] {
  const out: number[] = [];
  const n = t.shape.reduce((a, b) => a * b, 1);
  for (let i = 0; i < n; i++) out.push(Number(readElement(t.dtype, t.data, i)));
  return out;
}

const summaryTensor = (s: Summary): HostTensor => ({ dtype: 'string', shape: [], data: [bytesToBinaryString(Summary.encode(s))] });

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** `ScalarSummary(tags, values)`: one `simple_value` per tag. */
export const scalarSummaryKernel: HostKernel = {
  op: 'ScalarSummary', dtypes: 'any',
  run: (ctx: HostKernelContext) => {
    const tags = ctx.input(0);
    const values = ctx.input(1);
    if (!sameShape(tags.shape, values.shape)) {
      throw new InvalidArgumentError(`tags and values not the same shape: [${tags.shape.join(',')}] != [${values.shape.join(',')}]${nodeSuffix(ctx.nodeName)}`, ctx.nodeName);
    }
    const v = numbers(values);
    return [summaryTensor({ value: (tags.data as string[]).map((tag, i) => ({ tag, simpleValue: v[i] as number })) })];
  },
};

/** `HistogramSummary(tag, values)`: a histogram of every value, in TensorFlow's default buckets. */
export const histogramSummaryKernel: HostKernel = {
  op: 'HistogramSummary', dtypes: 'any',
  run: (ctx) => {
    const tag = (ctx.input(0).data as string[])[0] as string;
    const v = numbers(ctx.input(1));
    const bad = v.findIndex((x) => !Number.isFinite(x));
    if (bad >= 0) throw new InvalidArgumentError(`Nan in summary histogram for: ${tag}${nodeSuffix(ctx.nodeName)}`, ctx.nodeName);
    return [summaryTensor({ value: [{ tag, histo: histogramOf(v) }] })];
  },
};

/** `MergeSummary(inputs)`: the values of every input Summary; a tag may appear once. */
export const mergeSummaryKernel: HostKernel = {
  op: 'MergeSummary', dtypes: 'any',
  run: (ctx) => {
    const values: Summary_Value[] = [];
    const tags = new Set<string>();
    for (let i = 0; i < ctx.inputs.length; i++) {
      for (const s of ctx.input(i).data as string[]) {
        for (const v of Summary.decode(binaryStringToBytes(s)).value ?? []) {
          const tag = v.tag ?? '';
          if (tags.has(tag)) throw new InvalidArgumentError(`Duplicate tag ${tag} found in summary inputs${nodeSuffix(ctx.nodeName)}`, ctx.nodeName);
          tags.add(tag);
          values.push(v);
        }
      }
    }
    return [summaryTensor({ value: values })];
  },
};

export const SUMMARY_KERNELS: readonly HostKernel[] = Object.freeze([scalarSummaryKernel, histogramSummaryKernel, mergeSummaryKernel]);
