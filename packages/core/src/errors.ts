/**
 * The errors varscope raises. Graph-construction mistakes are `ValueError` (TensorFlow's
 * Python ValueError) or the built-in `TypeError`; failures while running a graph are
 * `OpError`s with TensorFlow's error codes. Messages keep TensorFlow's key words so that
 * what users search for still matches.
 */

/** A bad argument detected while building a graph (TensorFlow's Python `ValueError`). */
export class ValueError extends Error {
  override readonly name: string = 'ValueError';
}

/** A name that does not resolve (TensorFlow's Python `KeyError` from graph lookups). */
export class KeyError extends Error {
  override readonly name: string = 'KeyError';
}

/** Misuse of a stateful API in the wrong order (TensorFlow's Python `RuntimeError`). */
export class RuntimeError extends Error {
  override readonly name: string = 'RuntimeError';
}

/** TensorFlow's error codes (error_codes.proto). */
export type ErrorCode =
  | 'CANCELLED' | 'UNKNOWN' | 'INVALID_ARGUMENT' | 'DEADLINE_EXCEEDED' | 'NOT_FOUND'
  | 'ALREADY_EXISTS' | 'PERMISSION_DENIED' | 'RESOURCE_EXHAUSTED' | 'FAILED_PRECONDITION'
  | 'ABORTED' | 'OUT_OF_RANGE' | 'UNIMPLEMENTED' | 'INTERNAL' | 'UNAVAILABLE' | 'DATA_LOSS';

/** A failure while running a graph; `nodeName` is the op that failed, when one did. */
export class OpError extends Error {
  override readonly name: string = 'OpError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly nodeName?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const opError = (code: ErrorCode, name: string) =>
  class extends OpError {
    override readonly name: string = name;
    constructor(message: string, nodeName?: string, options?: { cause?: unknown }) {
      super(code, message, nodeName, options);
    }
  };

export class InvalidArgumentError extends opError('INVALID_ARGUMENT', 'InvalidArgumentError') {}
export class NotFoundError extends opError('NOT_FOUND', 'NotFoundError') {}
export class AlreadyExistsError extends opError('ALREADY_EXISTS', 'AlreadyExistsError') {}
export class FailedPreconditionError extends opError('FAILED_PRECONDITION', 'FailedPreconditionError') {}
export class OutOfRangeError extends opError('OUT_OF_RANGE', 'OutOfRangeError') {}
export class UnimplementedError extends opError('UNIMPLEMENTED', 'UnimplementedError') {}
export class InternalError extends opError('INTERNAL', 'InternalError') {}
export class DataLossError extends opError('DATA_LOSS', 'DataLossError') {}
export class ResourceExhaustedError extends opError('RESOURCE_EXHAUSTED', 'ResourceExhaustedError') {}
export class UnavailableError extends opError('UNAVAILABLE', 'UnavailableError') {}
