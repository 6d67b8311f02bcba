import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { inOrganization } from '../../src/services/context.ts';
import { openDatabase } from '../../src/storage/database.ts';
import { buildContact, buildCustomer, buildOrganization, buildPlan } from '../helpers/builders.ts';
import { createTestContext } from '../helpers/db.ts';
import { csv, runImportText } from '../helpers/imports.ts';

/**
 * Tenant isolation enforced by PostgreSQL: a query that forgets its organization filter still sees (and may only
 * write) the rows of the organization its connection acts for.
 */

const ctx = await createTestContext();
let a: Awaited<ReturnType<typeof buildOrganization>>;
let b: Awaited<ReturnType<typeof buildOrganization>>;

/** Every table that holds an organization's rows (found from the catalog, so a new table is checked too). */
async function tenantTables(): Promise<string[]> {
  const { rows } = await ctx.system.pool.query<{ table_name: string }>(
    `select c.table_name from information_schema.columns c
       join information_schema.tables t using (table_schema, table_name)
      where c.table_schema = 'public' and c.column_name = 'organization_id' and t.table_type = 'BASE TABLE'
      order by 1`,
  );
  return rows.map((r) => r.table_name);
}

beforeAll(async () => {
  a = await buildOrganization(ctx, { name: 'Tenant A' });
  b = await buildOrganization(ctx, { name: 'Tenant B' });
  for (const org of [a, b]) {
    const plan = await buildPlan(ctx, org);
    const customer = await buildCustomer(ctx, org, {
      name: `Customer of ${org.slug}`,
      dunningPlanId: plan.id,
    });
    await buildContact(ctx, org, customer.id);
    const text = csv([
      ['Company name', 'Email'],
      [`Imported ${org.slug}`, `ap@${org.slug}.test`],
      ['', 'no-name@x.test'],
    ]);
    await runImportText(ctx, org, 'customers', text);
  }
});

