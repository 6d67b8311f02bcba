import { beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../src/domain/messages/index.ts';
import { statusOf } from '../../src/http/errors.ts';
import { enableFeature, listFeatureRequests, requireFeature } from '../../src/services/feature-flags.ts';
import { operatorActor } from '../../src/services/operator.ts';
import { as, createTestApi, type Session, sessionCookie, signUpAs, type TestApi } from '../helpers/app.ts';

let api: TestApi;
let a: Session;
let b: Session;
let member: Session;

// New organizations start without contact import here, so that requesting it means something.
beforeAll(async () => {
  api = await createTestApi({ defaultFeatures: [] });
  a = await signUpAs(api, 'Settings A');
  b = await signUpAs(api, 'Settings B');
  member = await inviteMember(a, 'bob@settings-a.test');
});

async function inviteMember(admin: Session, email: string): Promise<Session> {
  const inv = await as(api, admin).post('/api/v1/invitations', { email, role: 'member' });
  const token = (inv.json().acceptUrl as string).split('/').pop();
  const acc = await api.app.inject({
    method: 'POST',
    url: '/api/v1/invitations/accept',
    payload: { token, name: 'Bob', password: 'member password' },
  });
  expect(acc.statusCode).toBe(200);
  return { ...admin, cookie: sessionCookie(acc), csrfToken: acc.json().csrfToken, email };
}

const HOOK = 'https://hooks.slack.com/services/T000/B000/SECRET123';

describe('organization settings', () => {
  it('shows the defaults to any member', async () => {
    const res = await as(api, member).get('/api/v1/organization');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      slug: a.slug,
      sourceSystem: 'none',
      mainContactFromIntegration: false,
      customersUpdatableByFiles: true,
      defaultCountry: 'FR',
      defaultLanguage: 'en',
      slackWebhookConfigured: false,
      features: [],
      pendingFeatureRequests: [],
    });
  });

  it('lets an admin change every setting; the Slack webhook is only shown as configured', async () => {
    const res = await as(api, a).patch('/api/v1/organization', {
      sourceSystem: 'salesforce_api',
      mainContactFromIntegration: true,
      customersUpdatableByFiles: false,
      defaultCountry: 'be',
      defaultLanguage: 'fr',
      slackWebhookUrl: HOOK,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      sourceSystem: 'salesforce_api',
      mainContactFromIntegration: true,
      customersUpdatableByFiles: false,
      defaultCountry: 'BE',
      defaultLanguage: 'fr',
      slackWebhookConfigured: true,
    });
    expect(res.body).not.toContain('SECRET123');
    expect((await as(api, a).get('/api/v1/organization')).body).not.toContain('SECRET123');
    const { rows } = await api.ctx.system.pool.query(
      'select slack_webhook_url from organizations where id = $1',
      [a.organizationId],
    );
    expect(rows[0].slack_webhook_url).toBe(HOOK);
  });

  it('refuses bad values with one error per field and changes nothing', async () => {
    const res = await as(api, a).patch('/api/v1/organization', {
      sourceSystem: 'sap',
      defaultCountry: 'ZZ',
      defaultLanguage: 'de',
      slackWebhookUrl: 'http://hooks.slack.com/services/T000/B000/PLAIN',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('validation_failed');
    expect(res.json().errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['sourceSystem', 'unknown_source_system'],
      ['defaultCountry', 'unknown_country'],
      ['defaultLanguage', 'unsupported_language'],
      ['slackWebhookUrl', 'invalid_slack_webhook'],
    ]);
    expect(res.body).not.toContain('PLAIN');
    expect((await as(api, a).get('/api/v1/organization')).json()).toMatchObject({
      sourceSystem: 'salesforce_api',
      defaultCountry: 'BE',
    });
  });

  it('removes the Slack webhook with null and refuses unknown fields', async () => {
    const res = await as(api, a).patch('/api/v1/organization', { slackWebhookUrl: null });
    expect(res.json().slackWebhookConfigured).toBe(false);
    const typo = await as(api, a).patch('/api/v1/organization', { sourceSytem: 'api' });
    expect(typo.statusCode).toBe(400);
  });

  it('refuses changes from members who are not admins', async () => {
    const res = await as(api, member).patch('/api/v1/organization', { sourceSystem: 'api' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('forbidden');
    expect((await as(api, a).get('/api/v1/organization')).json().sourceSystem).toBe('salesforce_api');
  });

  it('keeps each organization’s settings its own: B’s changes never reach A', async () => {
    const res = await as(api, b).patch('/api/v1/organization', {
      sourceSystem: 'native',
      defaultCountry: 'DE',
    });
    expect(res.json()).toMatchObject({ slug: b.slug, sourceSystem: 'native', defaultCountry: 'DE' });
    expect((await as(api, a).get('/api/v1/organization')).json()).toMatchObject({
      slug: a.slug,
      sourceSystem: 'salesforce_api',
      defaultCountry: 'BE',
    });
    expect((await api.app.inject({ method: 'GET', url: '/api/v1/organization' })).statusCode).toBe(401);
  });
});

describe('feature access', () => {
  it('refuses a disabled feature with feature_disabled (403) and a message that offers to request it', async () => {
    const r = await requireFeature(api.ctx, a.organizationId, 'contact-import');
    expect(r).toEqual({ ok: false, error: { code: 'feature_disabled', params: { flag: 'contact-import' } } });
    expect(statusOf('feature_disabled')).toBe(403);
    expect(translate('feature_disabled', 'en', { flag: 'contact-import' })).toMatch(/off.*Request access/);
    expect(translate('feature_disabled', 'fr', { flag: 'contact-import' })).toMatch(/Demandez-y accès/);
  });

  it('records a member’s request once while it is pending, and shows it on the organization', async () => {
    const first = await as(api, member).post('/api/v1/feature-requests', { flag: 'contact-import' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ flag: 'contact-import', status: 'pending' });
    const again = await as(api, a).post('/api/v1/feature-requests', { flag: 'contact-import' });
    expect(again.statusCode).toBe(200);
    expect(again.json().requestedAt).toBe(first.json().requestedAt);
    const org = (await as(api, a).get('/api/v1/organization')).json();
    expect(org.features).toEqual([]);
    expect(org.pendingFeatureRequests).toEqual([
      expect.objectContaining({ flag: 'contact-import', requestedBy: 'bob@settings-a.test' }),
    ]);
    // B sees none of A's requests.
    expect((await as(api, b).get('/api/v1/organization')).json().pendingFeatureRequests).toEqual([]);
  });

  it('refuses an unknown feature with a field error', async () => {
    const res = await as(api, member).post('/api/v1/feature-requests', { flag: 'time-travel' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'flag', code: 'unknown_feature' })]);
  });

  it('is turned on by the operator only, which closes the request; asking again then changes nothing', async () => {
    const adminActor = {
      organizationId: a.organizationId,
      memberId: null,
      userId: null,
      role: 'admin' as const,
      language: 'en' as const,
      via: 'session' as const,
    };
    expect(await enableFeature(api.ctx, adminActor, 'contact-import')).toEqual({
      ok: false,
      error: { code: 'forbidden' },
    });
    const operator = await operatorActor(api.ctx, a.slug);
    if (!operator.ok) throw new Error('no operator');
    expect(await enableFeature(api.ctx, operator.value, 'contact-import')).toEqual({
      ok: true,
      value: { flag: 'contact-import', changed: true },
    });
    expect(await requireFeature(api.ctx, a.organizationId, 'contact-import')).toEqual({
      ok: true,
      value: null,
    });
    expect((await requireFeature(api.ctx, b.organizationId, 'contact-import')).ok).toBe(false);
    const org = (await as(api, member).get('/api/v1/organization')).json();
    expect(org).toMatchObject({ features: ['contact-import'], pendingFeatureRequests: [] });
    expect((await listFeatureRequests(api.ctx)).filter((r) => r.organizationSlug === a.slug)).toEqual([]);
    const after = await as(api, member).post('/api/v1/feature-requests', { flag: 'contact-import' });
    expect(after.statusCode).toBe(200);
    expect(after.json()).toEqual({ flag: 'contact-import', status: 'enabled', requestedAt: null });
  });
});
