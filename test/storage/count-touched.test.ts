import { describe, expect, it } from 'vitest';
import { countTouched } from '../../src/storage/import-batch.ts';
import { buildOrganization } from '../helpers/builders.ts';
import { createTestContext } from '../helpers/db.ts';

/**
 * An import reports how many records it created and updated. Two imports of one organization run one after the
 * other, but the second's transaction may start in the same millisecond as the first's (it then waits for the
 * first's lock): timestamps alone would count the first import's new rows as the second's.
 */

const ctx = await createTestContext();

describe('records an import created and updated', () => {
  it('are those its own transaction wrote, even when another shares its millisecond', async () => {
    const actor = await buildOrganization(ctx);
    const org = actor.organizationId;
    const db = ctx.tenants.of(org).pool;
    const second = await db.connect();
    try {
      await second.query('begin');
      const { rows } = await second.query<{ now: string }>('select now()::timestamptz(3)::text as now');
      const started = rows[0]!.now;
      // The first import, committed meanwhile, created two customers stamped with that same millisecond.
      await db.query(
        `insert into customers (organization_id, name, name_key, source, created_at, updated_at)
         values ($1, 'First A', 'first a', 'import', $2, $2), ($1, 'First B', 'first b', 'import', $2, $2)`,
        [org, started],
      );
      // The second creates one customer and updates one of the first's.
      await second.query(
        `insert into customers (organization_id, name, name_key, source) values ($1, 'Second', 'second', 'import')`,
        [org],
      );
      await second.query(
        `update customers set city = 'Lyon', updated_at = now() where organization_id = $1 and name = 'First A'`,
        [org],
      );
      const records = await countTouched(
        second,
        org,
        { customers: 1, contacts: 0, invoices: 0 },
        new Set(['customers', 'contacts', 'invoices']),
      );
      expect(records.customers).toEqual({ created: 1, updated: 1 });
      expect(records.contacts).toEqual({ created: 0, updated: 0 });
      await second.query('rollback');
    } finally {
      second.release();
    }
  });
});
