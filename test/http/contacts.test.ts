import { beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApi, type Session, signUpAs, type TestApi } from '../helpers/app.ts';

let api: TestApi;
let admin: Session;
let customerUrl: string;

beforeAll(async () => {
  api = await createTestApi();
  admin = await signUpAs(api, 'Contacts');
  const c = (await as(api, admin).post('/api/v1/customers', { name: 'Client SA' })).json();
  customerUrl = `/api/v1/customers/${c.id}`;
});

describe('contacts', () => {
  it('adds a contact with normalised email and phone and its positions', async () => {
    const res = await as(api, admin).post(`${customerUrl}/contacts`, {
      email: 'Jean.Dupont@Client.fr',
      firstName: 'Jean',
      lastName: 'Dupont',
      phone: '06 12 34 56 78',
      positions: ['finance', 'accounting'],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      email: 'jean.dupont@client.fr',
      phone: '+33612345678',
      positions: ['accounting', 'finance'],
      isMain: false,
    });
  });

  it('refuses a second contact with the same email (any case) on the same customer', async () => {
    const res = await as(api, admin).post(`${customerUrl}/contacts`, { email: 'JEAN.DUPONT@client.fr' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('contact_email_taken');
  });

  it('requires a valid email and refuses unknown positions', async () => {
    const noEmail = await as(api, admin).post(`${customerUrl}/contacts`, { firstName: 'Anon' });
    expect(noEmail.json().errors[0]).toMatchObject({ field: 'email', code: 'missing_required' });
    const badPos = await as(api, admin).post(`${customerUrl}/contacts`, {
      email: 'x@client.fr',
      positions: ['boss'],
    });
    expect(badPos.statusCode).toBe(400);
    expect(badPos.json().code).toBe('validation_failed');
  });

  it('keeps at most one main contact: setting a new main clears the previous one', async () => {
    const a = (
      await as(api, admin).post(`${customerUrl}/contacts`, { email: 'a@client.fr', isMain: true })
    ).json();
    const b = (
      await as(api, admin).post(`${customerUrl}/contacts`, { email: 'b@client.fr', isMain: true })
    ).json();
    let list = (await as(api, admin).get(`${customerUrl}/contacts`)).json().items;
    expect(list.filter((c: { isMain: boolean }) => c.isMain).map((c: { id: string }) => c.id)).toEqual([
      b.id,
    ]);
    expect((await as(api, admin).post(`${customerUrl}/contacts/${a.id}/main`)).statusCode).toBe(200);
    list = (await as(api, admin).get(`${customerUrl}/contacts`)).json().items;
    expect(list[0]).toMatchObject({ id: a.id, isMain: true });
    expect(list.filter((c: { isMain: boolean }) => c.isMain)).toHaveLength(1);
  });

  it('edits and deletes a contact', async () => {
    const c = (
      await as(api, admin).post(`${customerUrl}/contacts`, { email: 'edit@client.fr', reference: 'R1' })
    ).json();
    const edited = await as(api, admin).patch(`${customerUrl}/contacts/${c.id}`, {
      reference: null,
      lastName: 'Née',
    });
    expect(edited.json()).toMatchObject({ reference: null, lastName: 'Née', email: 'edit@client.fr' });
    expect((await as(api, admin).delete(`${customerUrl}/contacts/${c.id}`)).statusCode).toBe(204);
    expect(
      (await as(api, admin).patch(`${customerUrl}/contacts/${c.id}`, { lastName: 'x' })).statusCode,
    ).toBe(404);
  });

  it('answers 404 for a contact under another customer of the same organization', async () => {
    const other = (await as(api, admin).post('/api/v1/customers', { name: 'Other SA' })).json();
    const c = (await as(api, admin).post(`${customerUrl}/contacts`, { email: 'mine@client.fr' })).json();
    const res = await as(api, admin).patch(`/api/v1/customers/${other.id}/contacts/${c.id}`, {
      lastName: 'x',
    });
    expect(res.statusCode).toBe(404);
  });

  it('deleting a customer deletes its contacts', async () => {
    const c = (await as(api, admin).post('/api/v1/customers', { name: 'Gone SA' })).json();
    await as(api, admin).post(`/api/v1/customers/${c.id}/contacts`, { email: 'gone@client.fr' });
    await as(api, admin).delete(`/api/v1/customers/${c.id}`);
    const { rows } = await api.ctx.system.pool.query(
      'select count(*)::int as n from contacts where email = $1',
      ['gone@client.fr'],
    );
    expect(rows[0].n).toBe(0);
  });
});
