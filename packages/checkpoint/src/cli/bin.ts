#!/usr/bin/env node
import { SingleBar, Presets } from 'cli-progress';
import { NO_PROGRESS, type CliIo } from './io.js';
import { runCli } from './program.js';

const io: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  progress(label, total) {
    // Bars only for a person watching; pipes and CI logs get the result alone.
    if (!process.stderr.isTTY || total === 0) return NO_PROGRESS;
    const bar = new SingleBar({
      format: `${label} [{bar}] {percentage}% | {value}/{total} | {detail}`,
      stream: process.stderr,
      clearOnComplete: true,
      hideCursor: true,
    }, Presets.shades_classic);
    bar.start(total, 0, { detail: '' });
    return {
      update: (done, detail) => bar.update(done, { detail: detail ?? '' }),
      stop: () => bar.stop(),
    };
  },
};

process.exitCode = await runCli(process.argv.slice(2), io);
