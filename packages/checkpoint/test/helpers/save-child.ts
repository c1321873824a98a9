/**
 * A child process for the crash tests: saves step N of a small training run
 * into DIR (the checkpoint, then the state file), and SIGKILLs itself when
 * the save reaches STAGE. With STAGE = "loop" it saves steps N, N+1, … until
 * killed from outside.
 *   node --import tsx save-child.ts DIR N STAGE
 */
import { saveStep } from './crash-model.js';

const [dir, stepText, stage] = process.argv.slice(2) as [string, string, string];

const die = (at: string): void => {
  if (at === stage) process.kill(process.pid, 'SIGKILL');
};

process.stdout.write('started\n');
let step = Number(stepText);
do {
  await saveStep(dir, step++, die);
} while (stage === 'loop');
