import { ValueError } from '../errors.js';

/**
 * A parsed device string (`/job:ps/replica:0/task:7/device:GPU:1`), TensorFlow's `DeviceSpec`.
 * Every field is optional; `null` means "not specified", and a device index of `null` with a
 * type prints as `*`.
 */
export class DeviceSpec {
  constructor(
    readonly job: string | null = null,
    readonly replica: number | null = null,
    readonly task: number | null = null,
    readonly deviceType: string | null = null,
    readonly deviceIndex: number | null = null,
  ) {}

  /** Parses TensorFlow's device string forms, including the legacy `/gpu:1` and `/cpu:0`. */
  static fromString(spec: string | null | undefined): DeviceSpec {
    if (spec === null || spec === undefined || spec === '') return new DeviceSpec();
    let job: string | null = null;
    let replica: number | null = null;
    let task: number | null = null;
    let deviceType: string | null = null;
    let deviceIndex: number | null = null;
    const setType = (t: string) => {
      if (deviceType !== null && deviceType !== t) {
        throw new ValueError(`Cannot specify multiple device types: ${spec}`);
      }
      deviceType = t;
    };
    const parseIndex = (s: string | undefined): number | null => {
      if (s === undefined || s === '*' || s === '') return null;
      if (!/^\d+$/.test(s)) throw new ValueError(`Unknown attribute: '${s}' in '${spec}'`);
      return Number(s);
    };
    for (const part of spec.split('/')) {
      if (part === '') continue;
      const y = part.split(':');
      const key = (y[0] ?? '').toLowerCase();
      if (y.length === 2 && key === 'job') job = y[1] ?? null;
      else if (y.length === 2 && key === 'replica') replica = parseIndex(y[1]);
      else if (y.length === 2 && key === 'task') task = parseIndex(y[1]);
      else if ((y.length === 1 || y.length === 2) && (key === 'cpu' || key === 'gpu')) {
        setType(key.toUpperCase());
        deviceIndex = parseIndex(y[1]);
      } else if (y.length === 3 && key === 'device') {
        setType((y[1] ?? '').toUpperCase() === 'CPU' || (y[1] ?? '').toUpperCase() === 'GPU'
          ? (y[1] ?? '').toUpperCase() : (y[1] ?? ''));
        deviceIndex = parseIndex(y[2]);
      } else if (y.length === 2 && key !== 'job' && key !== 'replica' && key !== 'task' && y[0] !== undefined && /^[A-Z_]+$/.test(y[0])) {
        // `XLA_CPU:0`-style bare device types.
        setType(y[0]);
        deviceIndex = parseIndex(y[1]);
      } else {
        throw new ValueError(`Unknown attribute: '${part}' in '${spec}'`);
      }
    }
    return new DeviceSpec(job, replica, task, deviceType, deviceIndex);
  }

  /** `this` with every field that `other` specifies replaced by `other`'s (TensorFlow's merge_from). */
  mergeFrom(other: DeviceSpec): DeviceSpec {
    return new DeviceSpec(
      other.job ?? this.job,
      other.replica ?? this.replica,
      other.task ?? this.task,
      other.deviceType ?? this.deviceType,
      other.deviceIndex ?? this.deviceIndex,
    );
  }

  isEmpty(): boolean {
    return this.job === null && this.replica === null && this.task === null
      && this.deviceType === null && this.deviceIndex === null;
  }

  /** The canonical string: `/job:J/replica:R/task:T/device:TYPE:I`, unspecified parts omitted. */
  toString(): string {
    let s = '';
    if (this.job !== null) s += `/job:${this.job}`;
    if (this.replica !== null) s += `/replica:${this.replica}`;
    if (this.task !== null) s += `/task:${this.task}`;
    if (this.deviceType !== null) s += `/device:${this.deviceType}:${this.deviceIndex ?? '*'}`;
    return s;
  }
}

/** The canonical form of a device string (`/gpu:1` → `/device:GPU:1`). */
export function canonicalDevice(spec: string | DeviceSpec | null | undefined): string {
  return (spec instanceof DeviceSpec ? spec : DeviceSpec.fromString(spec)).toString();
}

/** Merges `inner` over `outer`, field by field; `inner` wins where both specify a field. */
export function mergeDevices(outer: string, inner: string): string {
  return DeviceSpec.fromString(outer).mergeFrom(DeviceSpec.fromString(inner)).toString();
}
