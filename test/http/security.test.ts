import { createHash } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT, buildApp } from '../../src/http/app.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import { as, createTestApi, type Session, sessionCookie, signUpAs, type TestApi } from '../helpers/app.ts';
import { csv } from '../helpers/imports.ts';
import { multipartBody } from '../helpers/multipart.ts';

let api: TestApi;
let admin: Session;
const PASSWORD = 'correct horse battery';

beforeAll(async () => {
  api = await createTestApi();
  admin = await signUpAs(api, 'Secure');
});

/** Another app on the same database, with its own settings and its own rate-limit counts; closed after use. */
async function withApp<T>(
  options: { publicUrl?: string; maxBytes?: number; maxUploadBytes?: number; uploadsPerMinute?: number },
  use: (app: FastifyInstance, ctx: ServiceContext) => Promise<T>,
): Promise<T> {
  const settings = api.ctx.settings;
  const ctx: ServiceContext = {
    ...api.ctx,
    settings: {
      ...settings,
      publicUrl: options.publicUrl ?? settings.publicUrl,
      files: { ...settings.files, maxBytes: options.maxBytes ?? settings.files.maxBytes },
    },
  };
  const app = await buildApp({
    ctx,
    cookieSecure: false,
    maxUploadBytes: options.maxUploadBytes ?? 50 * 1024 * 1024,
    ...(options.uploadsPerMinute ? { uploadsPerMinute: options.uploadsPerMinute } : {}),
  });
  try {
    return await use(app, ctx);
  } finally {
    await app.close();
  }
}

/** A login attempt; `password: null` sends a malformed body (refused before any password check, still counted). */
function login(
  app: FastifyInstance,
  password: string | null = PASSWORD,
  remoteAddress?: string,
  forwardedFor?: string,
) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    ...(remoteAddress ? { remoteAddress } : {}),
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
    payload: password === null ? { email: admin.email } : { email: admin.email, password },
  });
}

function upload(
  app: FastifyInstance,
  headers: Record<string, string>,
  content: Buffer | string,
  kind = 'customers',
) {
  const { payload, contentType } = multipartBody([
    { name: 'kind', value: kind },
    { name: 'file', fileName: 'customers.csv', content, contentType: 'text/csv' },
  ]);
  return app.inject({
    method: 'POST',
    url: '/api/v1/imports',
    headers: { ...headers, 'content-type': contentType },
    payload,
  });
}

const sessionHeaders = (s: Session) => ({ cookie: s.cookie, 'x-csrf-token': s.csrfToken });
const CUSTOMERS_FILE = csv([['Name'], ['Acme']]);

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await api.ctx.system.pool.query<{ n: number }>(sql, params);
  return rows[0]!.n;
}

async function createApiKey(name: string): Promise<{ key: string; id: string }> {
  const res = await as(api, admin).post('/api/v1/api-keys', { name });
  expect(res.statusCode).toBe(201);
  return res.json();
}

describe('passwords', () => {
  it('are stored as salted scrypt hashes, never as the password, different for the same password', async () => {
    await signUpAs(api, 'Same Password', 'same-password@example.com');
    const { rows } = await api.ctx.system.pool.query<{ password_hash: string }>(
      'select password_hash from users where email = any($1) order by email',
      [[admin.email, 'same-password@example.com']],
    );
    expect(rows).toHaveLength(2);
    const parsed = rows.map(({ password_hash: stored }) => {
      expect(stored).not.toContain(PASSWORD);
      const m = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([\w-]+)\$([\w-]+)$/.exec(stored);
      expect(m, stored).not.toBeNull();
      const [, n, r, p, salt, key] = m!;
      // OWASP's minimum for scrypt: N = 2^17, r = 8, p = 1.
      expect(Number(n)).toBeGreaterThanOrEqual(2 ** 17);
      expect([Number(r), Number(p)]).toEqual([8, 1]);
      expect(Buffer.from(salt!, 'base64url')).toHaveLength(16);
      expect(Buffer.from(key!, 'base64url')).toHaveLength(32);
      return { stored, salt };
    });
    // Same password, two people: different salts, so different hashes.
    expect(parsed[0]!.salt).not.toBe(parsed[1]!.salt);
    expect(parsed[0]!.stored).not.toBe(parsed[1]!.stored);
  });
});

