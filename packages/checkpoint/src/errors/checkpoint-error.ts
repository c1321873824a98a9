/**
 * TensorFlow's status codes that checkpoint I/O can raise. They match the
 * `error_codes.proto` names so callers (and core's `OpError`) can map them.
 */
export type CheckpointErrorCode =
  | 'DATA_LOSS'
  | 'NOT_FOUND'
  | 'INVALID_ARGUMENT'
  | 'UNIMPLEMENTED'
  | 'FAILED_PRECONDITION'
  | 'ALREADY_EXISTS'
  | 'RESOURCE_EXHAUSTED';

/** Where an error happened: the file, and the tensor where one is involved. */
export interface CheckpointErrorContext {
  /** The file being read or written. */
  readonly file?: string;
  /** The tensor (checkpoint key) involved. */
  readonly tensor?: string;
  /** The underlying error (an I/O error, a protobuf decode error). */
  readonly cause?: unknown;
}

/** Base class for every error this package throws on bad input or a failed save. */
export class CheckpointError extends Error {
  override readonly name: string = 'CheckpointError';
  readonly code: CheckpointErrorCode;
  readonly file: string | undefined;
  readonly tensor: string | undefined;

  constructor(code: CheckpointErrorCode, message: string, context: CheckpointErrorContext = {}) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.code = code;
    this.file = context.file;
    this.tensor = context.tensor;
  }
}

/** Corrupt or truncated bytes: a checksum mismatch, a bad block, a size that does not fit. */
export class DataLossError extends CheckpointError {
  override readonly name = 'DataLossError';
  constructor(message: string, context: CheckpointErrorContext = {}) {
    super('DATA_LOSS', message, context);
  }
}

/** A checkpoint, file or key that does not exist. */
export class NotFoundError extends CheckpointError {
  override readonly name = 'NotFoundError';
  constructor(message: string, context: CheckpointErrorContext = {}) {
    super('NOT_FOUND', message, context);
  }
}

/** A caller error: bad dtype, shape/data mismatch, duplicate key, bad option. */
export class InvalidArgumentError extends CheckpointError {
  override readonly name = 'InvalidArgumentError';
  constructor(message: string, context: CheckpointErrorContext = {}) {
    super('INVALID_ARGUMENT', message, context);
  }
}

/** A valid file using a feature this package does not implement (Snappy blocks, big-endian variants). */
export class UnimplementedError extends CheckpointError {
  override readonly name = 'UnimplementedError';
  constructor(message: string, context: CheckpointErrorContext = {}) {
    super('UNIMPLEMENTED', message, context);
  }
}

/** Composes "… in file F (tensor T)" suffixes consistently. */
export function describeLocation(context: CheckpointErrorContext): string {
  const parts: string[] = [];
  if (context.tensor !== undefined) parts.push(`tensor '${context.tensor}'`);
  if (context.file !== undefined) parts.push(`file ${context.file}`);
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}
