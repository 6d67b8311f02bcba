import type { ResourceLimits } from 'node:worker_threads';

/** The young generation, in MB, of the thread a preview runs in. */
export const PREVIEW_YOUNG_GENERATION_MB: number;
/** The V8 flags an apply's process is started with. */
export const APPLY_V8_FLAGS: readonly string[];
/** The resource limits of the thread to run `argv` (the arguments after the script) in, or null for this one. */
export function threadLimits(argv: readonly string[]): ResourceLimits | null;
/** The V8 flags the process running `argv` needs and was not started with (`execArgv`). */
export function missingStartFlags(argv: readonly string[], execArgv: readonly string[]): string[];
