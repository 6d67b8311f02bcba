import { beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApi, type Session, signUpAs, type TestApi } from '../helpers/app.ts';

let api: TestApi;
let a: Session;
let b: Session;
let planId: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  api = await createTestApi();
  a = await signUpAs(api, 'Recipients A');
  b = await signUpAs(api, 'Recipients B');
  const plan = await as(api, a).post('/api/v1/dunning-plans', {
    name: 'Standard',
    steps: [
      { daysFromDue: -5, positions: ['accounting', 'finance'], includeMainContact: true },
      { daysFromDue: 5, positions: [], includeMainContact: true },
      { daysFromDue: 15, positions: ['sales'], includeMainContact: false },
      { daysFromDue: 30, positions: [], includeMainContact: false },
    ],
  });
  expect(plan.statusCode).toBe(201);
  planId = plan.json().id;

  ids.full = (await as(api, a).post('/api/v1/customers', { name: 'Full Contacts' })).json().id;
  const add = (customer: string | undefined, body: object) =>
    as(api, a)
      .post(`/api/v1/customers/${customer}/contacts`, body)
      .then((r) => r.json().id as string);
  ids.main = await add(ids.full, {
    email: 'boss@full.fr',
    firstName: 'Marie',
    lastName: 'Curie',
    isMain: true,
  });
  ids.acc = await add(ids.full, { email: 'ap@full.fr', positions: ['accounting'] });
  ids.sales = await add(ids.full, { email: 'sales@full.fr', positions: ['sales', 'buyer'] });

  ids.sparse = (await as(api, a).post('/api/v1/customers', { name: 'Sparse' })).json().id;
  await add(ids.sparse, { email: 'buyer@sparse.fr', positions: ['buyer'] });
  ids.empty = (await as(api, a).post('/api/v1/customers', { name: 'Nobody Here' })).json().id;
});

const url = (customer: string | undefined, step: number, plan = planId) =>
  `/api/v1/customers/${customer}/reminder-recipients?plan=${plan}&step=${step}`;

describe('reminder recipients', () => {
  it('prefills the contacts whose positions match the step', async () => {
    const res = await as(api, a).get(url(ids.full, 1));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      customerId: ids.full,
      planId,
      step: 1,
      positions: ['accounting', 'finance'],
      includeMainContact: true,
      items: [{ contactId: ids.acc, email: 'ap@full.fr', name: null, reason: 'position_match' }],
      reason: null,
      messageCode: null,
      message: null,
    });
  });

  it('prefills the main contact for a step without positions that includes it', async () => {
    const res = (await as(api, a).get(url(ids.full, 2))).json();
    expect(res.items).toEqual([
      { contactId: ids.main, email: 'boss@full.fr', name: 'Marie Curie', reason: 'main_contact' },
    ]);
  });

  it('prefills position matches only, never the main contact, for a step that excludes it', async () => {
    const res = (await as(api, a).get(url(ids.full, 3))).json();
    expect(res.items.map((r: { email: string }) => r.email)).toEqual(['sales@full.fr']);
  });

  it('answers an empty list with no_recipient and a message saying why and what to do', async () => {
    const noMatch = (await as(api, a).get(url(ids.sparse, 1))).json();
    expect(noMatch).toMatchObject({
      items: [],
      reason: 'no_recipient',
      messageCode: 'no_recipient_positions_or_main',
    });
    expect(noMatch.message).toBe(
      'Nobody will receive this reminder: no contact has the position Accounting or Finance and the customer has no main contact. Give a contact one of these positions or make one the main contact.',
    );
    const noMain = (await as(api, a).get(url(ids.sparse, 2))).json();
    expect(noMain).toMatchObject({ items: [], reason: 'no_recipient', messageCode: 'no_recipient_main' });
    const nobody = (await as(api, a).get(url(ids.empty, 1))).json();
    expect(nobody).toMatchObject({ reason: 'no_recipient', messageCode: 'no_recipient_no_contacts' });
    expect(nobody.message).toMatch(/no contact/);
    const emptyStep = (await as(api, a).get(url(ids.full, 4))).json();
    expect(emptyStep).toMatchObject({ items: [], messageCode: 'no_recipient_empty_step' });
  });

  it('answers in the caller’s language', async () => {
    // (A notifications key rides along: PATCH /members/me with only name or language answers 500 today.)
    const me = await as(api, a).patch('/api/v1/members/me', {
      language: 'fr',
      notifications: { inApp: true },
    });
    expect(me.statusCode).toBe(200);
    const res = (await as(api, a).get(url(ids.sparse, 1))).json();
    expect(res.message).toContain('Comptable ou Finance');
    await as(api, a).patch('/api/v1/members/me', { language: 'en', notifications: { inApp: true } });
  });

  it('refuses an unknown step, and a missing plan or step', async () => {
    const step = await as(api, a).get(url(ids.full, 9));
    expect(step.statusCode).toBe(404);
    expect(step.json()).toMatchObject({ code: 'plan_step_not_found', params: { step: 9, count: 4 } });
    expect((await as(api, a).get(`/api/v1/customers/${ids.full}/reminder-recipients`)).statusCode).toBe(400);
  });

  it('keeps organizations apart: B gets 404 on A’s customer, and on A’s plan for its own customer', async () => {
    const res = await as(api, b).get(url(ids.full, 1));
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('full.fr');
    const own = (await as(api, b).post('/api/v1/customers', { name: 'B customer' })).json().id;
    expect((await as(api, b).get(url(own, 1))).statusCode).toBe(404);
  });
});
