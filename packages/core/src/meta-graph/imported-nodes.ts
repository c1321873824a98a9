import type { AttrValue as AttrProto, OpDef as OpDefProto } from '@varscope/checkpoint';
import type { Operation } from '../graph/operation.js';

/**
 * What import keeps of a NodeDef beyond the op itself, so that export writes it back: every
 * attr as it was in the file (attrs our schema does not declare, and all attrs of ops we
 * cannot run) and, for such opaque ops, their OpDef from the meta graph's op list.
 */
export interface ImportedNode {
  readonly attrs: Readonly<Record<string, AttrProto>>;
  readonly opDef?: OpDefProto;
  /** Why the op is opaque (not run by varscope), when it is. */
  readonly opaqueReason?: string;
}

const imported = new WeakMap<Operation, ImportedNode>();

export function recordImportedNode(op: Operation, node: ImportedNode): void {
  imported.set(op, node);
}

export function importedNode(op: Operation): ImportedNode | undefined {
  return imported.get(op);
}
