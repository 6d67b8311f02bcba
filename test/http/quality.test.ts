import { beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApi, type Session, signUpAs, type TestApi } from '../helpers/app.ts';

let api: TestApi;
let a: Session;
let b: Session;
let planId: string;

beforeAll(async () => {
  api = await createTestApi();
  a = await signUpAs(api, 'Quality A');
  b = await signUpAs(api, 'Quality B');
  planId = (
    await as(api, a).post('/api/v1/dunning-plans', {
      name: 'Standard',
      steps: [
        { daysFromDue: 0, positions: ['accounting'], includeMainContact: true },
        { daysFromDue: 10, positions: ['sales'], includeMainContact: false },
      ],
    })
  ).json().id;
  const customer = async (name: string, onPlan: boolean) =>
    (
      await as(api, a).post('/api/v1/customers', { name, ...(onPlan ? { dunningPlanId: planId } : {}) })
    ).json().id as string;
  const contact = (id: string, body: object) => as(api, a).post(`/api/v1/customers/${id}/contacts`, body);
  // No contact at all, on the plan.
  await customer('Lonely', true);
  // Contacts but no main contact; one has no position; on the plan.
  const noMain = await customer('No Main', true);
  await contact(noMain, { email: 'buyer@nomain.fr', positions: ['buyer'] });
  await contact(noMain, { email: 'anon@nomain.fr' });
  // A main contact without position: step 1 reaches them, step 2 (sales only) reaches nobody; on the plan.
  const mainOnly = await customer('Main Only', true);
  await contact(mainOnly, { email: 'boss@mainonly.fr', isMain: true });
  // Everything in place, but not on the plan: never counted for the plan's steps.
  const off = await customer('Off Plan', false);
  await contact(off, { email: 'sales@offplan.fr', positions: ['sales'], isMain: true });
});

describe('data-quality summary', () => {
  it('counts customers without contact or main contact and contacts without position, with the list query', async () => {
    const res = await as(api, a).get('/api/v1/quality');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      customersWithoutContact: { count: 1, customersQuery: { withoutContacts: 'true' } },
      customersWithoutMainContact: { count: 2, customersQuery: { withoutMainContact: 'true' } },
      contactsWithoutPosition: {
        count: 2,
        customers: 2,
        customersQuery: { withContactWithoutPosition: 'true' },
      },
      customersWithoutRecipient: null,
    });
  });

  it('gives list queries that show exactly the customers counted', async () => {
    const summary = (await as(api, a).get('/api/v1/quality')).json();
    for (const key of ['customersWithoutContact', 'customersWithoutMainContact']) {
      const query = new URLSearchParams(summary[key].customersQuery).toString();
      const list = (await as(api, a).get(`/api/v1/customers?${query}`)).json();
      expect(list.items).toHaveLength(summary[key].count);
    }
  });

  it('counts the plan’s customers a step would reach nobody at', async () => {
    const step1 = (await as(api, a).get(`/api/v1/quality?plan=${planId}&step=1`)).json();
    expect(step1.customersWithoutRecipient).toEqual({
      planId,
      planName: 'Standard',
      step: 1,
      positions: ['accounting'],
      includeMainContact: true,
      count: 2,
      customersQuery: null,
    });
    const step2 = (await as(api, a).get(`/api/v1/quality?plan=${planId}&step=2`)).json();
    expect(step2.customersWithoutRecipient.count).toBe(3);
  });

  it('refuses a plan without a step, and a step the plan lacks', async () => {
    expect((await as(api, a).get(`/api/v1/quality?plan=${planId}`)).statusCode).toBe(400);
    const missing = await as(api, a).get(`/api/v1/quality?plan=${planId}&step=3`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('plan_step_not_found');
  });

  it('keeps organizations apart: B counts nothing of A’s and gets 404 on A’s plan', async () => {
    const own = (await as(api, b).get('/api/v1/quality')).json();
    expect(own.customersWithoutContact.count).toBe(0);
    expect(own.contactsWithoutPosition.count).toBe(0);
    expect((await as(api, b).get(`/api/v1/quality?plan=${planId}&step=1`)).statusCode).toBe(404);
  });
});

describe('data-quality summary at 100,000 customers', () => {
  it('counts exactly, one indexed statement per count', async () => {
    const big = await signUpAs(api, 'Quality Big');
    const plan = (
      await as(api, big).post('/api/v1/dunning-plans', {
        name: 'Big plan',
        steps: [{ daysFromDue: 0, positions: ['finance'], includeMainContact: true }],
      })
    ).json().id;
    // i % 4 = 0: no contact; 1: one contact without position; 2: a finance contact; 3: a main contact.
    // Every even customer is on the plan.
    await api.ctx.system.pool.query(
      `insert into customers (organization_id, name, name_key, dunning_plan_id)
       select $1, 'Customer ' || i, 'customer ' || i, case when i % 2 = 0 then $2::uuid end
         from generate_series(1, 100000) i`,
      [big.organizationId, plan],
    );
    await api.ctx.system.pool.query(
      `insert into contacts (organization_id, customer_id, email, positions, is_main)
       select c.organization_id, c.id, 'k@' || c.name_key || '.fr',
              case when n % 4 = 2 then array['finance'] else '{}'::text[] end, n % 4 = 3
         from (select *, substr(name_key, 10)::int as n from customers where organization_id = $1) c
        where n % 4 <> 0`,
      [big.organizationId],
    );
    await api.ctx.system.pool.query('analyze customers; analyze contacts');
    const started = Date.now();
    const res = (await as(api, big).get(`/api/v1/quality?plan=${plan}&step=1`)).json();
    const ms = Date.now() - started;
    expect(res.customersWithoutContact.count).toBe(25000);
    expect(res.customersWithoutMainContact.count).toBe(75000);
    expect(res.contactsWithoutPosition).toMatchObject({ count: 50000, customers: 50000 });
    // Even customers: i % 4 = 0 (no contact) have nobody; i % 4 = 2 have a finance contact.
    expect(res.customersWithoutRecipient.count).toBe(25000);
    console.log(`GET /quality with a plan step over 100,000 customers: ${ms} ms`);
  });
});
