import { describe, expect, it } from 'vitest';
import { StatisticsSchedule } from '../../src/services/imports/statistics-schedule.ts';

/** Runs a schedule through an import writing `step` lines a batch, up to `total`; `locked` says when the lock is held. */
function run(total: number, step: number, locked: (written: number) => boolean, once = false) {
  const schedule = new StatisticsSchedule({ once });
  const attempts: [number, 'wait' | 'nowait', boolean][] = [];
  for (let written = step; written <= total; written += step) {
    const due = schedule.due(written);
    if (due === 'no') continue;
    const refreshed = !locked(written);
    attempts.push([written, due, refreshed]);
    schedule.done(written, refreshed);
  }
  return attempts;
}

describe('when an import refreshes its statistics', () => {
  it('at 10,000 lines written, then five times as many each time', () => {
    expect(run(1_000_000, 2_000, () => false)).toEqual([
      [10_000, 'wait', true],
      [50_000, 'wait', true],
      [250_000, 'wait', true],
    ]);
  });

  it('counts the lines written, whatever the batches: a batch past two steps refreshes once', () => {
    expect(run(300_000, 60_000, () => false)).toEqual([
      [60_000, 'wait', true],
      [300_000, 'wait', true],
    ]);
  });

  it("only once for tables holding nothing but the import's rows, tried again until it succeeds", () => {
    expect(run(1_000_000, 2_000, () => false, true)).toEqual([[10_000, 'wait', true]]);
    expect(run(1_000_000, 2_000, (written) => written < 60_000, true)).toEqual([
      [10_000, 'wait', false],
      [60_000, 'nowait', true],
    ]);
  });

  it('tries again 50,000 lines later without waiting while another import holds the lock, then goes on', () => {
    // Held from the start until 130,000 lines are written (another import committing then).
    expect(run(1_000_000, 2_000, (written) => written < 130_000)).toEqual([
      [10_000, 'wait', false],
      [60_000, 'nowait', false],
      [110_000, 'nowait', false],
      [160_000, 'nowait', true],
      [250_000, 'wait', true],
    ]);
  });
});
