import { createHash } from 'node:crypto';
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
 *
 * The writes `work` sends with parameters are prepared: parsed and planned once per connection, then only bound
 * and run (see `prepared`).
 */
export async function pipelined<T>(client: pg.PoolClient, work: (db: Queryable) => Promise<T>): Promise<T> {
  const mode = client as unknown as { pipeline: boolean };
  const was = mode.pipeline;
  mode.pipeline = true;
  const query = client.query.bind(client) as (config: pg.QueryConfig) => Promise<pg.QueryResult>;
  const db = {
    query: (text: string | pg.QueryConfig, values?: unknown[]) =>
      query(typeof text === 'string' ? prepared(text, values) : text),
  } as Queryable;
  try {
    return await work(db);
  } finally {
    // Answered after every statement sent before it (failing, like them, in an aborted transaction).
    await client.query('select 1').catch(() => undefined);
    mode.pipeline = was;
  }
}

/** Names of the statements prepared so far, by text (the same text has the same name on every connection). */
const names = new Map<string, string>();
/** A read (`select`, `with`): planned for its values each time (see `prepared`). */
const READ = /^\s*(select|with)\b/i;
/** Beyond this many texts, statements go unprepared: a text made with values in it would otherwise grow this. */
const MOST_PREPARED = 200;

/**
 * A write with parameters as a prepared statement, named after its text: PostgreSQL parses and plans it the first
 * time a connection runs it, and only binds and runs it after that. An import sends the same writes for each of
 * its batches, and their parsing and planning (`insert … select` of a dozen unnested array parameters, under
 * row-level security) was a few percent of its backend's time: alternated million-line imports took 29.8 / 31.5 s
 * against 32.3 / 35.5 s, then 32.3 / 31.7 s against 34.8 / 33.2 s (PostgreSQL's CPU 26.6 / 28.5 and 28.9 / 29.0 s
 * against 29.0 / 32.3 and 31.2 / 29.9 s; docs/performance.md). PostgreSQL plans again when what a statement
 * reads changes (a temporary table made again by the next transaction, statistics refreshed). Statements without
 * parameters (transaction control, DDL) are sent as they are.
 *
 * Reads are not prepared: after five runs PostgreSQL may keep a generic plan, made without the values, and a
 * batch's lookups planned that way made an unchanged re-import's backend work 17 to 18 s instead of 8 to 10.
 * Forcing custom plans instead (`plan_cache_mode`) made first imports take 46 to 50 s instead of 28 to 30. The
 * writes (inserts from arrays, updates joined on ids) have one good plan whatever the values.
 */
export function prepared(text: string, values: unknown[] | undefined): pg.QueryConfig {
  if (!values || values.length === 0) return { text };
  if (READ.test(text)) return { text, values };
  let name = names.get(text);
  if (name === undefined) {
    if (names.size >= MOST_PREPARED) return { text, values };
    name = `clientele_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return { name, text, values };
}
