import type pg from 'pg';
import type { Queryable } from './tenant-pool.ts';

/**
 * Runs `work` with the connection's statements pipelined: each is written to PostgreSQL as soon as it is sent,
 * without waiting for the answer to the one before (pg's pipeline mode).
 *
 * The import engine overlaps batches: it sends a batch's writes, the next batch's reads and the previous batch's
 * change log, then plans while PostgreSQL works. Without pipelining, each statement was written only once this
 * process had read the previous one's answer, which it could not do while it was busy planning: PostgreSQL sat
 * idle about a fifth of an import (about a tenth with it, measured with pg_stat_activity); 200,000-line imports
 * and previews take 8 to 12% less time (docs/performance.md).
 *
 * Statements still run one after the other, in the order they were sent (one connection, one queue), each
 * caller gets its own answer, and a failed statement fails the ones after it in the transaction. Statements
 * must be sent in the order they must run: a function that awaits anything before sending lets a later one
 * overtake it (test/storage/statement-order.test.ts checks the write functions send everything first).
 *
 * pg sets pipeline mode when a client is made; the pool's clients are made without it, so it is switched on for
 * `work` and off again once every statement sent has been answered, before the connection goes back to the
 * pool. Were a later pg to ignore the switch, statements would run in the same order, only not pipelined.
 */
export async function pipelined<T>(client: pg.PoolClient, work: (db: Queryable) => Promise<T>): Promise<T> {
  const mode = client as unknown as { pipeline: boolean };
  const was = mode.pipeline;
  mode.pipeline = true;
  try {
    return await work(client);
  } finally {
    // Answered after every statement sent before it (failing, like them, in an aborted transaction).
    await client.query('select 1').catch(() => undefined);
    mode.pipeline = was;
  }
}
