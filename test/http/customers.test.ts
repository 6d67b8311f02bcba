import { beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApi, type Session, signUpAs, type TestApi } from '../helpers/app.ts';

let api: TestApi;
let admin: Session;
const url = '/api/v1/customers';

beforeAll(async () => {
  api = await createTestApi();
  admin = await signUpAs(api, 'Customers');
});

describe('customers', () => {
  it('creates a customer from a name alone, marked as manual', async () => {
    const res = await as(api, admin).post(url, { name: '  Société  Générale ' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      name: 'Société Générale',
      source: 'manual',
      contactCount: 0,
      externalId: null,
    });
  });

  it('normalises what it stores: email lower-cased, phone in E.164, country code, French postal code', async () => {
    const res = await as(api, admin).post(url, {
      name: 'Boulangerie Martin',
      email: 'Compta@Martin.FR',
      phone: '01 23 45 67 89',
      country: 'France',
      postalCode: '1000',
      city: 'Bourg-en-Bresse',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      email: 'compta@martin.fr',
      phone: '+33123456789',
      country: 'FR',
      postalCode: '01000',
    });
  });

  it('refuses invalid fields with every field error and its code', async () => {
    const res = await as(api, admin).post(url, {
      name: 'Bad',
      email: 'nope',
      phone: '12',
      country: 'Atlantis',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('validation_failed');
    const codes = Object.fromEntries(
      res.json().errors.map((e: { field: string; code: string }) => [e.field, e.code]),
    );
    expect(codes).toEqual({ email: 'invalid_email', phone: 'invalid_phone', country: 'unknown_country' });
  });

  it('refuses a missing name', async () => {
    const res = await as(api, admin).post(url, { email: 'a@b.fr' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'name', code: 'missing_required' })]);
  });

  it('refuses a name that differs only by case, accents and spaces', async () => {
    await as(api, admin).post(url, { name: 'Électricité Dupont' });
    const res = await as(api, admin).post(url, { name: 'electricite   DUPONT' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'customer_name_taken', params: { name: 'Électricité Dupont' } });
  });

  it('refuses an external ID used by another customer', async () => {
    await as(api, admin).post(url, { name: 'First Ltd', externalId: 'C-001' });
    const res = await as(api, admin).post(url, { name: 'Second Ltd', externalId: 'C-001' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'external_id_taken',
      params: { externalId: 'C-001', name: 'First Ltd' },
    });
  });

  it('gets, edits (null clears, absent keeps) and deletes', async () => {
    const created = (
      await as(api, admin).post(url, { name: 'Editable', city: 'Lyon', vatNumber: 'fr 12 345' })
    ).json();
    expect(created.vatNumber).toBe('FR12345');
    const got = await as(api, admin).get(`${url}/${created.id}`);
    expect(got.json().name).toBe('Editable');
    const edited = await as(api, admin).patch(`${url}/${created.id}`, { city: null, externalId: 'E-9' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({
      city: null,
      externalId: 'E-9',
      vatNumber: 'FR12345',
      name: 'Editable',
    });
    const noName = await as(api, admin).patch(`${url}/${created.id}`, { name: '' });
    expect(noName.json().code).toBe('validation_failed');
    expect((await as(api, admin).delete(`${url}/${created.id}`)).statusCode).toBe(204);
    expect((await as(api, admin).get(`${url}/${created.id}`)).statusCode).toBe(404);
    expect((await as(api, admin).delete(`${url}/${created.id}`)).statusCode).toBe(404);
  });

  it('assigns an account manager and a dunning plan, refusing unknown ones', async () => {
    const me = (await as(api, admin).get('/api/v1/members/me')).json();
    const plan = (await as(api, admin).post('/api/v1/dunning-plans', { name: 'Standard' })).json();
    const res = await as(api, admin).post(url, {
      name: 'Assigned',
      accountManagerId: me.id,
      dunningPlanId: plan.id,
    });
    expect(res.json()).toMatchObject({
      accountManager: { id: me.id, email: 'customers@example.com' },
      dunningPlan: { id: plan.id, name: 'Standard' },
    });
    const bad = await as(api, admin).post(url, {
      name: 'Bad refs',
      accountManagerId: '00000000-0000-4000-8000-000000000000',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({
      field: 'accountManagerId',
      code: 'account_manager_not_found',
    });
  });

  it('answers 400 for a malformed id', async () => {
    const res = await as(api, admin).get(`${url}/not-a-uuid`);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('validation_failed');
  });
});

describe('customer list', () => {
  let s: Session;
  beforeAll(async () => {
    s = await signUpAs(api, 'Lister');
    for (const name of ['Zeta', 'Alpha', 'Émile & Fils', 'beta', 'Gamma']) {
      await as(api, s).post(url, { name, externalId: `X-${name.slice(0, 2).toUpperCase()}` });
    }
    const gamma = (await as(api, s).get(`${url}?q=gamma`)).json().items[0];
    await as(api, s).post(`${url}/${gamma.id}/contacts`, { email: 'pay@gamma.io', isMain: true });
  });

  it('sorts by name ignoring case and accents and pages with a cursor', async () => {
    const first = (await as(api, s).get(`${url}?limit=2`)).json();
    expect(first.items.map((c: { name: string }) => c.name)).toEqual(['Alpha', 'beta']);
    const second = (await as(api, s).get(`${url}?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((c: { name: string }) => c.name)).toEqual(['Émile & Fils', 'Gamma']);
    const third = (await as(api, s).get(`${url}?limit=2&cursor=${second.nextCursor}`)).json();
    expect(third.items.map((c: { name: string }) => c.name)).toEqual(['Zeta']);
    expect(third.nextCursor).toBeNull();
  });

  it('sorts by creation date descending across pages', async () => {
    const a = (await as(api, s).get(`${url}?sort=createdAt&order=desc&limit=3`)).json();
    const b = (
      await as(api, s).get(`${url}?sort=createdAt&order=desc&limit=3&cursor=${a.nextCursor}`)
    ).json();
    expect([...a.items, ...b.items].map((c: { name: string }) => c.name)).toEqual([
      'Gamma',
      'beta',
      'Émile & Fils',
      'Alpha',
      'Zeta',
    ]);
  });

  it('searches names without accents, external IDs and contact emails', async () => {
    const names = async (q: string) =>
      (await as(api, s).get(`${url}?q=${encodeURIComponent(q)}`))
        .json()
        .items.map((c: { name: string }) => c.name);
    expect(await names('emile')).toEqual(['Émile & Fils']);
    expect(await names('x-ze')).toEqual(['Zeta']);
    expect(await names('pay@gamma')).toEqual(['Gamma']);
    expect(await names('100%')).toEqual([]);
  });

  it('filters customers without contacts or without main contact', async () => {
    const without = (await as(api, s).get(`${url}?withoutContacts=true`)).json();
    expect(without.items).toHaveLength(4);
    const gamma = (await as(api, s).get(`${url}?q=gamma`)).json().items[0];
    expect(gamma).toMatchObject({ contactCount: 1, mainContactEmail: 'pay@gamma.io' });
  });

  it('refuses a cursor that was tampered with', async () => {
    const res = await as(api, s).get(`${url}?cursor=garbage`);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('invalid_cursor');
  });
});

describe('templates and exports', () => {
  it('downloads the French contacts template as CSV with the seed article’s columns', async () => {
    const res = await as(api, admin).get('/api/v1/templates/contacts?format=csv&lang=fr');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="/);
    expect(res.body).toMatch(
      /^\ufeffNom du client;Identifiant Externe du client;Adresse mail;Contact principal/,
    );
  });

  it('downloads the XLSX template as a zip workbook', async () => {
    const res = await as(api, admin).get('/api/v1/templates/customers?format=xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('exports the customers of the caller’s organization only', async () => {
    const res = await as(api, admin).get('/api/v1/exports/customers?format=csv&lang=en');
    expect(res.statusCode).toBe(200);
    expect(res.body.split('\r\n')[0]).toBe(
      '\ufeffCustomer name,External ID,Email,Phone number,Address line 1,Address line 2,Postal code,City,Country,VAT number,Account manager,Dunning plan',
    );
    expect(res.body).toContain('Société Générale');
    const other = await signUpAs(api, 'Exporter');
    const theirs = await as(api, other).get('/api/v1/exports/customers?format=csv&lang=en');
    expect(theirs.body).not.toContain('Société Générale');
  });

  it('refuses an unknown template kind', async () => {
    const res = await as(api, admin).get('/api/v1/templates/payments');
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('validation_failed');
  });
});

describe('customer list filters for data quality', () => {
  it('lists the customers that have a contact without any position', async () => {
    const s = await signUpAs(api, 'Quality Filters');
    const a = (await as(api, s).post(url, { name: 'With positions' })).json();
    const b = (await as(api, s).post(url, { name: 'Missing positions' })).json();
    await as(api, s).post(`${url}/${a.id}/contacts`, { email: 'a@a.fr', positions: ['finance'] });
    await as(api, s).post(`${url}/${b.id}/contacts`, { email: 'b@b.fr' });
    const res = await as(api, s).get(`${url}?withContactWithoutPosition=true`);
    expect(res.json().items.map((c: { name: string }) => c.name)).toEqual(['Missing positions']);
    const quality = await as(api, s).get('/api/v1/quality');
    expect(quality.json().contactsWithoutPosition).toMatchObject({
      count: 1,
      customersQuery: { withContactWithoutPosition: 'true' },
    });
  });
});
