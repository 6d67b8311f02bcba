import { beforeAll, describe, expect, it } from 'vitest';
import { operatorActor } from '../../src/services/operator.ts';
import { as, createTestApi, type Session, signUpAs, type TestApi } from '../helpers/app.ts';
import { csv, customersOf, runImportText } from '../helpers/imports.ts';

let api: TestApi;
let a: Session;
let b: Session;

beforeAll(async () => {
  api = await createTestApi();
  a = await signUpAs(api, 'Invoices A');
  b = await signUpAs(api, 'Invoices B');
});

const base = { issueDate: '2025-01-10', dueDate: '2025-02-09', amount: '1250.00', currency: 'EUR' };

async function count(table: 'customers' | 'contacts' | 'invoices', organizationId: string): Promise<number> {
  const { rows } = await api.ctx.system.pool.query(
    `select count(*)::int as n from ${table} where organization_id = $1`,
    [organizationId],
  );
  return rows[0].n;
}

describe('creating invoices', () => {
  it('creates the customer it names (source invoice) and its contact, then a customers import updates that customer', async () => {
    const res = await as(api, a).post('/api/v1/invoices', {
      ...base,
      number: 'F-2025-001',
      customer: { name: 'Acmé  Industries', externalId: 'ERP-42' },
      contactEmail: 'Compta@Acme.FR',
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      number: 'F-2025-001',
      issueDate: '2025-01-10',
      dueDate: '2025-02-09',
      amount: '1250.00',
      currency: 'EUR',
      status: 'open',
      customer: { name: 'Acmé Industries', created: true, externalIdAttached: false },
      contact: { email: 'compta@acme.fr', created: true },
    });
    const customer = (await as(api, a).get(`/api/v1/customers/${body.customer.id}`)).json();
    expect(customer).toMatchObject({ externalId: 'ERP-42', source: 'invoice', contactCount: 1 });

    const actor = await operatorActor(api.ctx, a.slug);
    if (!actor.ok) throw new Error('no actor');
    const s = await runImportText(
      api.ctx,
      actor.value,
      'customers',
      csv([
        ['Name', 'External ID', 'City'],
        ['ACME INDUSTRIES', 'ERP-42', 'Lyon'],
      ]),
    );
    expect(s.lines).toMatchObject({ created: 0, updated: 1, error: 0 });
    const rows = await customersOf(api.ctx, a.organizationId);
    // One customer, found by its external ID and updated (the name differs only by case and accents).
    expect(rows.map((r) => [r.name, r.external_id, r.city, r.source])).toEqual([
      ['Acmé Industries', 'ERP-42', 'Lyon', 'invoice'],
    ]);
  });

  it('finds an existing customer by name or external ID and an existing contact: nothing is duplicated', async () => {
    const before = [await count('customers', a.organizationId), await count('contacts', a.organizationId)];
    const byName = await as(api, a).post('/api/v1/invoices', {
      ...base,
      number: 'F-2025-002',
      customer: { name: '  acme   industries ' },
      contactEmail: 'compta@acme.fr',
    });
    expect(byName.statusCode).toBe(201);
    expect(byName.json()).toMatchObject({ customer: { created: false }, contact: { created: false } });
    const byExternalId = await as(api, a).post('/api/v1/invoices', {
      ...base,
      number: 'F-2025-003',
      customer: { externalId: 'ERP-42' },
    });
    expect(byExternalId.json()).toMatchObject({
      customer: { name: 'Acmé Industries', created: false },
      contact: null,
    });
    const byId = await as(api, a).post('/api/v1/invoices', {
      ...base,
      number: 'F-2025-004',
      customer: { id: byName.json().customer.id },
      contactEmail: 'new.person@acme.fr',
    });
    expect(byId.json()).toMatchObject({ customer: { created: false }, contact: { created: true } });
    expect([await count('customers', a.organizationId), await count('contacts', a.organizationId)]).toEqual([
      before[0],
      (before[1] ?? 0) + 1,
    ]);
  });

  it('attaches a new external ID to a customer found by name without one, and refuses a conflicting one', async () => {
    const plain = await as(api, a).post('/api/v1/customers', { name: 'Plain Co' });
    const attach = await as(api, a).post('/api/v1/invoices', {
      ...base,
      number: 'F-ATTACH',
      customer: { name: 'PLAIN CO', externalId: 'ERP-7' },
    });
    expect(attach.json().customer).toMatchObject({ id: plain.json().id, externalIdAttached: true });
    expect((await as(api, a).get(`/api/v1/customers/${plain.json().id}`)).json().externalId).toBe('ERP-7');

    const conflict = await as(api, a).post('/api/v1/invoices', {
      ...base,
      number: 'F-CONFLICT',
      customer: { name: 'Plain Co', externalId: 'ERP-8' },
    });
    expect(conflict.statusCode).toBe(400);
    expect(conflict.json().errors).toEqual([
      expect.objectContaining({ field: 'customer.externalId', code: 'external_id_conflict' }),
    ]);
    const unknownId = await as(api, a).post('/api/v1/invoices', {
      ...base,
      number: 'F-UNKNOWN',
      customer: { externalId: 'ERP-404' },
    });
    expect(unknownId.json().errors).toEqual([
      expect.objectContaining({ field: 'customer.name', code: 'customer_name_required_to_create' }),
    ]);
  });

  it('refuses a duplicate number with invoice_number_taken (409) and leaves no customer behind', async () => {
    const customers = await count('customers', a.organizationId);
    const res = await as(api, a).post('/api/v1/invoices', {
      ...base,
      number: 'F-2025-001',
      customer: { name: 'Brand New Customer' },
      contactEmail: 'x@brand.fr',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'invoice_number_taken', params: { number: 'F-2025-001' } });
    expect(await count('customers', a.organizationId)).toBe(customers);
  });

  it('creates one customer when two invoices name the same new customer at the same time', async () => {
    const [one, two] = await Promise.all(
      ['F-RACE-1', 'F-RACE-2'].map((number) =>
        as(api, a).post('/api/v1/invoices', {
          ...base,
          number,
          customer: { name: 'Race Condition SA' },
          contactEmail: 'ap@race.fr',
        }),
      ),
    );
    expect([one?.statusCode, two?.statusCode]).toEqual([201, 201]);
    expect(one?.json().customer.id).toBe(two?.json().customer.id);
    expect(one?.json().contact.id).toBe(two?.json().contact.id);
  });

  it('reports every invalid field with its code', async () => {
    const res = await as(api, a).post('/api/v1/invoices', {
      issueDate: '2025-02-30',
      dueDate: '31/01/2025',
      amount: 12.5,
      currency: 'EURO',
      status: 'late',
      contactEmail: 'not an email',
      customer: {},
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['number', 'missing_required'],
      ['customer', 'invoice_customer_required'],
      ['contactEmail', 'invalid_email'],
      ['issueDate', 'invalid_date'],
      ['dueDate', 'invalid_date'],
      ['amount', 'invalid_amount'],
      ['currency', 'invalid_currency'],
      ['status', 'invalid_invoice_status'],
    ]);
    const order = await as(api, a).post('/api/v1/invoices', {
      ...base,
      number: 'F-ORDER',
      dueDate: '2025-01-01',
      amount: '12,50',
      customer: { id: 'not-a-uuid' },
    });
    expect(order.json().errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['customer.id', 'invoice_customer_not_found'],
      ['dueDate', 'due_date_before_issue_date'],
      ['amount', 'invalid_amount'],
    ]);
  });
});

