import type { ResourceLimits } from 'node:worker_threads';

/** The young generation, in MB, of the thread a preview runs in. */
export const PREVIEW_YOUNG_GENERATION_MB: number;
/** The resource limits of the thread to run `argv` (the arguments after the script) in, or null for this one. */
export function threadLimits(argv: readonly string[]): ResourceLimits | null;
