import { beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApi, type Session, sessionCookie, signUpAs, type TestApi } from '../helpers/app.ts';

let api: TestApi;
let admin: Session;

beforeAll(async () => {
  api = await createTestApi();
  admin = await signUpAs(api, 'Acme');
});

describe('sign-up', () => {
  it('creates the organization with its admin and logs them in', async () => {
    const res = await as(api, admin).get('/api/v1/session');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ organizationId: admin.organizationId, role: 'admin', via: 'session' });
    expect(res.json().member.email).toBe('acme@example.com');
  });

  it('refuses an email that already has an account', async () => {
    const res = await api.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-up',
      payload: { organizationName: 'Other', name: 'X', email: 'ACME@example.com', password: 'long enough 1' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('email_taken');
  });

  it('refuses a short password and a bad email, naming the fields', async () => {
    const res = await api.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-up',
      payload: { organizationName: 'Other', name: 'X', email: 'not-an-email', password: 'short' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('validation_failed');
    expect(res.json().detail).toMatch(/email/);
    expect(res.json().detail).toMatch(/password/);
  });

  it('gives two organizations with the same name different slugs', async () => {
    const again = await signUpAs(api, 'Acme', 'acme2@example.com');
    expect(again.slug).not.toBe(admin.slug);
  });
});

describe('login and logout', () => {
  it('logs in with the right password and answers in French when asked', async () => {
    const ok = await api.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'acme@example.com', password: 'correct horse battery' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.cookies.find((c) => c.name === 'clientele_session')?.httpOnly).toBe(true);
    const bad = await api.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'accept-language': 'fr-FR,fr;q=0.9' },
      payload: { email: 'acme@example.com', password: 'wrong password' },
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().code).toBe('invalid_credentials');
    expect(bad.json().detail).toBe('Adresse e-mail ou mot de passe incorrect.');
  });

  it('ends the session on logout', async () => {
    const login = await api.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'acme@example.com', password: 'correct horse battery' },
    });
    const s = { ...admin, cookie: sessionCookie(login), csrfToken: login.json().csrfToken };
    expect((await as(api, s).post('/api/v1/auth/logout')).statusCode).toBe(204);
    const after = await as(api, s).get('/api/v1/session');
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('unauthenticated');
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const res = await api.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: { cookie: admin.cookie },
      payload: { name: 'No CSRF' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('csrf_failed');
  });

  it('refuses anonymous calls to private routes', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/api/v1/customers' });
    expect(res.statusCode).toBe(401);
  });
});

describe('API keys', () => {
  it('shows the key once, authenticates with it as Bearer, and stops after revocation', async () => {
    const created = await as(api, admin).post('/api/v1/api-keys', { name: 'ERP sync' });
    expect(created.statusCode).toBe(201);
    const { key, id } = created.json() as { key: string; id: string };
    expect(key).toMatch(/^clt_/);
    const listed = await as(api, admin).get('/api/v1/api-keys');
    expect(JSON.stringify(listed.json())).not.toContain(key);
    const viaKey = await api.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: { authorization: `Bearer ${key}` },
      payload: { name: 'Made with a key' },
    });
    expect(viaKey.statusCode).toBe(201);
    expect(viaKey.json().source).toBe('api');
    expect((await as(api, admin).delete(`/api/v1/api-keys/${id}`)).statusCode).toBe(204);
    const revoked = await api.app.inject({
      method: 'GET',
      url: '/api/v1/customers',
      headers: { authorization: `Bearer ${key}` },
    });
    expect(revoked.statusCode).toBe(401);
  });

  it('rejects a key name that is empty', async () => {
    const res = await as(api, admin).post('/api/v1/api-keys', { name: '   ' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('validation_failed');
  });
});
