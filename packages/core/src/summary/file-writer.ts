import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { Event, GraphDef, Summary } from '@varscope/checkpoint';
import type { Event as EventProto, Summary as SummaryProto } from '@varscope/checkpoint';
import { RuntimeError, ValueError } from '../errors.js';
import type { Graph } from '../graph/graph.js';
import { exportGraphDef } from '../meta-graph/index.js';
import { binaryStringToBytes, frameRecord } from './tfrecord.js';

/** What `addSummary` accepts: a `Summary`, its bytes, or a fetched summary tensor (an `NDArray` of one string). */
export type SummaryInput = SummaryProto | Uint8Array | string | { readonly dtype: string; readonly data: ArrayLike<unknown> };

export interface FileWriterOptions {
  /** Appended to the file name. */
  readonly filenameSuffix?: string;
  /** @internal Wall time in seconds (tests). */
  readonly clock?: () => number;
}

function summaryBytes(s: SummaryInput): Uint8Array {
  if (s instanceof Uint8Array) return s;
  if (typeof s === 'string') return binaryStringToBytes(s);
  if ('dtype' in s && 'data' in s) {
    if (s.dtype !== 'string' || s.data.length !== 1) throw new ValueError(`A summary tensor is a scalar string, got ${s.dtype} with ${s.data.length} elements`);
    return binaryStringToBytes(s.data[0] as string);
  }
  return Summary.encode(s as SummaryProto);
}

/**
 * TensorFlow's `tf.summary.FileWriter`: an event file `events.out.tfevents.<time>.<host>` in
 * `logdir` (TFRecord framing, masked CRC32C, `Event` protos): first the file version, then the
 * graph when one is given, then summaries. Events are buffered until `flush()` or `close()`.
 */
export class FileWriter {
  readonly logdir: string;
  readonly #clock: () => number;
  readonly #file: Promise<string>;
  #pending: Uint8Array[] = [];
  #closed = false;

  constructor(logdir: string, graph?: Graph | null, options: FileWriterOptions = {}) {
    if (typeof logdir !== 'string' || logdir === '') throw new ValueError('FileWriter needs a log directory');
    this.logdir = logdir;
    this.#clock = options.clock ?? (() => Date.now() / 1000);
    const now = this.#clock();
    const name = `events.out.tfevents.${Math.floor(now)}.${hostname()}${options.filenameSuffix ?? ''}`;
    const path = join(logdir, name);
    this.#file = mkdir(logdir, { recursive: true }).then(async () => {
      await writeFile(path, new Uint8Array(), { flag: 'a' });
      return path;
    });
    this.#file.catch(() => undefined);
    this.addEvent({ wallTime: now, fileVersion: 'brain.Event:2' });
    if (graph !== undefined && graph !== null) this.addGraph(graph);
  }

  /** The event file's path, once it exists. */
  get path(): Promise<string> {
    return this.#file;
  }

  addEvent(event: EventProto): void {
    if (this.#closed) throw new RuntimeError('This FileWriter is closed.');
    this.#pending.push(frameRecord(Event.encode({ wallTime: this.#clock(), ...event })));
  }

  /** The graph as a `graph_def` event (what TensorBoard's Graphs tab shows). */
  addGraph(graph: Graph, globalStep?: number): void {
    this.addEvent({ graphDef: GraphDef.encode(exportGraphDef(graph)), ...(globalStep !== undefined ? { step: BigInt(globalStep) } : {}) });
  }

  /** A summary at `globalStep` (the x axis of TensorBoard's curves). */
  addSummary(summary: SummaryInput, globalStep?: number): void {
    const decoded = Summary.decode(summaryBytes(summary));
    this.addEvent({ summary: decoded, ...(globalStep !== undefined ? { step: BigInt(Math.trunc(globalStep)) } : {}) });
  }

  /** Appends the buffered events to the file. */
  async flush(): Promise<void> {
    const path = await this.#file;
    if (this.#pending.length === 0) return;
    const chunk = Buffer.concat(this.#pending);
    this.#pending = [];
    await appendFile(path, chunk);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.flush();
    this.#closed = true;
  }
}
