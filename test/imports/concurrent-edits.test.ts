import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { beforeEach, describe, expect, it } from 'vitest';
import { statusOf } from '../../src/http/errors.ts';
import { addContact } from '../../src/services/add-contact.ts';
import { type Actor, inOrganization, type ServiceContext } from '../../src/services/context.ts';
import { revertImport } from '../../src/services/imports/revert-import.ts';
import { editContact, setMainContact } from '../../src/services/update-contact.ts';
import { editCustomer } from '../../src/services/update-customer.ts';
import { buildContact, buildCustomer, buildOrganization } from '../helpers/builders.ts';
import { createTestContext } from '../helpers/db.ts';
import { csv, runImportText } from '../helpers/imports.ts';

/**
 * Imports and hand edits at the same time. Each interleaving is forced, not left to timing: the import runs on a
 * connection that calls a hook before each of its statements, and the hook makes the edit (and waits for it, or
 * until it is seen waiting on a lock) before letting the import go on.
 */

const ctx: ServiceContext = await createTestContext();
let actor: Actor;

beforeEach(async () => {
  actor = await buildOrganization(ctx);
});

type Hook = (sql: string, values: readonly unknown[]) => Promise<void>;

/**
 * The same context, except that the import's connection awaits `before` ahead of each statement. The import
 * pipelines its statements (src/storage/statement-order.ts); here they are passed on one at a time, each once the
 * one before has been answered, so that a hook sees every statement before its own done, in the order sent.
 */
