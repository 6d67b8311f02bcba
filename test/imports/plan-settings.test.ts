import { describe, expect, it } from 'vitest';
import { listCustomers } from '../../src/storage/customers.ts';
import { BATCH_CUSTOMERS_TABLE, loadCustomers } from '../../src/storage/import-batch.ts';
import { planForKeyLookups } from '../../src/storage/statistics.ts';
import type { Queryable } from '../../src/storage/tenant-pool.ts';
import { buildOrganization } from '../helpers/builders.ts';
import { createTestContext } from '../helpers/db.ts';

// A database of its own: the organization below holds every customer of it, as the first one of an installation.
const ctx = await createTestContext();

/** The scans of the plan PostgreSQL chooses for a batch's read of customers, through `client`. */
async function scansOfBatchRead(client: Queryable, organizationId: string, keys: number): Promise<string[]> {
  const plans: unknown[] = [];
  const explaining: Queryable = {
    query: async (text: string, values?: unknown[]) => {
      // The emptying of the batch's ids before the read has no plan to show.
      if (text.startsWith('truncate ')) return client.query(text, values);
      const result = await client.query(`explain (format json) ${text}`, values);
      plans.push(result.rows[0]['QUERY PLAN']);
      return { ...result, rows: [] };
    },
  };
  const ids = Array.from({ length: keys }, (_, i) => `EXT-${i * 7}`);
  const names = Array.from({ length: keys }, (_, i) => `client ${i * 11}`);
  await loadCustomers(explaining, organizationId, { externalIds: ids, nameKeys: names, invoiceNumbers: [] });
  const scans: string[] = [];
  const walk = (node: { 'Node Type': string; 'Relation Name'?: string; Plans?: unknown[] }) => {
    // The table of the batch's customer ids is read whole (a few thousand rows at most): the tables are named.
    if (node['Node Type'].endsWith('Scan')) {
      scans.push(
        node['Relation Name'] ? `${node['Node Type']} on ${node['Relation Name']}` : node['Node Type'],
      );
    }
    for (const child of node.Plans ?? []) walk(child as typeof node);
  };
  walk((plans[0] as { Plan: { 'Node Type': string } }[])[0]!.Plan);
  return scans;
}

/** A new organization holding `count` customers "Client i" (key "client i", external ID "EXT-i"). */
async function organizationWithClients(count: number) {
  const actor = await buildOrganization(ctx);
  await ctx.system.pool.query(
    `insert into customers (organization_id, name, name_key, external_id, source)
     select $1, 'Client ' || i, 'client ' || i, 'EXT-' || i, 'import' from generate_series(1, $2::int) i`,
    [actor.organizationId, count],
  );
  return actor;
}

describe("an import's statements", () => {
  it('look a batch up by its keys even in an organization holding the whole table', async () => {
    const actor = await organizationWithClients(60000);
    await ctx.system.pool.query('analyze customers');
    const client = await ctx.tenants.of(actor.organizationId).pool.connect();
    try {
      await client.query('begin');
      await client.query(BATCH_CUSTOMERS_TABLE);
      // PostgreSQL's defaults read the whole table for a batch's 2,000 keys.
      expect(await scansOfBatchRead(client, actor.organizationId, 1000)).toContain('Seq Scan on customers');
      await planForKeyLookups(client);
      const scans = await scansOfBatchRead(client, actor.organizationId, 1000);
      expect(scans).not.toContain('Seq Scan on customers');
      expect(scans).not.toContain('Seq Scan on invoices');
      expect(scans).toContain('Bitmap Index Scan');
      await client.query('commit');
      // For the transaction only: the connection goes back to the pool as it was.
      const { rows } = await client.query('show random_page_cost');
      expect(rows[0].random_page_cost).toBe('4');
    } finally {
      client.release();
    }
  });

  it("keep the customer search's trigram index out of a batch read's planning", async () => {
    // The index is on an expression (migration 0020): a comparison of the name_key column, as a batch's read makes
    // for thousands of keys, cannot use it, so the planner never estimates it (estimating it extracted the
    // trigrams of every key). The search compares that expression and still finds names by any fragment.
    const { rows: defs } = await ctx.system.pool.query<{ def: string }>(
      `select pg_get_indexdef(indexrelid) as def from pg_index
        where indrelid = 'customers'::regclass and pg_get_indexdef(indexrelid) like '%gin_trgm_ops%'`,
    );
    expect(defs.map((d) => d.def)).toEqual([expect.stringContaining('gin (lower(name_key) gin_trgm_ops)')]);
    const actor = await buildOrganization(ctx);
    await ctx.system.pool.query(
      `insert into customers (organization_id, name, name_key, source)
       select $1, 'Société ' || i, 'societe ' || i, 'import' from generate_series(1, 60000) i`,
      [actor.organizationId],
    );
    await ctx.system.pool.query('analyze customers');
    const db = ctx.tenants.of(actor.organizationId).db;
    const found = await listCustomers(db, actor.organizationId, {
      search: 'Ciété 4321',
      searchKey: 'ciete 4321',
      sort: 'name',
      order: 'asc',
      limit: 50,
    });
    // "ciete 4321" inside the key: 4321 and 43210 to 43219, not 14321 ("ciete 14321").
    const expected = [4321, ...Array.from({ length: 10 }, (_, i) => 43210 + i)];
    expect(found.map((c) => c.name).sort()).toEqual(expected.map((i) => `Société ${i}`).sort());
  });

  it("keep only the last batch's customer ids, however many batches read before it", async () => {
    // Rows deleted by a running transaction stay in their pages until it ends: emptied by DELETE, the table grew
    // by every batch's ids and each read went through all of them (a re-import's 333,000 by its end).
    const actor = await organizationWithClients(20000);
    const client = await ctx.tenants.of(actor.organizationId).pool.connect();
    try {
      await client.query('begin');
      await client.query(BATCH_CUSTOMERS_TABLE);
      const size = async () => {
        const { rows } = await client.query<{ bytes: string; n: number }>(
          `select pg_relation_size('import_batch_customers') as bytes, (select count(*)::int from import_batch_customers) as n`,
        );
        return { bytes: Number(rows[0]!.bytes), n: rows[0]!.n };
      };
      const batch = (b: number) => Array.from({ length: 1000 }, (_, i) => `EXT-${b * 1000 + i + 1}`);
      const keys = (b: number) => ({ externalIds: batch(b), nameKeys: [], invoiceNumbers: [] });
      expect(await loadCustomers(client, actor.organizationId, keys(0))).toHaveLength(1000);
      const first = await size();
      expect(first.n).toBe(1000);
      for (let b = 1; b < 20; b++) await loadCustomers(client, actor.organizationId, keys(b));
      const last = await size();
      expect(last.n).toBe(1000);
      expect(last.bytes).toBeLessThanOrEqual(first.bytes);
      const { rows } = await client.query(
        `select count(*)::int as n from customers where id = any(array(select id from import_batch_customers))
           and external_id = any($1::text[])`,
        [batch(19)],
      );
      expect(rows[0].n).toBe(1000);
      await client.query('rollback');
    } finally {
      client.release();
    }
  });
});
