/**
 * Where a command runs, for the heap it needs. V8 sizes a heap and chooses how to collect it when the heap is made,
 * never after (set at run time, its flags changed nothing or crashed the process: docs/performance.md), so a command
 * that needs another heap runs again, in a worker thread or in a child process started with the flags.
 *
 * A preview (`import … --dry-run`) is bound by this process's own work, of which young-generation collections took
 * about a quarter (3.4 of 14.5 s in a million-line preview's profile): it gets a worker thread whose heap has twice
 * V8's young generation (96 MB, of which 32 per semi-space, against 48). Alternated previews took 15.6 / 16.8 /
 * 14.7 s against 16.6 / 19.0 / 17.1 s on the main thread, at about 40 MiB more peak RSS.
 *
 * An apply (`import` without `--dry-run`) keeps both processors busy: this process on one, PostgreSQL's backend on
 * the other, and the collector's helper threads took from the backend's. Started with `--single-threaded-gc`, the
 * process collects on its own thread, which waits on the backend anyway: alternated million-line imports took 26.7
 * / 26.4 / 25.2 / 26.7 s against 27.8 / 27.0 / 27.5 / 26.8 s, with about 2 s less CPU here. A preview collecting
 * that way was slower (its own thread is the bound), and so would be the server's answers: only the apply has it.
 */
export const PREVIEW_YOUNG_GENERATION_MB = 96;

/** The V8 flags an apply's process is started with. */
export const APPLY_V8_FLAGS = ['--single-threaded-gc'];

function commandOf(argv) {
  return argv.find((a) => !a.startsWith('-'));
}

/** The resource limits of the thread to run `argv` (the arguments after the script) in, or null for this one. */
export function threadLimits(argv) {
  if (commandOf(argv) !== 'import' || !argv.includes('--dry-run')) return null;
  return { maxYoungGenerationSizeMb: PREVIEW_YOUNG_GENERATION_MB };
}

/**
 * The V8 flags the process running `argv` needs and was not started with (`execArgv`): when some are missing, the
 * command runs in a child process started with them. Empty for every command but an apply.
 */
export function missingStartFlags(argv, execArgv) {
  if (commandOf(argv) !== 'import' || argv.includes('--dry-run')) return [];
  return APPLY_V8_FLAGS.filter((flag) => !execArgv.includes(flag));
}
