import { train } from '@varscope/core';
import type { Operation, Session, Tensor, Variable } from '@varscope/core';

// The parts of core's `train` namespace the scenarios need, as API.md specifies them. Core is
// adding savers and optimizers while this suite grows: a scenario whose API is not there yet
// is skipped with that reason, and runs as soon as core exports it.

/** `train.Saver` (API.md, "Training"). */
export interface SaverLike {
  save(session: Session, savePath: string, options?: { globalStep?: number; writeMetaGraph?: boolean }): Promise<string>;
  restore(session: Session, savePath: string): Promise<void>;
}
export type SaverConstructor = new (options?: { varList?: unknown; maxToKeep?: number | null }) => SaverLike;

/** `train.*Optimizer` (API.md, "Training"). */
export interface OptimizerLike {
  minimize(loss: Tensor, options?: { varList?: readonly Variable[]; name?: string }): Operation;
  getSlot(v: Variable, name: string): Variable | null;
}
export type GradientDescentConstructor = new (learningRate: number) => OptimizerLike;
export type MomentumConstructor = new (learningRate: number, momentum: number, options?: { useNesterov?: boolean }) => OptimizerLike;
export type AdamConstructor = new (options?: { learningRate?: number; beta1?: number; beta2?: number; epsilon?: number }) => OptimizerLike;

/** A member of core's `train` namespace by name, or undefined while core does not export it. */
export function trainMember<T>(name: string): T | undefined {
  const member = (train as Readonly<Record<string, unknown>>)[name];
  return typeof member === 'function' ? (member as T) : undefined;
}

/** The member, or a skip of the scenario saying core does not export it yet. */
export function requireTrainMember<T>(name: string, skip: (reason: string) => never): T {
  return trainMember<T>(name) ?? skip(`@varscope/core does not export train.${name} yet`);
}
