import { describe, expect, it } from 'vitest';
import { inOrganization } from '../../src/services/context.ts';
import { buildContact, buildCustomer, buildOrganization, buildPlan } from '../helpers/builders.ts';
import { createTestContext } from '../helpers/db.ts';
import { csv, runImportText } from '../helpers/imports.ts';

/**
 * `organizations.data_version` (migrations/0015_data_versions.sql): raised once per committed transaction that
 * changed what the customer list shows, at commit, in the same commit as the data; what the API's answers kept in
 * memory are checked against.
 */

const ctx = await createTestContext();

async function versionOf(organizationId: string): Promise<number> {
  const { rows } = await ctx.system.pool.query<{ v: string }>(
    'select data_version as v from organizations where id = $1',
    [organizationId],
  );
  return Number(rows[0]?.v);
}

describe('data version', () => {
  it('goes up once per committed change of customers, contacts, members or plans, in that organization only', async () => {
    const a = await buildOrganization(ctx);
    const b = await buildOrganization(ctx);
    const [a0, b0] = [await versionOf(a.organizationId), await versionOf(b.organizationId)];
    const customer = await buildCustomer(ctx, a, { name: 'Versioned' });
    expect(await versionOf(a.organizationId)).toBe(a0 + 1);
    await buildContact(ctx, a, customer.id);
    expect(await versionOf(a.organizationId)).toBe(a0 + 2);
    await buildPlan(ctx, a);
    expect(await versionOf(a.organizationId)).toBe(a0 + 3);
    // Several statements in one transaction: one raise.
    const client = await inOrganization(ctx, a).pool.connect();
    try {
      await client.query('begin');
      await client.query("update customers set city = 'Lyon' where organization_id = $1", [a.organizationId]);
      await client.query("update customers set city = 'Nîmes' where organization_id = $1", [
        a.organizationId,
      ]);
      await client.query('update contacts set first_name = $2 where organization_id = $1', [
        a.organizationId,
        'Zoé',
      ]);
      await client.query('commit');
    } finally {
      client.release();
    }
    expect(await versionOf(a.organizationId)).toBe(a0 + 4);
    expect(await versionOf(b.organizationId)).toBe(b0);
  });

  it('is not raised by a transaction that rolls back, nor by an import preview', async () => {
    const a = await buildOrganization(ctx);
    const before = await versionOf(a.organizationId);
    const client = await inOrganization(ctx, a).pool.connect();
    try {
      await client.query('begin');
      await client.query(
        "insert into customers (organization_id, name, name_key, source) values ($1, 'Gone', 'gone', 'manual')",
        [a.organizationId],
      );
      await client.query('rollback');
    } finally {
      client.release();
    }
    expect(await versionOf(a.organizationId)).toBe(before);
    const text = csv([['Company name'], ['Previewed SARL']]);
    const preview = await runImportText(ctx, a, 'customers', text, { dryRun: true });
    expect(preview.lines.created).toBe(1);
    expect(await versionOf(a.organizationId)).toBe(before);
    await runImportText(ctx, a, 'customers', text);
    expect(await versionOf(a.organizationId)).toBe(before + 1);
  });

  it('is raised at commit: an open transaction neither shows it early nor makes another writer wait', async () => {
    const a = await buildOrganization(ctx);
    await buildCustomer(ctx, a, { name: 'First' });
    const before = await versionOf(a.organizationId);
    const long = await inOrganization(ctx, a).pool.connect();
    const other = await inOrganization(ctx, a).pool.connect();
    try {
      await long.query('begin');
      await long.query(
        "insert into customers (organization_id, name, name_key, source) values ($1, 'Long', 'long', 'manual')",
        [a.organizationId],
      );
      expect(await versionOf(a.organizationId)).toBe(before);
      // Another write of the same organization commits while the first transaction is still open: it must not
      // wait on the organization's row (a lock timeout turns a wait into an error).
      await other.query("set lock_timeout = '2s'");
      await other.query('begin');
      await other.query(
        "insert into customers (organization_id, name, name_key, source) values ($1, 'Quick', 'quick', 'manual')",
        [a.organizationId],
      );
      await other.query('commit');
      expect(await versionOf(a.organizationId)).toBe(before + 1);
      await long.query('commit');
      expect(await versionOf(a.organizationId)).toBe(before + 2);
    } finally {
      await other.query('reset lock_timeout');
      long.release();
      other.release();
    }
    const { rows } = await ctx.system.pool.query('select count(*)::int as n from data_version_bumps');
    expect(rows[0].n).toBe(0);
  });

  it('is raised for every organization of a member whose email changes, and by a change made without one', async () => {
    const a = await buildOrganization(ctx);
    const b = await buildOrganization(ctx);
    const [a0, b0] = [await versionOf(a.organizationId), await versionOf(b.organizationId)];
    await ctx.system.pool.query('update users set email = $2 where id = $1', [
      a.userId,
      `new-${a.slug}@x.test`,
    ]);
    expect(await versionOf(a.organizationId)).toBe(a0 + 1);
    expect(await versionOf(b.organizationId)).toBe(b0);
    // The owner acts for no organization: the change could be anyone's, every version goes up.
    await ctx.system.pool.query("update customers set city = city where name = 'nothing at all'");
    expect(await versionOf(a.organizationId)).toBe(a0 + 2);
    expect(await versionOf(b.organizationId)).toBe(b0 + 1);
  });
});
