import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { analyzeInTransaction } from '../../src/storage/statistics.ts';
import { buildOrganization } from '../helpers/builders.ts';
import { createTestContext } from '../helpers/db.ts';
import { csv, runImportText } from '../helpers/imports.ts';

const ctx = await createTestContext();

async function lastAnalyzed(): Promise<Record<string, Date | null>> {
  const { rows } = await ctx.system.pool.query<{ relname: string; at: Date | null }>(
    `select relname, greatest(last_analyze, last_autoanalyze) as at from pg_stat_user_tables
      where relname in ('customers', 'contacts') order by relname`,
  );
  return Object.fromEntries(rows.map((r) => [r.relname, r.at]));
}

describe('planner statistics after a bulk import', () => {
  it('are refreshed by the owner once a large import is applied (the application role may not analyze)', async () => {
    const actor = await buildOrganization(ctx);
    const started = new Date();
    const lines = Array.from({ length: 10_000 }, (_, i) => [`Client ${i}`, `EXT-${i}`]);
    const summary = await runImportText(ctx, actor, 'customers', csv([['Name', 'External ID'], ...lines]));
    expect(summary.status).toBe('success');
    await ctx.system.pool.query('select pg_stat_clear_snapshot()');
    const after = await lastAnalyzed();
    expect(after.customers?.getTime()).toBeGreaterThanOrEqual(started.getTime());
    expect(after.contacts?.getTime()).toBeGreaterThanOrEqual(started.getTime());
  });
});

/** What the planner expects `select … from customers where organization_id = $1` to return, as seen by `client`. */
async function estimatedCustomers(client: { query: typeof ctx.pool.query }, organizationId: string) {
  const { rows } = await client.query(
    `explain (format json) select id from customers where organization_id = '${organizationId}'`,
  );
  return (rows[0]['QUERY PLAN'] as { Plan: { 'Plan Rows': number } }[])[0]!.Plan['Plan Rows'];
}

async function insertCustomersIn(
  client: { query: typeof ctx.pool.query },
  organizationId: string,
  n: number,
) {
  await client.query(
    `insert into customers (organization_id, name, name_key, source)
     select $1, 'Client ' || i, 'client ' || i, 'import' from generate_series(1, $2::int) i`,
    [organizationId, n],
  );
}

describe('planner statistics during a large import', () => {
  it('count the rows the import has written but not committed, once refreshed in its transaction', async () => {
    const actor = await buildOrganization(ctx);
    const client = await ctx.tenants.of(actor.organizationId).pool.connect();
    try {
      await client.query('begin');
      await insertCustomersIn(client, actor.organizationId, 3_000);
      expect(await analyzeInTransaction(client, ['customers'])).toBe(true);
      // Its smaller sample and its lock wait are for itself only: the connection's settings are as they were.
      const { rows: setting } = await client.query('show default_statistics_target');
      expect(setting[0].default_statistics_target).toBe('100');
      const { rows: wait } = await client.query('show lock_timeout');
      expect(wait[0].lock_timeout).toBe('0');
      // Sampled: close to the 3,000 rows, where a table analyzed without them says about one.
      const estimate = await estimatedCustomers(client, actor.organizationId);
      expect(estimate).toBeGreaterThan(1_500);
      expect(estimate).toBeLessThan(6_000);
      await client.query('rollback');
    } finally {
      client.release();
    }
  });

  it('wait a moment for the lock: one released meanwhile (an autovacuum cancelled) is taken', async () => {
    await whileAnotherAnalyzes(async ({ organizationId, client, other }) => {
      await insertCustomersIn(client, organizationId, 500);
      const released = sleep(500).then(() => other.query('commit'));
      expect(await analyzeInTransaction(client, ['customers'])).toBe(true);
      await released;
      expect(await estimatedCustomers(client, organizationId)).toBeGreaterThan(100);
      await client.query('rollback');
    });
  });

  it('are left as they are when another transaction keeps analyzing: a short wait, and the import goes on', async () => {
    await whileAnotherAnalyzes(async ({ organizationId, client }) => {
      await insertCustomersIn(client, organizationId, 100);
      const started = performance.now();
      expect(await analyzeInTransaction(client, ['customers'])).toBe(false);
      expect(performance.now() - started).toBeLessThan(5_000);
      // A retry does not wait at all.
      const retried = performance.now();
      expect(await analyzeInTransaction(client, ['customers'], { wait: false })).toBe(false);
      expect(performance.now() - retried).toBeLessThan(500);
      await client.query(
        `insert into customers (organization_id, name, name_key, source) values ($1, 'Later', 'later', 'import')`,
        [organizationId],
      );
      await client.query('commit');
      const { rows } = await ctx.system.pool.query(
        'select count(*)::int as n from customers where organization_id = $1',
        [organizationId],
      );
      expect(rows[0].n).toBe(101);
    });
  });
});

/**
 * Runs `work` with a transaction of a new organization open on `client`, while `other` holds the customers'
 * ANALYZE lock in a transaction of its own (rolled back at the end if `work` did not end it).
 */
async function whileAnotherAnalyzes(
  work: (held: { organizationId: string; client: pg.PoolClient; other: pg.PoolClient }) => Promise<void>,
): Promise<void> {
  const actor = await buildOrganization(ctx);
  const other = await ctx.system.pool.connect();
  const client = await ctx.tenants.of(actor.organizationId).pool.connect();
  try {
    await other.query('begin');
    await other.query('lock table customers in share update exclusive mode');
    await client.query('begin');
    await work({ organizationId: actor.organizationId, client, other });
  } finally {
    await other.query('rollback').catch(() => undefined);
    await client.query('rollback').catch(() => undefined);
    other.release();
    client.release();
  }
}

describe('statistics after an import, while another transaction analyzes', () => {
  it('are left to it: the import ends without waiting for its lock', { timeout: 120_000 }, async () => {
    const actor = await buildOrganization(ctx);
    const other = await ctx.system.pool.connect();
    try {
      // Held until the import has ended. An import waiting for it would never end: after a minute the lock is
      // released (so that nothing hangs) and the test fails.
      await other.query('begin');
      await other.query('lock table customers, contacts in share update exclusive mode');
      const lines = Array.from({ length: 10_000 }, (_, i) => [`Locked ${i}`, `LCK-${i}`]);
      const running = runImportText(ctx, actor, 'customers', csv([['Name', 'External ID'], ...lines]));
      const timer = new AbortController();
      const ended = await Promise.race([
        running.then(() => true),
        sleep(60_000, false, { signal: timer.signal }).catch(() => false),
      ]);
      timer.abort();
      await other.query('rollback');
      expect(ended).toBe(true);
      const summary = await running;
      expect(summary.status).toBe('success');
      expect(summary.records.customers).toEqual({ created: 10_000, updated: 0 });
    } finally {
      await other.query('rollback').catch(() => undefined);
      other.release();
    }
  });
});
