import { beforeAll, describe, expect, it } from 'vitest';
import { ResponseCache } from '../../src/http/response-cache.ts';
import { inOrganization } from '../../src/services/context.ts';
import { as, createTestApi, type Session, signUpAs, type TestApi } from '../helpers/app.ts';
import { csv, runImportText } from '../helpers/imports.ts';

/**
 * The customer list answers from memory while its organization's data version stays the same
 * (src/http/response-cache.ts), and never shows a list older than the last committed change, whoever made it.
 */

let api: TestApi;
let a: Session;
let b: Session;

beforeAll(async () => {
  api = await createTestApi();
  a = await signUpAs(api, 'Cache A');
  b = await signUpAs(api, 'Cache B');
});

interface Item {
  id: string;
  name: string;
  contactCount: number;
  mainContactEmail: string | null;
  dunningPlan: { name: string | null } | null;
  accountManager: { email: string | null } | null;
}

async function list(s: Session, query = ''): Promise<Item[]> {
  const res = await as(api, s).get(`/api/v1/customers${query}`);
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  return res.json().items;
}

/** A change the data version does not see (triggers off, as the owner): only a cached answer hides it. */
async function changeBehindTheVersion(organizationId: string, sql: string): Promise<void> {
  const client = await api.ctx.system.pool.connect();
  try {
    await client.query('begin');
    await client.query('set local session_replication_role = replica');
    await client.query(sql, [organizationId]);
    await client.query('commit');
  } finally {
    client.release();
  }
}

describe('customer list kept in memory', () => {
  it('serves the same answer again while nothing changed, and a fresh one after any change', async () => {
    await as(api, a).post('/api/v1/customers', { name: 'Alpha SARL' });
    expect((await list(a)).map((c) => c.name)).toEqual(['Alpha SARL']);
    // Renamed behind the version's back: the kept answer is what is served (so it is really kept)…
    await changeBehindTheVersion(
      a.organizationId,
      "update customers set name = 'Hidden rename' where organization_id = $1",
    );
    expect((await list(a)).map((c) => c.name)).toEqual(['Alpha SARL']);
    // …until any committed change raises the version: then the list is read again, with both changes.
    await as(api, a).post('/api/v1/customers', { name: 'Beta SAS' });
    expect((await list(a)).map((c) => c.name).sort()).toEqual(['Beta SAS', 'Hidden rename']);
  });

  it('shows every kind of change at the next request: API writes, contacts, plans, imports, other connections', async () => {
    const customer = (await as(api, b).post('/api/v1/customers', { name: 'Gamma' })).json();
    expect((await list(b))[0]).toMatchObject({ name: 'Gamma', contactCount: 0, mainContactEmail: null });
    await as(api, b).patch(`/api/v1/customers/${customer.id}`, { name: 'Gamma Renamed' });
    expect((await list(b))[0]?.name).toBe('Gamma Renamed');
    const contact = (
      await as(api, b).post(`/api/v1/customers/${customer.id}/contacts`, { email: 'ap@gamma.fr' })
    ).json();
    expect((await list(b))[0]).toMatchObject({ contactCount: 1 });
    await as(api, b).post(`/api/v1/customers/${customer.id}/contacts/${contact.id}/main`);
    expect((await list(b))[0]?.mainContactEmail).toBe('ap@gamma.fr');
    const plan = (await as(api, b).post('/api/v1/dunning-plans', { name: 'Gentle' })).json();
    await as(api, b).patch(`/api/v1/customers/${customer.id}`, { dunningPlanId: plan.id });
    expect((await list(b))[0]?.dunningPlan?.name).toBe('Gentle');
    await as(api, b).patch(`/api/v1/dunning-plans/${plan.id}`, { name: 'Firm' });
    expect((await list(b))[0]?.dunningPlan?.name).toBe('Firm');
    // An import, as a worker process runs it.
    const actor = {
      organizationId: b.organizationId,
      memberId: null,
      userId: null,
      role: 'admin' as const,
      language: 'en' as const,
      via: 'cli' as const,
    };
    await runImportText(api.ctx, actor, 'customers', csv([['Company name'], ['Delta Import']]));
    expect((await list(b)).map((c) => c.name)).toContain('Delta Import');
    // Another connection of the application, outside this process's requests.
    await inOrganization(api.ctx, b.organizationId).pool.query(
      "update customers set name = 'Epsilon' where organization_id = $1 and name = 'Delta Import'",
      [b.organizationId],
    );
    expect((await list(b)).map((c) => c.name)).toContain('Epsilon');
    await as(api, b).delete(`/api/v1/customers/${customer.id}`);
    expect((await list(b)).map((c) => c.name)).not.toContain('Gamma Renamed');
  });

  it('keeps a customer and its contacts the same way', async () => {
    const customer = (await as(api, a).post('/api/v1/customers', { name: 'Theta' })).json();
    const base = `/api/v1/customers/${customer.id}`;
    await as(api, a).post(`${base}/contacts`, { email: 'one@theta.fr' });
    expect((await as(api, a).get(base)).json()).toMatchObject({ name: 'Theta', contactCount: 1 });
    expect((await as(api, a).get(`${base}/contacts`)).json().items).toHaveLength(1);
    await changeBehindTheVersion(
      a.organizationId,
      "update contacts set email = 'hidden@theta.fr' where organization_id = $1 and email = 'one@theta.fr'",
    );
    expect((await as(api, a).get(`${base}/contacts`)).json().items[0].email).toBe('one@theta.fr');
    const second = await as(api, a).post(`${base}/contacts`, { email: 'two@theta.fr', isMain: true });
    expect(second.statusCode).toBe(201);
    expect((await as(api, a).get(base)).json()).toMatchObject({
      contactCount: 2,
      mainContactEmail: 'two@theta.fr',
    });
    const emails = (await as(api, a).get(`${base}/contacts`))
      .json()
      .items.map((c: { email: string }) => c.email);
    expect(emails).toEqual(['two@theta.fr', 'hidden@theta.fr']);
    // Gone: answered 404, as before.
    await as(api, a).delete(base);
    expect((await as(api, a).get(base)).statusCode).toBe(404);
    expect((await as(api, a).get(`${base}/contacts`)).statusCode).toBe(404);
  });

  it('keeps searches, sorts and pages apart, and one organization’s answers from another', async () => {
    for (const name of ['Zeta One', 'Zeta Two', 'Eta Three'])
      await as(api, a).post('/api/v1/customers', { name });
    const zeta = await list(a, '?q=zeta');
    expect(zeta.map((c) => c.name).sort()).toEqual(['Zeta One', 'Zeta Two']);
    expect((await list(a, '?q=eta%20three')).map((c) => c.name)).toEqual(['Eta Three']);
    const firstPage = (await as(api, a).get('/api/v1/customers?limit=1')).json();
    const second = (await as(api, a).get(`/api/v1/customers?limit=1&cursor=${firstPage.nextCursor}`)).json();
    expect(second.items[0].id).not.toBe(firstPage.items[0].id);
    expect((await list(b, '?q=zeta')).map((c) => c.name)).toEqual([]);
    // A refused query is answered as before, and never kept.
    const bad = await as(api, a).get('/api/v1/customers?limit=0');
    expect(bad.statusCode).toBe(400);
    expect((await as(api, a).get('/api/v1/customers?limit=0')).statusCode).toBe(400);
  });

  it('does not answer a caller whose session ended from what it kept', async () => {
    await list(a);
    await as(api, a).post('/api/v1/auth/logout');
    expect((await as(api, a).get('/api/v1/customers')).statusCode).toBe(401);
    a = await (async () => {
      const res = await api.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: a.email, password: 'correct horse battery' },
      });
      expect(res.statusCode).toBe(200);
      const cookie = res.cookies.find((k) => k.name === 'clientele_session');
      return { ...a, cookie: `clientele_session=${cookie?.value}`, csrfToken: res.json().csrfToken };
    })();
    expect((await list(a)).length).toBeGreaterThan(0);
  });
});