describe('row-level security', () => {
  it('the application connects as a role that neither is superuser nor bypasses row-level security', async () => {
    const { rows } = await ctx.pool.query(
      'select current_user as name, rolsuper, rolbypassrls from pg_roles where rolname = current_user',
    );
    expect(rows[0]).toEqual({ name: 'clientele_app', rolsuper: false, rolbypassrls: false });
  });

  it('is enabled with a policy on every table holding an organization’s rows, and on organizations and users', async () => {
    const tables = [...(await tenantTables()), 'organizations', 'users'];
    expect(tables).toEqual(
      expect.arrayContaining(['customers', 'contacts', 'imports', 'import_change_batches']),
    );
    const { rows } = await ctx.system.pool.query<{ relname: string; rls: boolean; policies: number }>(
      `select c.relname, c.relrowsecurity as rls,
              (select count(*) from pg_policies p where p.schemaname = 'public' and p.tablename = c.relname)::int
                as policies
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relname = any($1)`,
      [tables],
    );
    expect(rows).toHaveLength(tables.length);
    for (const r of rows)
      expect({ table: r.relname, rls: r.rls, hasPolicy: r.policies > 0 }).toEqual({
        table: r.relname,
        rls: true,
        hasPolicy: true,
      });
  });

  it('every policy reads the organization once per statement, through a subquery, never once per row', async () => {
    // migrations/0021: `app_current_org()` called per row was a third of the cost of inserting a row.
    const { rows } = await ctx.system.pool.query<{
      tablename: string;
      qual: string;
      with_check: string | null;
    }>(`select tablename, qual, with_check from pg_policies where schemaname = 'public' order by 1`);
    expect(rows.length).toBeGreaterThan(20);
    for (const r of rows) {
      for (const expr of [r.qual, r.with_check ?? '']) {
        // Every call inside `( SELECT app_current_org() AS app_current_org)`, and at least one in the USING.
        const calls = expr.match(/app_current_org\(\)/g)?.length ?? 0;
        const once = expr.match(/\( SELECT app_current_org\(\) AS app_current_org\)/g)?.length ?? 0;
        expect({ table: r.tablename, expr, perRow: calls - once }).toEqual({
          table: r.tablename,
          expr,
          perRow: 0,
        });
      }
      expect(r.qual, r.tablename).toContain('SELECT app_current_org()');
    }
  });

  it('a query that forgets its organization filter sees only its own tenant, in every tenant table', async () => {
    const inA = inOrganization(ctx, a);
    const customers = await inA.db.selectFrom('customers').select(['name', 'organization_id']).execute();
    expect(customers.map((c) => c.name).sort()).toEqual([`Customer of ${a.slug}`, `Imported ${a.slug}`]);
    for (const table of await tenantTables()) {
      const { rows } = await inA.pool.query<{ mine: number; others: number }>(
        `select count(*) filter (where organization_id = $1)::int as mine,
                count(*) filter (where organization_id <> $1)::int as others from ${table}`,
        [a.organizationId],
      );
      expect({ table, others: rows[0]?.others }).toEqual({ table, others: 0 });
    }
    // The owner sees both tenants: the rows are there, the policy hides them.
    const all = await ctx.system.db.selectFrom('customers').select('organization_id').distinct().execute();
    expect(all).toHaveLength(2);
    const orgs = await inA.db.selectFrom('organizations').select('id').execute();
    expect(orgs).toEqual([{ id: a.organizationId }]);
    const users = await inA.pool.query('select email from users');
    expect(users.rows).toEqual([{ email: `admin@${a.slug}.test` }]);
  });

  it('a connection acting for no organization sees no tenant row', async () => {
    expect(await ctx.db.selectFrom('customers').selectAll().execute()).toEqual([]);
    expect((await ctx.pool.query('select count(*)::int as n from contacts')).rows[0].n).toBe(0);
    expect((await ctx.pool.query('select count(*)::int as n from organizations')).rows[0].n).toBe(0);
  });

  it('refuses to write a row into another organization, and cannot touch the other’s rows', async () => {
    const inA = inOrganization(ctx, a);
    await expect(
      inA.db
        .insertInto('customers')
        .values({ organization_id: b.organizationId, name: 'Planted', name_key: 'planted', source: 'manual' })
        .execute(),
    ).rejects.toMatchObject({ code: '42501' });
    const updated = await inA.db
      .updateTable('customers')
      .set({ name: 'Renamed by A' })
      .where('organization_id', '=', b.organizationId)
      .executeTakeFirst();
    expect(Number(updated.numUpdatedRows)).toBe(0);
    const deleted = await inA.pool.query('delete from contacts where organization_id = $1', [
      b.organizationId,
    ]);
    expect(deleted.rowCount).toBe(0);
    // Moving one of A's own rows to B is refused too.
    await expect(
      inA.db
        .updateTable('customers')
        .set({ organization_id: b.organizationId })
        .where('organization_id', '=', a.organizationId)
        .execute(),
    ).rejects.toMatchObject({ code: '42501' });
    const bNames = await inOrganization(ctx, b).db.selectFrom('customers').select('name').execute();
    expect(bNames.map((c) => c.name).sort()).toEqual([`Customer of ${b.slug}`, `Imported ${b.slug}`]);
  });

  it('a connection never carries one organization into its next checkout', async () => {
    // One connection only: every checkout reuses it.
    const single = await openDatabase(ctx.system.pool.options.connectionString as string, {
      migrate: false,
      max: 1,
    });
    try {
      const inA = single.tenants.of(a.organizationId);
      const inB = single.tenants.of(b.organizationId);
      const count = async (db: typeof single.db) =>
        (await sql<{ n: number }>`select count(*)::int as n from customers`.execute(db)).rows[0]?.n;
      const setting = async (db: typeof single.db) =>
        (await sql<{ org: string | null }>`select app_current_org()::text as org`.execute(db)).rows[0]?.org;
      expect(await count(inA.db)).toBe(2);
      // The same organization again on the same connection (the setting is then not rewritten).
      expect(await setting(inA.db)).toBe(a.organizationId);
      expect(await count(single.db)).toBe(0);
      expect(await setting(single.db)).toBeNull();
      expect(await count(inB.db)).toBe(2);
      expect(await setting(inB.db)).toBe(b.organizationId);
      // A transaction keeps its organization from begin to commit.
      await inA.db.transaction().execute(async (trx) => {
        expect(await count(trx)).toBe(2);
        const { rows } = await sql<{ org: string }>`select app_current_org()::text as org`.execute(trx);
        expect(rows[0]?.org).toBe(a.organizationId);
      });
      expect(await count(single.db)).toBe(0);
    } finally {
      await single.close();
    }
  });

  it('lets searches keep their indexes: LIKE and lower() are leakproof, as the policies require of index conditions', async () => {
    const { rows } = await ctx.pool.query(
      `select p.oid::regprocedure::text as fn, p.proleakproof as leakproof from pg_proc p
        where p.oid in ('pg_catalog.textlike(text, text)'::regprocedure, 'pg_catalog.lower(text)'::regprocedure)
        order by 1`,
    );
    expect(rows).toEqual([
      { fn: 'lower(text)', leakproof: true },
      { fn: 'textlike(text,text)', leakproof: true },
    ]);
  });
});
