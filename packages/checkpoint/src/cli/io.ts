/** Where the CLI writes, so tests can capture it and the binary can use the process streams. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** A progress bar on stderr when it is a terminal, nothing otherwise. */
  progress(label: string, total: number): ProgressReporter;
}

export interface ProgressReporter {
  update(done: number, detail?: string): void;
  stop(): void;
}

export const NO_PROGRESS: ProgressReporter = { update: () => undefined, stop: () => undefined };