describe('session cookie', () => {
  const sessionCookieOf = (res: LightMyRequestResponse) =>
    res.cookies.find((c) => c.name === 'clientele_session');

  it('is HttpOnly, SameSite=Lax and for the whole site, not Secure over plain http', async () => {
    const res = await login(api.app);
    expect(res.statusCode).toBe(200);
    const cookie = sessionCookieOf(res);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    expect(cookie?.expires).toBeInstanceOf(Date);
  });

  it('is Secure, and HSTS is sent, when the public URL is https', async () => {
    await withApp({ publicUrl: 'https://clientele.example.com' }, async (app) => {
      const res = await login(app);
      expect(res.statusCode).toBe(200);
      expect(sessionCookieOf(res)).toMatchObject({
        httpOnly: true,
        sameSite: 'Lax',
        path: '/',
        secure: true,
      });
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d{7,}/);
      expect(String(res.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
    });
  });
});

describe('CSRF', () => {
  const url = '/api/v1/customers';

  async function createCustomer(name: string): Promise<string> {
    const res = await as(api, admin).post(url, { name });
    expect(res.statusCode).toBe(201);
    return res.json().id;
  }

  it('refuses a cookie-authenticated POST, PATCH or DELETE without the token or with a wrong one', async () => {
    const id = await createCustomer('CSRF target');
    const other = await login(api.app);
    const otherToken: string = other.json().csrfToken;
    const requests = [
      { method: 'POST' as const, url, payload: { name: 'Forged' } },
      { method: 'PATCH' as const, url: `${url}/${id}`, payload: { name: 'Renamed by a forged request' } },
      { method: 'DELETE' as const, url: `${url}/${id}` },
    ];
    // No header, an empty one, someone's guess, and the token of another of the same person's sessions.
    const tokens = [undefined, '', 'x'.repeat(admin.csrfToken.length), otherToken];
    for (const req of requests) {
      for (const token of tokens) {
        const res = await api.app.inject({
          ...req,
          headers: { cookie: admin.cookie, ...(token === undefined ? {} : { 'x-csrf-token': token }) },
        });
        expect(res.statusCode, `${req.method} ${token}`).toBe(403);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json().code).toBe('csrf_failed');
      }
    }
    expect(await count('select count(*)::int as n from customers where name = $1', ['Forged'])).toBe(0);
    const kept = await as(api, admin).get(`${url}/${id}`);
    expect(kept.json().name).toBe('CSRF target');
  });

  it('accepts the same writes with the session’s token', async () => {
    const id = await createCustomer('CSRF accepted');
    expect((await as(api, admin).patch(`${url}/${id}`, { name: 'CSRF renamed' })).statusCode).toBe(200);
    expect((await as(api, admin).delete(`${url}/${id}`)).statusCode).toBe(204);
  });

  it('asks nothing of API-key requests', async () => {
    const { key } = await createApiKey('No CSRF needed');
    const authorization = `Bearer ${key}`;
    const created = await api.app.inject({
      method: 'POST',
      url,
      headers: { authorization },
      payload: { name: 'Made by a script' },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const patched = await api.app.inject({
      method: 'PATCH',
      url: `${url}/${id}`,
      headers: { authorization },
      payload: { city: 'Lyon' },
    });
    expect(patched.statusCode).toBe(200);
    const deleted = await api.app.inject({
      method: 'DELETE',
      url: `${url}/${id}`,
      headers: { authorization },
    });
    expect(deleted.statusCode).toBe(204);
  });
});

describe('API keys', () => {
  it('are stored as a hash: no table holds the key or its secret part', async () => {
    const { key } = await createApiKey('Stored hashed');
    const [, prefix, secret] = /^clt_([A-Za-z0-9]+)_(.+)$/.exec(key)!;
    const { rows } = await api.ctx.system.pool.query<{ prefix: string; key_hash: string }>(
      'select prefix, key_hash from api_keys where prefix = $1',
      [prefix],
    );
    expect(rows).toEqual([{ prefix, key_hash: createHash('sha256').update(key).digest('hex') }]);
    // Every row of every table, as text.
    const tables = await api.ctx.system.pool.query<{ name: string }>(
      "select quote_ident(table_name) as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'",
    );
    expect(tables.rows.length).toBeGreaterThan(5);
    for (const { name } of tables.rows) {
      const found = await count(
        `select count(*)::int as n from ${name} t where strpos(t::text, $1) > 0 or strpos(t::text, $2) > 0`,
        [key, secret],
      );
      expect(found, name).toBe(0);
    }
  });

  it('refuses a revoked key, and a known prefix with a wrong secret', async () => {
    const { key, id } = await createApiKey('Revoked');
    const get = (authorization: string) =>
      api.app.inject({ method: 'GET', url: '/api/v1/customers', headers: { authorization } });
    expect((await get(`Bearer ${key}`)).statusCode).toBe(200);
    const forged = `${key.slice(0, key.lastIndexOf('_') + 1)}${'A'.repeat(40)}`;
    expect((await get(`Bearer ${forged}`)).json().code).toBe('unauthenticated');
    expect((await as(api, admin).delete(`/api/v1/api-keys/${id}`)).statusCode).toBe(204);
    const revoked = await get(`Bearer ${key}`);
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().code).toBe('unauthenticated');
  });
});

describe('rate limits', () => {
  const expectLimited = (res: LightMyRequestResponse) => {
    expect(res.statusCode).toBe(429);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('rate_limited');
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
  };

  it('answers the 11th login attempt of a minute with 429, rate_limited and Retry-After', async () => {
    await withApp({}, async (app) => {
      // Every attempt counts, malformed or not (hashing a wrong password ten times would only slow the test).
      for (let i = 0; i < 9; i++) expect((await login(app, null)).statusCode).toBe(400);
      expect((await login(app, 'wrong password')).statusCode).toBe(401);
      expectLimited(await login(app));
      // Another address still may.
      expect((await login(app, PASSWORD, '198.51.100.20')).statusCode).toBe(200);
    });
  });

  it('counts a client by its own address, whatever X-Forwarded-For it sends', async () => {
    await withApp({}, async (app) => {
      for (let i = 0; i < 10; i++) {
        const res = await login(app, null, '203.0.113.7', `192.0.2.${i}`);
        expect(res.statusCode).toBe(400);
      }
      expectLimited(await login(app, PASSWORD, '203.0.113.7', '192.0.2.99'));
      // Behind a proxy on a private network, the address the proxy saw is the one counted.
      expect((await login(app, PASSWORD, '10.0.0.2', '203.0.113.7')).statusCode).toBe(429);
      expect((await login(app, PASSWORD, '10.0.0.2', '198.51.100.9')).statusCode).toBe(200);
    });
  });

  it('limits uploads per member and per API key, storing nothing for a refused one', async () => {
    const { key } = await createApiKey('Uploads');
    const second = await signUpAs(api, 'Second Uploader');
    await withApp({ uploadsPerMinute: 3 }, async (app) => {
      for (let i = 0; i < 3; i++) {
        expect((await upload(app, sessionHeaders(admin), CUSTOMERS_FILE)).statusCode).toBe(201);
      }
      const before = await count('select count(*)::int as n from imports');
      expectLimited(await upload(app, sessionHeaders(admin), CUSTOMERS_FILE));
      expect(await count('select count(*)::int as n from imports')).toBe(before);
      // Another login of the same member shares the count; another member and an API key have their own.
      const again = await login(app, PASSWORD, '198.51.100.30');
      const sameMember = { cookie: sessionCookie(again), 'x-csrf-token': again.json().csrfToken as string };
      expect((await upload(app, sameMember, CUSTOMERS_FILE)).statusCode).toBe(429);
      expect((await upload(app, sessionHeaders(second), CUSTOMERS_FILE)).statusCode).toBe(201);
      expect((await upload(app, { authorization: `Bearer ${key}` }, CUSTOMERS_FILE)).statusCode).toBe(201);
    });
  });
});

describe('security headers', () => {
  function expectHeaders(res: LightMyRequestResponse, what: string) {
    // One policy, whole: made once for the app, helmet's defaults included.
    expect(typeof res.headers['content-security-policy'], what).toBe('string');
    const csp = String(res.headers['content-security-policy']);
    expect(csp, what).toContain("default-src 'self'");
    expect(csp, what).toContain("base-uri 'self'");
    expect(csp, what).toContain("form-action 'self'");
    expect(csp, what).toContain("script-src-attr 'none'");
    expect(csp, what).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp, what).toMatch(/script-src 'self'(;|$)/);
    expect(csp, what).toContain("object-src 'none'");
    expect(csp, what).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options'], what).toBe('nosniff');
    expect(res.headers['x-frame-options'], what).toBe('DENY');
    expect(res.headers['referrer-policy'], what).toBe('no-referrer');
  }

  it('are on API answers, errors included, and on the web app’s page', async () => {
    const answers: [string, LightMyRequestResponse][] = [
      ['session', await as(api, admin).get('/api/v1/session')],
      ['anonymous', await api.app.inject({ method: 'GET', url: '/api/v1/customers' })],
      ['unknown API path', await as(api, admin).get('/api/v1/nothing-here')],
      ['OpenAPI', await api.app.inject({ method: 'GET', url: '/api/openapi.json' })],
      ['API docs', await api.app.inject({ method: 'GET', url: '/api/docs/' })],
      ['health', await api.app.inject({ method: 'GET', url: '/health' })],
    ];
    for (const [what, res] of answers) expectHeaders(res, what);
    expect(answers.map(([, r]) => r.statusCode)).toEqual([200, 401, 404, 200, 200, 200]);
    // index.html, for the root and for the app's own routes (a 503 page when web/dist is not built).
    for (const path of ['/', '/customers', '/imports/123']) {
      const res = await api.app.inject({ method: 'GET', url: path });
      expect(res.headers['content-type'], path).toContain('text/html');
      expectHeaders(res, path);
    }
  });

  it('leave HSTS and the upgrade of requests out over plain http, and send them over https', async () => {
    const plain = await api.app.inject({ method: 'GET', url: '/health' });
    expect(plain.headers['strict-transport-security']).toBe(undefined);
    // Served over plain HTTP on a laptop: upgrading would break every asset.
    expect(String(plain.headers['content-security-policy'])).not.toContain('upgrade-insecure-requests');
    await withApp({ publicUrl: 'https://clientele.example.com' }, async (app) => {
      for (const path of ['/health', '/', '/api/v1/customers']) {
        const res = await app.inject({ method: 'GET', url: path });
        expect(res.headers['strict-transport-security'], path).toBe('max-age=31536000; includeSubDomains');
        expect(String(res.headers['content-security-policy']), path).toMatch(/;upgrade-insecure-requests$/);
        expectHeaders(res, path);
      }
    });
  });
});

