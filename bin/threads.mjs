/**
 * Which commands run in a thread of their own, and with what limits. A preview (`import … --dry-run`) is bound by
 * this process's own work, of which young-generation collections took about a quarter (3.4 of 14.5 s in a
 * million-line preview's profile). V8 sizes the young generation when a heap is made, never after, so the preview
 * gets a worker thread whose heap has twice V8's (96 MB, of which 32 per semi-space, against 48): alternated
 * previews took 15.6 / 16.8 / 14.7 s against 16.6 / 19.0 / 17.1 s on the main thread, at about 40 MiB more peak
 * RSS (docs/performance.md). An apply is bound by PostgreSQL's backend, where the larger young generation made no
 * difference: it stays on the main thread, with the smaller footprint.
 */
export const PREVIEW_YOUNG_GENERATION_MB = 96;

/**
 * How far a preview's heap grows past what is alive before a full collection (HEAP_GROWTH_PERCENT, which says so for
 * every command; its default, 100, holds an apply's memory). A preview's batches in flight outlive two young
 * collections often enough that about half a gigabyte is promoted per million lines, and at twice what is alive
 * (about 25 MB) the old generation was collected whole 27 to 60 times, its marking on the processors PostgreSQL
 * needs. At 150, 19 times against 55 in two traced previews, and alternated previews took 12.8 / 13.0 / 17.9 /
 * 13.7 s against 16.4 / 17.0 / 12.9 / 19.3 s, for about 25 MiB more peak RSS (docs/performance.md). An operator's
 * HEAP_GROWTH_PERCENT still wins.
 */
export const PREVIEW_HEAP_GROWTH_PERCENT = 150;

/**
 * V8 flags for a process running a preview. V8 watches where objects are made (allocation sites) and, when nearly
 * all of one site's objects outlive a young-generation collection, makes that site's objects in the old
 * generation from then on. A preview's batches in flight are held just long enough for that to happen at some
 * collections and not others: when it did, every young object such an old one still pointed to was kept and
 * promoted (about 630 MB per million lines, against about 60 MB when it did not), with 44 to 48 full collections
 * against 18 to 23. Traced, it happened in about two previews of three. Without the heuristic, eight previews of
 * eight promoted 54 to 66 MB; alternated with the default, 11.98 / 13.87 / 11.65 / 11.40 s against 15.60 / 14.06 /
 * 12.98 / 13.68 s (docs/performance.md). An apply, on the main thread and waiting on PostgreSQL, promotes about as
 * much either way (more without): it keeps V8's default. The flags are the process's, set before the thread starts.
 */
export const PREVIEW_V8_FLAGS = ['--no-allocation-site-pretenuring'];

/** The resource limits of the thread to run `argv` (the arguments after the script) in, or null for this one. */
export function threadLimits(argv) {
  const command = argv.find((a) => !a.startsWith('-'));
  if (command !== 'import' || !argv.includes('--dry-run')) return null;
  return { maxYoungGenerationSizeMb: PREVIEW_YOUNG_GENERATION_MB };
}

/** The environment of the thread a preview runs in (see threadLimits): `env` with the preview's heap growth. */
export function threadEnv(env) {
  return {
    ...env,
    HEAP_GROWTH_PERCENT: env.HEAP_GROWTH_PERCENT?.trim() || String(PREVIEW_HEAP_GROWTH_PERCENT),
  };
}