describe('requests that arrive together', () => {
  it('are each authenticated as their own caller, across organizations and with a bad key among them', async () => {
    const keyOf = async (s: Session) =>
      (await as(api, s).post('/api/v1/api-keys', { name: 'together' })).json().key as string;
    const keys = [await keyOf(a), await keyOf(b)];
    const nameOf = async (s: Session) => (await as(api, s).get('/api/v1/organization')).json().name;
    const names = [await nameOf(a), await nameOf(b)];
    const replies = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        api.app.inject({
          method: 'GET',
          url: '/api/v1/organization',
          headers: { authorization: `Bearer ${i === 7 ? `${keys[0]}x` : keys[i % 2]}` },
        }),
      ),
    );
    replies.forEach((r, i) => {
      if (i === 7) expect(r.statusCode).toBe(401);
      else expect({ i, name: r.json().name }).toEqual({ i, name: names[i % 2] });
    });
  });
});

describe('ResponseCache', () => {
  it('serves an answer only for the version it was kept under', () => {
    const cache = new ResponseCache(1024);
    cache.set('org', '1', '/x', Buffer.from('one'));
    expect(cache.get('org', '1', '/x')?.toString()).toBe('one');
    expect(cache.get('org', '2', '/x')).toBeUndefined();
    // The stale answer is dropped when seen.
    expect(cache.get('org', '1', '/x')).toBeUndefined();
    expect(cache.bytes).toBe(0);
    expect(cache.get('other', '1', '/x')).toBeUndefined();
  });

  it('keeps at most its byte budget, dropping the least recently served first', () => {
    const cache = new ResponseCache(800);
    const body = (c: string) => Buffer.alloc(100, c);
    for (const k of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']) cache.set('org', '1', `/${k}`, body(k));
    expect(cache.bytes).toBe(800);
    expect(cache.get('org', '1', '/a')).toBeDefined();
    cache.set('org', '1', '/i', body('i'));
    expect(cache.bytes).toBe(800);
    expect(cache.get('org', '1', '/b')).toBeUndefined();
    expect(cache.get('org', '1', '/a')).toBeDefined();
    // An answer over an eighth of the budget is not kept at all.
    cache.set('org', '1', '/big', Buffer.alloc(101));
    expect(cache.get('org', '1', '/big')).toBeUndefined();
    expect(cache.bytes).toBe(800);
  });
});
