import type { ResourceLimits } from 'node:worker_threads';

/** The young generation, in MB, of the thread a preview runs in. */
export const PREVIEW_YOUNG_GENERATION_MB: number;
/** How far a preview's heap grows past what is alive before a full collection, unless HEAP_GROWTH_PERCENT is set. */
export const PREVIEW_HEAP_GROWTH_PERCENT: number;
/** V8 flags for a process running a preview, set before its thread starts. */
export const PREVIEW_V8_FLAGS: readonly string[];
/** The resource limits of the thread to run `argv` (the arguments after the script) in, or null for this one. */
export function threadLimits(argv: readonly string[]): ResourceLimits | null;
/** The environment of the thread a preview runs in: `env` with the preview's heap growth. */
export function threadEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
