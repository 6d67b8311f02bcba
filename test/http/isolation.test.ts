import { beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApi, type Session, signUpAs, type TestApi } from '../helpers/app.ts';

/** Org B must not read, change or delete org A's records through any route: every attempt answers 404. */

let api: TestApi;
let a: Session;
let b: Session;
const ids: Record<string, string> = {};

beforeAll(async () => {
  api = await createTestApi();
  a = await signUpAs(api, 'Tenant A');
  b = await signUpAs(api, 'Tenant B');
  const customer = (
    await as(api, a).post('/api/v1/customers', { name: 'Secret Customer', externalId: 'A-1' })
  ).json();
  ids.customer = customer.id;
  ids.contact = (
    await as(api, a).post(`/api/v1/customers/${customer.id}/contacts`, { email: 'secret@a.fr' })
  ).json().id;
  ids.plan = (await as(api, a).post('/api/v1/dunning-plans', { name: 'A plan' })).json().id;
  ids.member = (await as(api, a).get('/api/v1/members/me')).json().id;
  ids.apiKey = (await as(api, a).post('/api/v1/api-keys', { name: 'A key' })).json().id;
  ids.invitation = (await as(api, a).post('/api/v1/invitations', { email: 'new@a.fr' })).json().id;
});

function expectNotFound(res: { statusCode: number; body: string }) {
  expect(res.statusCode).toBe(404);
  expect(res.body).not.toContain('Secret');
  expect(res.body).not.toContain('secret@a.fr');
}

describe('tenant isolation through the API', () => {
  it('customers: B cannot get, edit or delete A’s customer, and its lists and searches do not show it', async () => {
    const url = `/api/v1/customers/${ids.customer}`;
    expectNotFound(await as(api, b).get(url));
    expectNotFound(await as(api, b).patch(url, { name: 'Hijacked' }));
    expectNotFound(await as(api, b).delete(url));
    expect((await as(api, b).get('/api/v1/customers')).json().items).toEqual([]);
    expect((await as(api, b).get('/api/v1/customers?q=secret')).json().items).toEqual([]);
    expect((await as(api, a).get(url)).json().name).toBe('Secret Customer');
  });

  it('customers: B may reuse A’s name and external ID in its own organization', async () => {
    const res = await as(api, b).post('/api/v1/customers', { name: 'Secret Customer', externalId: 'A-1' });
    expect(res.statusCode).toBe(201);
  });

  it('contacts: B cannot list, add, edit, make main or delete under A’s customer', async () => {
    const base = `/api/v1/customers/${ids.customer}/contacts`;
    expectNotFound(await as(api, b).get(base));
    expectNotFound(await as(api, b).post(base, { email: 'intruder@b.fr' }));
    expectNotFound(await as(api, b).patch(`${base}/${ids.contact}`, { lastName: 'x' }));
    expectNotFound(await as(api, b).post(`${base}/${ids.contact}/main`));
    expectNotFound(await as(api, b).delete(`${base}/${ids.contact}`));
    expect((await as(api, a).get(base)).json().items).toHaveLength(1);
  });

  it('dunning plans: B cannot get, rename or delete A’s plan, nor assign it', async () => {
    const url = `/api/v1/dunning-plans/${ids.plan}`;
    expectNotFound(await as(api, b).get(url));
    expectNotFound(await as(api, b).patch(url, { name: 'x' }));
    expectNotFound(await as(api, b).delete(url));
    expect((await as(api, b).get('/api/v1/dunning-plans')).json().items).toEqual([]);
    const assign = await as(api, b).post('/api/v1/customers', { name: 'Sneaky', dunningPlanId: ids.plan });
    expect(assign.statusCode).toBe(400);
    expect(assign.json().errors[0].code).toBe('dunning_plan_not_found');
  });

  it('members: B cannot read, change or remove A’s member, nor make them account manager', async () => {
    const url = `/api/v1/members/${ids.member}`;
    expectNotFound(await as(api, b).get(url));
    expectNotFound(await as(api, b).patch(url, { role: 'member' }));
    expectNotFound(await as(api, b).delete(url));
    const assign = await as(api, b).post('/api/v1/customers', {
      name: 'Sneaky 2',
      accountManagerId: ids.member,
    });
    expect(assign.json().errors[0].code).toBe('account_manager_not_found');
  });

  it('API keys and invitations: B cannot revoke A’s', async () => {
    expectNotFound(await as(api, b).delete(`/api/v1/api-keys/${ids.apiKey}`));
    expectNotFound(await as(api, b).delete(`/api/v1/invitations/${ids.invitation}`));
    expect((await as(api, b).get('/api/v1/api-keys')).json().items).toEqual([]);
    expect((await as(api, b).get('/api/v1/invitations')).json().items).toEqual([]);
  });
});
