import { ANALYZE_AFTER_LINES } from '../../storage/statistics.ts';

/**
 * When an import refreshes the statistics of the tables it fills, inside its transaction (see
 * analyzeInTransaction): once ANALYZE_AFTER_LINES of its lines wrote, then each time that number is GROWTH times
 * larger (10,000, 50,000, 250,000…), so that the planner's idea of the organization's size is never more than
 * five times off, at the cost of a few sampled reads of each table. Counted in lines that wrote: a re-import of
 * unchanged data changes no statistics.
 *
 * A refresh that could not take the lock (another import holds it until it commits) is tried again RETRY_LINES
 * later, without waiting this time, until one succeeds: skipped until the next step, an import into a new
 * organization would run for five times as many lines on statistics that do not know it, its reads walking the
 * organization's rows (docs/performance.md).
 *
 * `once`: only the first refresh, for tables that hold only the import's own rows (a preview's, see
 * ImportStore.statisticsOnce): none is due after it, so the engine does not stop its batches for it.
 */
export class StatisticsSchedule {
  static readonly GROWTH = 5;
  static readonly RETRY_LINES = ANALYZE_AFTER_LINES * 5;

  readonly #once: boolean;
  #next = ANALYZE_AFTER_LINES;
  #retrying = false;

  constructor(opts: { once?: boolean } = {}) {
    this.#once = opts.once ?? false;
  }

  /** Whether a refresh is due once `written` lines wrote, and if so whether it waits a moment for the lock. */
  due(written: number): 'no' | 'wait' | 'nowait' {
    if (written < this.#next) return 'no';
    return this.#retrying ? 'nowait' : 'wait';
  }

  /** Records how the refresh `due` asked for ended, after `written` lines. */
  done(written: number, refreshed: boolean): void {
    if (refreshed && this.#once) {
      this.#next = Number.POSITIVE_INFINITY;
      this.#retrying = false;
    } else if (refreshed) {
      let next = ANALYZE_AFTER_LINES;
      while (next <= written) next *= StatisticsSchedule.GROWTH;
      this.#next = next;
      this.#retrying = false;
    } else {
      this.#next = written + StatisticsSchedule.RETRY_LINES;
      this.#retrying = true;
    }
  }
}
