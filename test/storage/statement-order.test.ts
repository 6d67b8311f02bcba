import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { CONTACT_FIELD_BITS, type ContactState, fieldBits } from '../../src/domain/import-plan/types.ts';
import {
  BATCH_CUSTOMERS_TABLE,
  loadContacts,
  loadCustomers,
  writeContacts,
} from '../../src/storage/import-batch.ts';
import { pipelined, prepared } from '../../src/storage/statement-order.ts';
import { buildContact, buildCustomer, buildOrganization } from '../helpers/builders.ts';
import { createTestContext } from '../helpers/db.ts';
import { recording } from '../helpers/statements.ts';

/**
 * The import engine sends a batch's reads while the previous batch's writes still run, on one pipelined
 * connection. That is right only if (1) statements run in the order they were sent and (2) each write function
 * sends all of its statements before its first await. Both are checked here on a real connection.
 */

const ctx = await createTestContext();

const modeOf = (client: pg.PoolClient) => (client as unknown as { pipeline: boolean }).pipeline;

describe('statements of an import', () => {
  it('run pipelined in the order they were sent, each caller answered, the connection back to normal after', async () => {
    const client = await ctx.system.pool.connect();
    try {
      await client.query('create temp table sent_order (n serial, v text)');
      const answers = await pipelined(client, async (db) => {
        expect(modeOf(client)).toBe(true);
        const sent: Promise<unknown>[] = [];
        for (let i = 0; i < 50; i++) {
          sent.push(db.query('insert into sent_order (v) values ($1)', [`v${i}`]));
          if (i % 10 === 9)
            sent.push(db.query('select count(*)::int as n from sent_order').then((r) => r.rows[0].n));
        }
        return Promise.all(sent);
      });
      expect(answers.filter((a) => typeof a === 'number')).toEqual([10, 20, 30, 40, 50]);
      expect(modeOf(client)).toBe(false);
      const { rows } = await client.query('select v from sent_order order by n');
      expect(rows.map((r) => r.v)).toEqual(Array.from({ length: 50 }, (_, i) => `v${i}`));
    } finally {
      client.release();
    }
  });

  it('a failed statement fails the ones after it in the transaction, and each caller gets its own answer', async () => {
    const client = await ctx.system.pool.connect();
    try {
      await client.query('begin');
      const results = await pipelined(client, (db) =>
        Promise.allSettled([
          db.query('select 1 as one'),
          db.query('select 1 / 0'),
          db.query('select 2 as two'),
        ]),
      );
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
      expect((results[1] as PromiseRejectedResult).reason.code).toBe('22012');
      expect((results[2] as PromiseRejectedResult).reason.code).toBe('25P02');
      await client.query('rollback');
      // Work that throws leaves the connection as it found it too.
      await expect(
        pipelined(client, async (db) => {
          await db.query('select 1 / 0');
        }),
      ).rejects.toMatchObject({ code: '22012' });
      expect(modeOf(client)).toBe(false);
      expect((await client.query('select 3 as three')).rows).toEqual([{ three: 3 }]);
    } finally {
      client.release();
    }
  });

  it('that write, with parameters, are prepared once per connection, named after their text; the others are sent as they are', async () => {
    const client = await ctx.system.pool.connect();
    const preparedHere = async () =>
      (
        await client.query<{ name: string; statement: string }>(
          "select name, statement from pg_prepared_statements where name like 'clientele\\_%' order by statement",
        )
      ).rows;
    try {
      await client.query('deallocate all');
      await client.query('create temp table prepared_here (n int, t text)');
      const first = 'insert into prepared_here (n) values ($1::int + 1) returning n';
      const second = 'insert into prepared_here (t) values ($1) returning t';
      const read = 'select $1::int * 2 as n';
      const answers = await pipelined(client, (db) =>
        Promise.all([
          db.query(first, [1]),
          db.query(first, [2]),
          db.query(second, ['a']),
          db.query('select 41 + 1 as n'),
          db.query(read, [21]),
        ]),
      );
      expect(answers.map((a) => a.rows[0])).toEqual([{ n: 2 }, { n: 3 }, { t: 'a' }, { n: 42 }, { n: 42 }]);
      const statements = await preparedHere();
      expect(statements.map((s) => s.statement)).toEqual([first, second]);
      // Run again, on the same connection: bound to what was prepared, nothing prepared anew.
      await pipelined(client, (db) => db.query(first, [5]));
      expect(await preparedHere()).toEqual(statements);
      // The same text has the same name whatever the connection (pg refuses a name reused for another text).
      expect(prepared(first, [1]).name).toBe(statements[0]?.name);
      expect(prepared(second, ['x']).name).toBe(statements[1]?.name);
      expect(prepared('select 1', []).name).toBeUndefined();
      expect(prepared(read, [1]).name).toBeUndefined();
    } finally {
      await client.query('drop table if exists prepared_here');
      await client.query('deallocate all');
      client.release();
    }
  });

  it("are all sent by a batch's contact writes before any of them is awaited", async () => {
    const actor = await buildOrganization(ctx);
    const customer = await buildCustomer(ctx, actor, { name: 'Acme' });
    await buildContact(ctx, actor, customer.id, { email: 'old@acme.example', isMain: true });
    await buildContact(ctx, actor, customer.id, { email: 'kept@acme.example' });
    const client = await ctx.tenants.of(actor.organizationId).pool.connect();
    try {
      await client.query('begin');
      await client.query(BATCH_CUSTOMERS_TABLE);
      await loadCustomers(client, actor.organizationId, {
        externalIds: [],
        nameKeys: ['acme'],
        invoiceNumbers: [],
      });
      const stored = await loadContacts(client, actor.organizationId, [
        'old@acme.example',
        'kept@acme.example',
      ]);
      const old = stored.find((c) => c.email === 'old@acme.example')!;
      const kept = stored.find((c) => c.email === 'kept@acme.example')!;
      const rows: ContactState[] = [
        { ...old, isMain: false, dirty: true, changed: fieldBits(CONTACT_FIELD_BITS, ['isMain']) },
        { ...kept, firstName: 'Kept', dirty: true, changed: fieldBits(CONTACT_FIELD_BITS, ['firstName']) },
        {
          id: randomUUID(),
          customerId: customer.id,
          email: 'new@acme.example',
          firstName: null,
          lastName: null,
          phone: null,
          reference: null,
          positions: [],
          isMain: true,
          isNew: true,
          dirty: true,
          changed: 0,
        },
      ];
      const db = recording(client);
      const writing = writeContacts(db, actor.organizationId, rows, new Set());
      // Synchronously after the call: the customer's lock, the main flag moving, the other writes.
      expect(db.sent).toHaveLength(3);
      await writing;
      const { rows: after } = await client.query(
        'select email, first_name, is_main from contacts where organization_id = $1 order by email',
        [actor.organizationId],
      );
      expect(after).toEqual([
        { email: 'kept@acme.example', first_name: 'Kept', is_main: false },
        { email: 'new@acme.example', first_name: null, is_main: true },
        { email: 'old@acme.example', first_name: null, is_main: false },
      ]);
      await client.query('rollback');
    } finally {
      client.release();
    }
  });
});