function withHook(before: Hook): ServiceContext {
  const hookClient = (client: pg.PoolClient) => {
    let last: Promise<unknown> = Promise.resolve();
    return new Proxy(client, {
      get(target, prop) {
        if (prop === 'query') {
          // The import sends its statements with parameters as prepared ones (a config with a name).
          return (q: string | pg.QueryConfig, values?: unknown[]) => {
            const text = typeof q === 'string' ? q : q.text;
            const params = (typeof q === 'string' ? values : q.values) ?? [];
            const run = last.then(async () => {
              await before(text, params);
              return typeof q === 'string' ? target.query(q, values) : target.query(q);
            });
            last = run.catch(() => undefined);
            return run;
          };
        }
        const value = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  };
  // Bound to the organization first, so the use cases keep this hooked pool rather than binding their own.
  const scoped = inOrganization(ctx, actor);
  const pool = new Proxy(scoped.pool, {
    get(target, prop) {
      if (prop === 'connect') return async () => hookClient(await target.connect());
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { ...scoped, pool };
}

/** The identifiers of a uuid[] parameter, sent in binary (see src/storage/pg-binary-array.ts) or as a literal. */
function uuidsOf(param: unknown): string[] {
  if (Buffer.isBuffer(param)) {
    if (param.readInt32BE(0) === 0) return [];
    const ids: string[] = [];
    for (let at = 20; at < param.length; at += 20) {
      const hex = param.toString('hex', at + 4, at + 20);
      ids.push(
        `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
      );
    }
    return ids;
  }
  if (typeof param !== 'string' || !param.startsWith('{')) throw new Error(`not a uuid array: ${param}`);
  return param === '{}'
    ? []
    : param
        .slice(1, -1)
        .split(',')
        .map((id) => id.replaceAll('"', ''));
}

/** A hook that runs `action` before the `nth` statement matching `pattern` (1 = the first), once. */
function at(pattern: RegExp, action: Hook, nth = 1): Hook & { ran: () => boolean } {
  let seen = 0;
  const hook = async (sql: string, values: readonly unknown[]) => {
    if (pattern.test(sql) && ++seen === nth) await action(sql, values);
  };
  return Object.assign(hook, { ran: () => seen >= nth });
}

// The first statement of a batch's contact writes, before any of them (whatever form they take).
const CONTACT_WRITES = /for no key update|\bupdate contacts\b|\binsert into contacts\b/;
// The batch's change log, stored after its writes.
const CHANGE_LOG = /insert into import_change_batches/;

/** Waits until `count` sessions of this test's database wait on a lock (or `until` says to stop waiting). */
async function lockWaits(count: number, until: () => boolean = () => false): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    const { rows } = await ctx.system.pool.query(
      `select count(*)::int as n from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`,
    );
    if (rows[0].n >= count || until()) return;
    await sleep(10);
  }
  throw new Error(`never saw ${count} sessions waiting on a lock`);
}

/** A promise left running, and whether it has settled yet. */
interface Tracked<T> {
  promise: Promise<T>;
  settled: () => boolean;
}

function tracked<T>(p: Promise<T>): Tracked<T> {
  let done = false;
  const promise = p.finally(() => {
    done = true;
  });
  return { promise, settled: () => done };
}

async function customerRows(): Promise<
  Map<string, { name: string; city: string | null; address_line2: string | null }>
> {
  const { rows } = await ctx.system.pool.query(
    'select id, name, city, address_line2 from customers where organization_id = $1',
    [actor.organizationId],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** Each customer's main contacts' emails. */
async function mainContacts(): Promise<Map<string, string[]>> {
  const { rows } = await ctx.system.pool.query(
    `select c.name, coalesce(array_agg(k.email order by k.email) filter (where k.is_main), '{}') as mains
       from customers c left join contacts k on k.organization_id = c.organization_id and k.customer_id = c.id
      where c.organization_id = $1 group by c.name`,
    [actor.organizationId],
  );
  return new Map(rows.map((r) => [r.name, r.mains]));
}

/** A customer with contacts a@, b@ and c@ (a@ main), for files that move the main contact. */
async function customerWithContacts(name: string) {
  const customer = await buildCustomer(ctx, actor, { name });
  const slug = name.toLowerCase();
  const a = await buildContact(ctx, actor, customer.id, { email: `a@${slug}.fr`, isMain: true });
  const b = await buildContact(ctx, actor, customer.id, { email: `b@${slug}.fr` });
  const c = await buildContact(ctx, actor, customer.id, { email: `c@${slug}.fr` });
  return { customer, a, b, c };
}

const contactsHeader = ['Customer name', 'Email', 'First name', 'Main contact'];

describe('an edit made while an import runs', () => {
  it('of a field the file leaves alone survives the import and its revert', async () => {
    const header = ['Nom', 'Identifiant externe', 'Ville'];
    const rows = (city: string) => Array.from({ length: 6000 }, (_, i) => [`Client ${i}`, `EXT-${i}`, city]);
    const first = await runImportText(ctx, actor, 'customers', csv([header, ...rows('Paris')], ';'));
    expect(first.records.customers.created).toBe(6000);

    // Before each batch writes its customers (it has read them already), some of them get an address line 2.
    const edited = new Map<string, string>();
    const hook = async (sql: string, values: readonly unknown[]) => {
      if (!/^\s*update customers\b/.test(sql)) return;
      const ids = uuidsOf(values[1]).filter((_, i) => i % 50 === 0);
      for (const id of ids) {
        const addressLine2 = `Bâtiment ${edited.size}`;
        const r = await editCustomer(ctx, actor, id, { addressLine2 });
        expect(r.ok).toBe(true);
        edited.set(id, addressLine2);
      }
    };
    const second = await runImportText(
      withHook(hook),
      actor,
      'customers',
      csv([header, ...rows('Lyon')], ';'),
    );
    expect(second.status).toBe('success');
    expect(second.records.customers.updated).toBe(6000);
    expect(edited.size).toBe(120);

    let stored = await customerRows();
    expect([...stored.values()].every((c) => c.city === 'Lyon')).toBe(true);
    for (const [id, line2] of edited) expect(stored.get(id)?.address_line2).toBe(line2);

    // The edits came before the import's writes: the revert puts the cities back and nothing else.
    const reverted = await revertImport(ctx, actor, second.id);
    if (!reverted.ok) throw new Error(reverted.error.code);
    expect(reverted.value.revertReport).toMatchObject({ restored: 6000, conflicts: [] });
    stored = await customerRows();
    expect([...stored.values()].every((c) => c.city === 'Paris')).toBe(true);
    for (const [id, line2] of edited) expect(stored.get(id)?.address_line2).toBe(line2);
    expect([...stored.values()].filter((c) => c.address_line2 !== null)).toHaveLength(120);
  });

  it('of a record the import has written waits for its commit, and the revert then leaves that record alone', async () => {
    const header = ['Name', 'External ID', 'City'];
    const file = (city: string) => csv([header, ['Alpha', 'A', city], ['Beta', 'B', city]]);
    await runImportText(ctx, actor, 'customers', file('Paris'));
    const alpha = [...(await customerRows()).entries()].find(([, c]) => c.name === 'Alpha')?.[0] ?? '';
    let edit: Tracked<Awaited<ReturnType<typeof editCustomer>>> | undefined;
    const editing = at(CHANGE_LOG, async () => {
      edit = tracked(editCustomer(ctx, actor, alpha, { addressLine2: 'Bâtiment B' }));
      await lockWaits(1);
    });
    // Times are kept to the millisecond: the revert tells a later edit by an `updated_at` past the import's
    // `finished_at`, so the edit must not land in the very millisecond the import ends.
    const committing = at(/^commit$/, () => sleep(5));
    const hook: Hook = async (sql, values) => {
      await editing(sql, values);
      await committing(sql, values);
    };
    const s = await runImportText(withHook(hook), actor, 'customers', file('Lyon'));
    expect(s.status).toBe('success');
    expect((await edit?.promise)?.ok).toBe(true);
    expect((await customerRows()).get(alpha)).toMatchObject({ city: 'Lyon', address_line2: 'Bâtiment B' });

    const reverted = await revertImport(ctx, actor, s.id);
    if (!reverted.ok) throw new Error(reverted.error.code);
    expect(reverted.value.revertReport).toMatchObject({
      restored: 1,
      conflicts: [{ entity: 'customer', recordId: alpha, code: 'revert_changed_since' }],
    });
    expect([...(await customerRows()).values()].map((c) => [c.name, c.city, c.address_line2]).sort()).toEqual(
      [
        ['Alpha', 'Lyon', 'Bâtiment B'],
        ['Beta', 'Paris', null],
      ],
    );
  });

  it('of a contact field the file leaves alone survives the import and its revert', async () => {
    const customer = await buildCustomer(ctx, actor, { name: 'Acme' });
    const contacts: Awaited<ReturnType<typeof buildContact>>[] = [];
    for (let i = 0; i < 20; i++) {
      contacts.push(
        await buildContact(ctx, actor, customer.id, { email: `p${i}@acme.fr`, firstName: 'Old' }),
      );
    }
    const hook = at(CONTACT_WRITES, async () => {
      for (const c of contacts.filter((_, i) => i % 2 === 0)) {
        const r = await editContact(ctx, actor, customer.id, c.id, { phone: '06 12 34 56 78' });
        expect(r.ok).toBe(true);
      }
    });
    const file = csv([contactsHeader, ...contacts.map((c) => ['Acme', c.email, 'New', ''])]);
    const s = await runImportText(withHook(hook), actor, 'contacts', file);
    expect(hook.ran()).toBe(true);
    expect(s.records.contacts.updated).toBe(20);
    const read = async () =>
      (
        await ctx.system.pool.query('select email, first_name, phone from contacts where customer_id = $1', [
          customer.id,
        ])
      ).rows;
    for (const c of await read()) {
      const even = Number(c.email.slice(1, c.email.indexOf('@'))) % 2 === 0;
      expect(c).toMatchObject({ first_name: 'New', phone: even ? '+33612345678' : null });
    }
    const reverted = await revertImport(ctx, actor, s.id);
    if (!reverted.ok) throw new Error(reverted.error.code);
    expect(reverted.value.revertReport).toMatchObject({ restored: 20, conflicts: [] });
    for (const c of await read()) {
      const even = Number(c.email.slice(1, c.email.indexOf('@'))) % 2 === 0;
      expect(c).toMatchObject({ first_name: 'Old', phone: even ? '+33612345678' : null });
    }
  });
});

describe('the main contact changed by hand while an import switches it', () => {
  it('added as main after the import read the customer: both succeed, the import’s choice is last', async () => {
    const { customer } = await customerWithContacts('Acme');
    let added: Awaited<ReturnType<typeof addContact>> | undefined;
    const hook = at(CONTACT_WRITES, async () => {
      added = await addContact(ctx, actor, customer.id, { email: 'd@acme.fr', isMain: true });
    });
    const s = await runImportText(
      withHook(hook),
      actor,
      'contacts',
      csv([contactsHeader, ['Acme', 'b@acme.fr', '', '1']]),
    );
    expect(added?.ok).toBe(true);
    expect(s.status).toBe('success');
    expect(await mainContacts()).toEqual(new Map([['Acme', ['b@acme.fr']]]));
    // The revert gives the main flag back to the contact the import took it from: still exactly one.
    const reverted = await revertImport(ctx, actor, s.id);
    expect(reverted.ok).toBe(true);
    expect(await mainContacts()).toEqual(new Map([['Acme', ['a@acme.fr']]]));
  });

  it('added as main while the import holds its switch: the addition waits for the commit, then wins', async () => {
    const { customer } = await customerWithContacts('Acme');
    let added: Tracked<Awaited<ReturnType<typeof addContact>>> | undefined;
    const hook = at(CHANGE_LOG, async () => {
      added = tracked(addContact(ctx, actor, customer.id, { email: 'd@acme.fr', isMain: true }));
      await lockWaits(1);
    });
    const s = await runImportText(
      withHook(hook),
      actor,
      'contacts',
      csv([contactsHeader, ['Acme', 'b@acme.fr', '', '1']]),
    );
    expect(s.status).toBe('success');
    expect((await added?.promise)?.ok).toBe(true);
    expect(await mainContacts()).toEqual(new Map([['Acme', ['d@acme.fr']]]));
  });

  it('set on a third contact after the import read the customer: the import does not fail', async () => {
    const customers = [await customerWithContacts('Acme'), await customerWithContacts('Bolt')];
    const hook = at(CONTACT_WRITES, async () => {
      for (const { customer, c } of customers) {
        expect((await setMainContact(ctx, actor, customer.id, c.id)).ok).toBe(true);
      }
    });
    const file = csv([contactsHeader, ['Acme', 'b@acme.fr', '', '1'], ['Bolt', 'b@bolt.fr', 'Bea', '1']]);
    const s = await runImportText(withHook(hook), actor, 'contacts', file);
    expect(s.status).toBe('success');
    expect(s.lines).toMatchObject({ updated: 2, error: 0 });
    expect(await mainContacts()).toEqual(
      new Map([
        ['Acme', ['b@acme.fr']],
        ['Bolt', ['b@bolt.fr']],
      ]),
    );
  });

  it('set by hand while the import waits for the customer: the import goes on after it, and does not fail', async () => {
    const { customer, c } = await customerWithContacts('Acme');
    // A session holding contact c@ stops setMainContact half-way, after it has taken the customer's row.
    const gate = await ctx.system.pool.connect();
    let set: Tracked<Awaited<ReturnType<typeof setMainContact>>> | undefined;
    let run: Tracked<Awaited<ReturnType<typeof runImportText>>> | undefined;
    try {
      await gate.query('begin');
      await gate.query('select id from contacts where id = $1 for update', [c.id]);
      const hook = at(CONTACT_WRITES, async () => {
        set = tracked(setMainContact(ctx, actor, customer.id, c.id));
        await lockWaits(1);
        // Let setMainContact go on once the import waits behind it (or, were it not to wait, once it is done).
        void lockWaits(2, () => run?.settled() ?? false).then(() => gate.query('commit'));
      });
      run = tracked(
        runImportText(
          withHook(hook),
          actor,
          'contacts',
          csv([contactsHeader, ['Acme', 'b@acme.fr', '', '1']]),
        ),
      );
      const s = await run.promise;
      expect(s.status).toBe('success');
      expect((await set?.promise)?.ok).toBe(true);
    } finally {
      await gate.query('rollback').catch(() => undefined);
      gate.release();
    }
    expect(await mainContacts()).toEqual(new Map([['Acme', ['b@acme.fr']]]));
  });

  it('set by hand between two batches on a contact the import already wrote: no deadlock, both succeed', async () => {
    const { customer, c } = await customerWithContacts('Acme');
    await buildCustomer(ctx, actor, { name: 'Filler' });
    // Batch 1 (2,000 lines) writes c@ of Acme; batch 2 moves Acme's main contact to b@.
    const filler = Array.from({ length: 1999 }, (_, i) => ['Filler', `f${i}@filler.fr`, 'F', '']);
    const file = csv([
      contactsHeader,
      ['Acme', 'c@acme.fr', 'Cleo', ''],
      ...filler,
      ['Acme', 'b@acme.fr', '', '1'],
    ]);
    let set: Tracked<Awaited<ReturnType<typeof setMainContact>>> | undefined;
    const hook = at(CHANGE_LOG, async () => {
      set = tracked(setMainContact(ctx, actor, customer.id, c.id));
      await lockWaits(1);
    });
    const s = await runImportText(withHook(hook), actor, 'contacts', file);
    expect(s.status).toBe('success');
    expect(s.lines).toMatchObject({ created: 1999, updated: 2, error: 0 });
    expect((await set?.promise)?.ok).toBe(true);
    expect((await mainContacts()).get('Acme')).toEqual(['c@acme.fr']);
  });

  it('set by hand while a revert gives the main flag back: the change waits for the revert, then wins', async () => {
    const { customer, c } = await customerWithContacts('Acme');
    const s = await runImportText(
      ctx,
      actor,
      'contacts',
      csv([contactsHeader, ['Acme', 'b@acme.fr', '', '1']]),
    );
    expect(await mainContacts()).toEqual(new Map([['Acme', ['b@acme.fr']]]));
    // Newest change first: b@ loses the flag, then a@ gets it back; the change by hand comes in between.
    let set: Tracked<Awaited<ReturnType<typeof setMainContact>>> | undefined;
    const hook = at(
      /^\s*update contacts\b/,
      async () => {
        set = tracked(setMainContact(ctx, actor, customer.id, c.id));
        await lockWaits(1);
      },
      2,
    );
    const reverted = await revertImport(withHook(hook), actor, s.id);
    if (!reverted.ok) throw new Error(reverted.error.code);
    expect(reverted.value.revertReport).toMatchObject({ restored: 2, conflicts: [] });
    expect((await set?.promise)?.ok).toBe(true);
    expect(await mainContacts()).toEqual(new Map([['Acme', ['c@acme.fr']]]));
  });

  it('a collision left to a path that does not serialise answers 409 main_contact_conflict, not 500', async () => {
    const { customer, c } = await customerWithContacts('Acme');
    await ctx.system.pool.query('update contacts set is_main = false where customer_id = $1', [customer.id]);
    const other = await ctx.system.pool.connect();
    try {
      // Another session makes c@ main without taking the customer's row, and commits while the addition waits.
      await other.query('begin');
      await other.query('update contacts set is_main = true where id = $1', [c.id]);
      const added = tracked(addContact(ctx, actor, customer.id, { email: 'd@acme.fr', isMain: true }));
      await lockWaits(1);
      await other.query('commit');
      const r = await added.promise;
      expect(!r.ok && r.error.code).toBe('main_contact_conflict');
      expect(statusOf('main_contact_conflict')).toBe(409);
    } finally {
      other.release();
    }
    expect(await mainContacts()).toEqual(new Map([['Acme', ['c@acme.fr']]]));
  });
});
