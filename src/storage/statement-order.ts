import type pg from 'pg';
import type { Queryable } from './tenant-pool.ts';

/**
 * A transaction's connection seen as a queue: each statement sent through it starts once the one sent before it has
 * ended, in the order they were sent, whatever happens between sending and running (a wrapper of the connection
 * that awaits before passing a statement on would otherwise let a later one overtake it).
 *
 * The import engine relies on it to overlap batches: it sends the next batch's reads while this batch's writes
 * are still running, and they must run after them.
 */
export function inSendingOrder(client: Queryable): Queryable {
  let last: Promise<unknown> = Promise.resolve();
  return {
    // biome-ignore lint/suspicious/noExplicitAny: the same default as pg's own query method
    query<R extends pg.QueryResultRow = any>(text: string, values?: unknown[]) {
      const run = last.then(() => client.query<R>(text, values));
      last = run.catch(() => undefined);
      return run;
    },
  };
}
