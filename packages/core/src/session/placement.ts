import { DTYPES, kernelDType, primaryTypeAttr } from '@varscope/kernel-api';
import type { DType, KernelBackend, OpDef } from '@varscope/kernel-api';
import { InvalidArgumentError, UnimplementedError } from '../errors.js';
import { DeviceSpec } from '../graph/device-spec.js';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import type { HostKernel } from './host-kernels/host-kernel.js';
import type { HostKernelRegistry } from './host-kernels/host-kernel-registry.js';

/** The device types a session maps to backends. */
export type DeviceType = 'CPU' | 'GPU';

/** The backends of a session, by device type. */
export type DeviceBackends = Readonly<Partial<Record<DeviceType, KernelBackend>>>;

/** This process's devices, named the way TensorFlow names a local session's devices. */
export const localDeviceName = (type: string): string => `/job:localhost/replica:0/task:0/device:${type}:0`;

/** Where one op runs. */
export type Placement =
  | { readonly kind: 'host'; readonly kernel: HostKernel; readonly device: string }
  | { readonly kind: 'device'; readonly backend: KernelBackend; readonly deviceType: DeviceType; readonly device: string };

export interface PlacementOptions {
  readonly devices: DeviceBackends;
  readonly hostKernels: HostKernelRegistry;
  readonly allowSoftPlacement: boolean;
}

function supports(backend: KernelBackend, def: OpDef, dtype: DType | undefined, op: Operation): boolean {
  const dtypes = backend.capabilities.kernels[def.name];
  if (dtypes === undefined) return false;
  if (dtype !== undefined && !dtypes.includes(dtype)) return false;
  return backend.supportsKernel === undefined || backend.supportsKernel(def.name, op.attrs);
}

/** The `VariableV2` op whose buffer `t` refers to (through `Assign`-style aliased outputs), if any. */
export function variableOpOf(t: Tensor): Operation | undefined {
  let cur: Tensor | undefined = t;
  for (;;) {
    if (cur === undefined) return undefined;
    const producer: Operation = cur.op;
    if (producer.type === 'VariableV2') return producer;
    const alias: number | undefined = producer.def?.aliases?.[cur.valueIndex];
    if (alias === undefined) return undefined;
    cur = producer.inputs[alias];
  }
}

/** Ops that mutate a variable run where the variable lives: the variable op's device decides. */
function placementAnchor(op: Operation): Operation {
  const def = op.def;
  if (def === undefined) return op;
  // Ref arguments come first in every mutating op, before any list argument.
  for (let i = 0; i < def.inputs.length; i++) {
    const arg = def.inputs[i];
    if (arg === undefined || arg.numberAttr !== undefined || arg.typeListAttr !== undefined) break;
    const input = op.inputs[i];
    if (arg.isRef && input !== undefined) {
      const variable = variableOpOf(input);
      if (variable !== undefined) return variable;
    }
  }
  return op;
}

const touchesStrings = (op: Operation): boolean =>
  op.inputs.some((t) => t.dtype === 'string') || op.outputs.some((t) => t.dtype === 'string');

function registeredKernels(def: OpDef, devices: DeviceBackends): string {
  const attr = primaryTypeAttr(def) ?? 'T';
  const lines: string[] = [];
  for (const [type, backend] of Object.entries(devices) as [DeviceType, KernelBackend | undefined][]) {
    const dtypes = backend?.capabilities.kernels[def.name];
    if (dtypes === undefined) continue;
    lines.push(`  device='${type}'; ${attr} in [${dtypes.map((d) => DTYPES[d].enumName).join(', ')}]`);
  }
  return lines.length > 0 ? lines.join('\n') : '  <no registered kernels>';
}

function availableDevices(devices: DeviceBackends): string {
  return Object.keys(devices).map(localDeviceName).join(', ');
}

/**
 * Chooses where `op` runs: core's host executor (host-placed ops, strings), or the backend of
 * its device type. Job, replica and task are not used: an in-process session stands for the
 * whole cluster. Errors name the op, its type, dtype and device, in TensorFlow's words.
 */
export function placeOp(op: Operation, options: PlacementOptions): Placement {
  const def = op.def;
  const strings = touchesStrings(op);
  // An op kept opaque (no schema entry, or one the schema rejects) never runs, whatever its type.
  const hostKernel = def === undefined ? undefined : options.hostKernels.lookup(op.type, strings);
  if (def === undefined || def.placement === 'host' || strings) {
    if (hostKernel !== undefined) return { kind: 'host', kernel: hostKernel, device: localDeviceName('CPU') };
    const why = def === undefined
      ? `'${op.type}' is not an op varscope knows (it was imported opaque), so it has no kernel`
      : def.placement === 'host' ? `no host kernel for ${op.type} is registered with this session`
        : `no host kernel for ${op.type} on string tensors is available`;
    throw new UnimplementedError(`Cannot run operation ${op.name} (op: '${op.type}'): ${why}.\n\t [[{{node ${op.name}}}]]`, op.name);
  }

  const anchor = placementAnchor(op);
  const spec = DeviceSpec.fromString(anchor.device);
  const requestedType = spec.deviceType ?? 'CPU';
  const explicit = spec.deviceType !== null;
  const dtype = kernelDType(def, op.attrs);
  const { devices } = options;
  const requested = (requestedType === 'CPU' || requestedType === 'GPU') && (spec.deviceIndex ?? 0) === 0
    ? devices[requestedType] : undefined;
  if (requested !== undefined && supports(requested, def, dtype, op)) {
    return { kind: 'device', backend: requested, deviceType: requestedType as DeviceType, device: localDeviceName(requestedType) };
  }
  if (options.allowSoftPlacement) {
    // TensorFlow's soft placement: prefer a device of the requested type, then the CPU.
    for (const type of [requestedType, 'CPU'] as const) {
      const backend = type === 'CPU' || type === 'GPU' ? devices[type] : undefined;
      if (backend !== undefined && supports(backend, def, dtype, op)) {
        return { kind: 'device', backend, deviceType: type as DeviceType, device: localDeviceName(type) };
      }
    }
  }

  const dtypeText = dtype === undefined ? '' : `; ${primaryTypeAttr(def) ?? 'T'}=${DTYPES[dtype].enumName}`;
  const details = `\nOp: ${op.type}${dtypeText} (${dtype ?? 'no dtype'})\nRegistered devices: [${Object.keys(devices).join(', ')}]\nRegistered kernels:\n${registeredKernels(def, devices)}`;
  const suffix = `\n\t [[{{node ${op.name}}}]]`;
  if (explicit && requested === undefined) {
    throw new InvalidArgumentError(
      `Cannot assign a device for operation ${op.name}: Operation was explicitly assigned to ${anchor.device} but available devices are [ ${availableDevices(devices)} ]. Make sure the device specification refers to a valid device.${details}${suffix}`,
      op.name,
    );
  }
  if (explicit) {
    throw new InvalidArgumentError(
      `Cannot assign a device for operation ${op.name}: Could not satisfy explicit device specification '${anchor.device}' because no supported kernel for ${requestedType} devices is available.${details}${suffix}`,
      op.name,
    );
  }
  throw new InvalidArgumentError(
    `No OpKernel was registered to support Op '${op.type}' used by {{node ${op.name}}} with these attrs: [${dtype === undefined ? '' : `${primaryTypeAttr(def) ?? 'T'}=${DTYPES[dtype].enumName}`}] on device ${localDeviceName(requestedType)}${details}${suffix}`,
    op.name,
  );
}