describe('size limits', () => {
  const big = Buffer.concat([Buffer.from('Name\r\n'), Buffer.alloc(8 * 1024, 'Acme\r\n')]);

  async function expectNothingStored(before: number) {
    // A refused upload may stay in the history as failed, never with its bytes, not even some of them.
    const rows = await api.ctx.system.pool.query<{ status: string; file_size: string; chunks: number }>(
      `select i.status, i.file_size::text, (select count(*)::int from import_file_chunks c
         where c.organization_id = i.organization_id and c.import_id = i.id) as chunks
       from imports i where i.organization_id = $1 order by i.created_at offset $2`,
      [admin.organizationId, before],
    );
    for (const row of rows.rows) expect(row).toEqual({ status: 'failed', file_size: '0', chunks: 0 });
  }
  const importsOf = () =>
    count('select count(*)::int as n from imports where organization_id = $1', [admin.organizationId]);

  it('answer 413 file_too_large to a file over the configured maximum (MAX_UPLOAD_BYTES)', async () => {
    await withApp({ maxBytes: 4096 }, async (app) => {
      const before = await importsOf();
      const res = await upload(app, sessionHeaders(admin), big);
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({ code: 'file_too_large', params: { limit: '4 KB' } });
      await expectNothingStored(before);
    });
  });

  it('answer 413 when the multipart limit cuts the file', async () => {
    await withApp({ maxUploadBytes: 4096 }, async (app) => {
      const before = await importsOf();
      const res = await upload(app, sessionHeaders(admin), big);
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({ code: 'file_too_large', params: { limit: '4 KB' } });
      await expectNothingStored(before);
    });
  });

  it('answer 413 to a JSON body over the body limit, naming that limit', async () => {
    const res = await as(api, admin).post('/api/v1/customers', { name: 'Big', city: 'x'.repeat(BODY_LIMIT) });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'file_too_large', params: { limit: '5 MB' } });
    expect(await count('select count(*)::int as n from customers where name = $1', ['Big'])).toBe(0);
  });
});