describe('a customer’s invoices', () => {
  let customerId: string;

  beforeAll(async () => {
    const invoices: [string, string, string, string][] = [
      ['L-1', '2025-03-01', '100.10', 'EUR'],
      ['L-2', '2025-03-02', '200.2', 'EUR'],
      ['L-3', '2025-03-03', '999', 'EUR'],
      ['L-4', '2025-03-04', '50', 'USD'],
    ];
    for (const [number, issueDate, amount, currency] of invoices) {
      const res = await as(api, a).post('/api/v1/invoices', {
        number,
        issueDate,
        dueDate: '2025-04-30',
        amount,
        currency,
        status: number === 'L-3' ? 'paid' : undefined,
        customer: { name: 'Ledger Ltd' },
      });
      expect(res.statusCode).toBe(201);
      customerId = res.json().customer.id;
    }
  });

  it('lists them latest first with the open balance per currency (paid invoices excluded)', async () => {
    const res = await as(api, a).get(`/api/v1/customers/${customerId}/invoices`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.map((i: { number: string }) => i.number)).toEqual(['L-4', 'L-3', 'L-2', 'L-1']);
    expect(body.openBalance).toEqual([
      { currency: 'EUR', amount: '300.30', openInvoices: 2 },
      { currency: 'USD', amount: '50.00', openInvoices: 1 },
    ]);
  });

  it('pages with a cursor, the balance staying the whole customer’s', async () => {
    const first = (await as(api, a).get(`/api/v1/customers/${customerId}/invoices?limit=3`)).json();
    expect(first.items).toHaveLength(3);
    const second = (
      await as(api, a).get(`/api/v1/customers/${customerId}/invoices?limit=3&cursor=${first.nextCursor}`)
    ).json();
    expect(second.items.map((i: { number: string }) => i.number)).toEqual(['L-1']);
    expect(second.nextCursor).toBeNull();
    expect(second.openBalance).toEqual(first.openBalance);
    const bad = await as(api, a).get(`/api/v1/customers/${customerId}/invoices?cursor=garbage`);
    expect(bad.json().code).toBe('invalid_cursor');
  });

  it('keeps organizations apart: B gets 404 on A’s invoices and cannot bill A’s customer', async () => {
    const list = await as(api, b).get(`/api/v1/customers/${customerId}/invoices`);
    expect(list.statusCode).toBe(404);
    expect(list.body).not.toContain('Ledger');
    const bill = await as(api, b).post('/api/v1/invoices', {
      ...base,
      number: 'L-1',
      customer: { id: customerId },
    });
    expect(bill.statusCode).toBe(400);
    expect(bill.json().errors[0]).toMatchObject({ field: 'customer.id', code: 'invoice_customer_not_found' });
    // Numbers are unique per organization: B may use A's.
    const own = await as(api, b).post('/api/v1/invoices', {
      ...base,
      number: 'L-1',
      customer: { name: 'Ledger Ltd' },
    });
    expect(own.statusCode).toBe(201);
    expect(own.json().customer.id).not.toBe(customerId);
    expect((await as(api, a).get(`/api/v1/customers/${customerId}/invoices`)).json().items).toHaveLength(4);
  });
});
