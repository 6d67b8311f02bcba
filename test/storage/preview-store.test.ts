import { describe, expect, it } from 'vitest';
import { StatisticsSchedule } from '../../src/services/imports/statistics-schedule.ts';
import { BATCH_CUSTOMERS_TABLE } from '../../src/storage/import-batch.ts';
import { previewStore } from '../../src/storage/import-preview-store.ts';
import { ANALYZE_AFTER_LINES } from '../../src/storage/statistics.ts';
import { buildCustomer, buildOrganization } from '../helpers/builders.ts';
import { createTestContext } from '../helpers/db.ts';

/**
 * A preview of an organization that holds no customer when it starts reads only the records it created itself
 * (import-preview-store.ts); one of an organization that holds some reads them too. A customer that appears in
 * the organization during a preview of an empty one is therefore not seen by it: what tells the two reads apart.
 */

const ctx = await createTestContext();

/** What a preview prepared in `organizationId` finds by `externalId` once a customer with it exists. */
async function foundAfterPrepare(organizationId: string, externalId: string): Promise<string[]> {
  const client = await ctx.tenants.of(organizationId).pool.connect();
  try {
    await client.query('begin');
    const store = previewStore();
    await store.prepare(client, organizationId);
    await client.query(BATCH_CUSTOMERS_TABLE);
    await client.query(
      `insert into customers (organization_id, name, name_key, external_id, source)
       values ($1, 'Arrived Meanwhile', 'arrived meanwhile', $2, 'manual')`,
      [organizationId, externalId],
    );
    const found = await store.loadCustomers(client, organizationId, {
      externalIds: [externalId, 'STORED-1'],
      nameKeys: [],
      invoiceNumbers: [],
    });
    return found.map((c) => c.name).sort();
  } finally {
    await client.query('rollback');
    client.release();
  }
}

describe("a preview's reads", () => {
  it('in an organization without customers, see only what the preview created', async () => {
    const actor = await buildOrganization(ctx);
    expect(await foundAfterPrepare(actor.organizationId, 'NEW-1')).toEqual([]);
  });

  it("in an organization with customers, see the organization's too", async () => {
    const actor = await buildOrganization(ctx);
    await buildCustomer(ctx, actor, { name: 'Stored One', externalId: 'STORED-1' });
    expect(await foundAfterPrepare(actor.organizationId, 'NEW-1')).toEqual([
      'Arrived Meanwhile',
      'Stored One',
    ]);
  });
});

describe("a preview's statistics", () => {
  it('are taken once, when its first lines are written', async () => {
    const actor = await buildOrganization(ctx);
    const client = await ctx.tenants.of(actor.organizationId).pool.connect();
    // What the planner knows of the preview's customers table: the rows its last analyze counted.
    const counted = async () => {
      const { rows } = await client.query<{ n: number }>(
        `select reltuples::int as n from pg_class where oid = 'pg_temp.preview_customers'::regclass`,
      );
      return rows[0]!.n;
    };
    const add = (from: number, to: number) =>
      client.query(
        `insert into preview_customers (id, name, name_key, created)
         select gen_random_uuid(), 'C' || g, 'c' || g, true from generate_series($1::int, $2::int) g`,
        [from, to],
      );
    try {
      await client.query('begin');
      const store = previewStore();
      await store.prepare(client, actor.organizationId);
      // As the engine schedules them: the first at 10,000 lines written, the next (for a table of the
      // organization) at 50,000.
      const schedule = new StatisticsSchedule({ once: store.statisticsOnce });
      const refreshIfDue = async (written: number) => {
        if (schedule.due(written) === 'no') return false;
        const refreshed = await store.refreshStatistics(client, 'customers', { wait: true });
        schedule.done(written, refreshed);
        return refreshed;
      };
      await add(1, 100);
      expect(await refreshIfDue(ANALYZE_AFTER_LINES)).toBe(true);
      expect(await counted()).toBe(100);
      await add(101, 5000);
      expect(schedule.due(ANALYZE_AFTER_LINES * StatisticsSchedule.GROWTH)).toBe('no');
      expect(await refreshIfDue(ANALYZE_AFTER_LINES * StatisticsSchedule.GROWTH ** 2)).toBe(false);
      expect(await counted()).toBe(100);
    } finally {
      await client.query('rollback');
      client.release();
    }
  });
});
