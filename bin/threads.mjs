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

/** The resource limits of the thread to run `argv` (the arguments after the script) in, or null for this one. */
export function threadLimits(argv) {
  const command = argv.find((a) => !a.startsWith('-'));
  if (command !== 'import' || !argv.includes('--dry-run')) return null;
  return { maxYoungGenerationSizeMb: PREVIEW_YOUNG_GENERATION_MB };
}
