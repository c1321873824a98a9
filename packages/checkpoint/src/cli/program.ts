import { Command, CommanderError, InvalidArgumentError as CommanderInvalidArgument } from 'commander';
import { CheckpointError } from '../errors/checkpoint-error.js';
import { diff } from './commands/diff.js';
import { inspect, type InspectOptions } from './commands/inspect.js';
import { verify } from './commands/verify.js';
import type { CliIo } from './io.js';

/** Exit statuses: 0 success; 1 verify failed or checkpoints differ; 2 usage error or unreadable input. */
export const EXIT_FAILURE = 1;
export const EXIT_ERROR = 2;

function parseTolerance(value: string): number {
  const v = Number(value);
  if (!Number.isFinite(v) || v < 0) throw new CommanderInvalidArgument('must be a non-negative number');
  return v;
}

/**
 * Runs `varscope-ckpt` with `argv` (without the node and script entries) and
 * returns the exit status. Checkpoint errors are printed, not thrown, as
 * TensorFlow's inspect tool does.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let status = 0;
  const program = new Command('varscope-ckpt')
    .description('Inspect, verify and compare TensorFlow checkpoints (V2 bundles and V1 files).')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showHelpAfterError();

  program.command('inspect')
    .description('list tensors (name, dtype, shape) like print_tensors_in_checkpoint_file, or print values')
    .argument('<prefix>', 'checkpoint prefix, or its .index/.data-*/.meta file')
    .option('-t, --tensor <name>', "print this tensor's values")
    .option('-a, --all', 'print every tensor with its values')
    .option('-n, --names', 'print tensor names only')
    .option('--object-graph', 'print the TF2 object graph (_CHECKPOINTABLE_OBJECT_GRAPH)')
    .option('--json', 'print JSON (with --tensor/--all: values too)')
    .action(async (prefix: string, options: InspectOptions) => {
      status = await inspect(prefix, options, io);
    });

  program.command('verify')
    .description('read every tensor and check every checksum; exit status 0 only if all match')
    .argument('<prefix>', 'checkpoint prefix, or its .index/.data-*/.meta file')
    .action(async (prefix: string) => {
      status = await verify(prefix, io);
    });

  program.command('diff')
    .description('compare two checkpoints: added, removed and changed tensors with the max abs difference; exit 1 if they differ')
    .argument('<a>', 'first checkpoint')
    .argument('<b>', 'second checkpoint')
    .option('--tolerance <x>', 'treat absolute differences up to x as equal', parseTolerance)
    .option('--json', 'print JSON')
    .action(async (a: string, b: string, options: { json?: boolean; tolerance?: number }) => {
      status = await diff(a, b, options, io);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return status;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? 0 : EXIT_ERROR;
    }
    if (e instanceof CheckpointError) {
      const hint = e.code === 'DATA_LOSS' && /\.(index|meta|data-\d{5}-of-\d{5})$/.test(argv[argv.length - 1] ?? '')
        ? '\nIt is likely that this is a V2 checkpoint and you need to provide the filename *prefix*.' : '';
      io.err(`${e.name}: ${e.message}${hint}\n`);
      return argv[0] === 'verify' && e.code === 'DATA_LOSS' ? EXIT_FAILURE : EXIT_ERROR;
    }
    throw e;
  }
}
