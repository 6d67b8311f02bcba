import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { startQueue, startWorker } from '../../src/main/worker.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import { createTestContext, databaseUrlOf } from './db.ts';

/** A test's view of the running API: the app, its services, and request helpers. */
export interface TestApi {
  app: FastifyInstance;
  ctx: ServiceContext;
}

/** Builds the real app on a fresh test database. */
export async function createTestApi(
  opts: { defaultFeatures?: string[]; jobs?: boolean } = {},
): Promise<TestApi> {
  const ctx = await createTestContext(opts);
  if (opts.jobs) {
    // A real queue and a real worker in this process, on this test's database.
    const queue = await startQueue(databaseUrlOf(ctx));
    ctx.jobs = queue.jobs;
    const worker = await startWorker(ctx, queue.boss, { pollingSeconds: 0.5, log: () => {} });
    afterAll(() => worker.stop());
  }
  const app = await buildApp({ ctx, cookieSecure: false, maxUploadBytes: 50 * 1024 * 1024 });
  afterAll(() => app.close());
  return { app, ctx };
}

/** A logged-in browser: its session cookie and CSRF token, sent with every request. */
export interface Session {
  cookie: string;
  csrfToken: string;
  organizationId: string;
  slug: string;
  email: string;
}

/** Signs up a new organization and returns its admin's session. */
export async function signUpAs(
  api: TestApi,
  name: string,
  email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}@example.com`,
) {
  const res = await api.app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-up',
    payload: { organizationName: name, name: `${name} Admin`, email, password: 'correct horse battery' },
  });
  if (res.statusCode !== 201) throw new Error(`sign-up failed: ${res.statusCode} ${res.body}`);
  const body = res.json() as { organizationId: string; slug: string; csrfToken: string };
  return {
    cookie: sessionCookie(res),
    csrfToken: body.csrfToken,
    organizationId: body.organizationId,
    slug: body.slug,
    email,
  };
}

/** The `name=value` of the session cookie a response sets. */
export function sessionCookie(res: LightMyRequestResponse): string {
  const c = res.cookies.find((k) => k.name === 'clientele_session');
  if (!c) throw new Error('no session cookie');
  return `${c.name}=${c.value}`;
}

/** Sends a request as a session (cookie + CSRF header). */
export function as(api: TestApi, s: Session) {
  const send = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    api.app.inject({
      method,
      url,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  return {
    get: (url: string) => send('GET', url),
    post: (url: string, payload?: unknown) => send('POST', url, payload ?? {}),
    patch: (url: string, payload: unknown) => send('PATCH', url, payload),
    delete: (url: string) => send('DELETE', url),
  };
}
