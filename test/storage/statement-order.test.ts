import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { ContactState } from '../../src/domain/import-plan/types.ts';
import { loadContacts, writeContacts } from '../../src/storage/import-batch.ts';
import { inSendingOrder } from '../../src/storage/statement-order.ts';
import type { Queryable } from '../../src/storage/tenant-pool.ts';
import { buildContact, buildCustomer, buildOrganization } from '../helpers/builders.ts';
import { createTestContext } from '../helpers/db.ts';

/**
 * The import engine sends a batch's reads while the previous batch's writes still run, on one connection. That is
 * right only if (1) statements run in the order they were sent and (2) each write function sends all of its
 * statements before its first await. Both are checked here on a real connection.
 */

const ctx = await createTestContext();

/** The connection as a wrapper sees it that awaits `delayMs` before passing on statements matching `slow`. */
function delaying(db: Queryable, slow: RegExp, delayMs: number): Queryable {
  return {
    query: async (text: string, values?: unknown[]) => {
      if (slow.test(text)) await sleep(delayMs);
      return db.query(text, values);
    },
  };
}

/** The connection, recording each statement when it is sent (before anything runs it). */
function recording(db: Queryable): Queryable & { sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    query: (text: string, values?: unknown[]) => {
      sent.push(text);
      return db.query(text, values);
    },
  };
}

describe('statements of an import', () => {
  it('run in the order they were sent, even through a wrapper that holds one back', async () => {
    const client = await ctx.system.pool.connect();
    try {
      await client.query('create temp table sent_order (n serial, v text)');
      const insert = (db: Queryable, v: string) => db.query('insert into sent_order (v) values ($1)', [v]);
      const held = delaying(client, /'held'/, 50);
      // Without the queue, the statement held back runs after the one sent after it.
      await Promise.all([held.query("insert into sent_order (v) values ('held')"), insert(client, 'next')]);
      const ordered = inSendingOrder(held);
      await Promise.all([
        ordered.query("insert into sent_order (v) values ('held')"),
        insert(ordered, 'next'),
      ]);
      const { rows } = await client.query('select v from sent_order order by n');
      expect(rows.map((r) => r.v)).toEqual(['next', 'held', 'held', 'next']);
    } finally {
      client.release();
    }
  });

  it('a failed statement fails the ones after it in the transaction, and each caller gets its own answer', async () => {
    const client = await ctx.system.pool.connect();
    try {
      await client.query('begin');
      const ordered = inSendingOrder(client);
      const results = await Promise.allSettled([
        ordered.query('select 1 as one'),
        ordered.query('select 1 / 0'),
        ordered.query('select 2 as two'),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
      expect((results[1] as PromiseRejectedResult).reason.code).toBe('22012');
      expect((results[2] as PromiseRejectedResult).reason.code).toBe('25P02');
      await client.query('rollback');
    } finally {
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
      const stored = await loadContacts(
        client,
        actor.organizationId,
        [customer.id],
        ['old@acme.example', 'kept@acme.example'],
      );
      const old = stored.find((c) => c.email === 'old@acme.example')!;
      const kept = stored.find((c) => c.email === 'kept@acme.example')!;
      const rows: ContactState[] = [
        { ...old, isMain: false, dirty: true, changed: new Set(['isMain']) },
        { ...kept, firstName: 'Kept', dirty: true, changed: new Set(['firstName']) },
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
          changed: new Set(),
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
