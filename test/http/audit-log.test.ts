import { setTimeout as sleep } from 'node:timers/promises';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { disableFeature, enableFeature } from '../../src/services/feature-flags.ts';
import { operatorActor } from '../../src/services/operator.ts';
import { as, createTestApi, type Session, sessionCookie, signUpAs, type TestApi } from '../helpers/app.ts';
import { csv } from '../helpers/imports.ts';
import { multipartBody } from '../helpers/multipart.ts';

interface AuditEvent {
  id: string;
  occurredAt: string;
  action: string;
  actor: { label: string; memberId: string | null; userId: string | null; via: string };
  targetType: string | null;
  targetId: string | null;
  summary: Record<string, unknown> & { changes?: Record<string, { before: unknown; after: unknown }> };
}

let api: TestApi;
let a: Session;
let b: Session;
let aMemberId: string;
const EVENTS = '/api/v1/audit-events';

beforeAll(async () => {
  api = await createTestApi({ jobs: true });
  a = await signUpAs(api, 'Audit A');
  b = await signUpAs(api, 'Audit B');
  aMemberId = (await as(api, a).get('/api/v1/members/me')).json().id;
});

/** Every event of the session's organization, newest first (following the cursor). */
async function allEvents(s: Session, filter = ''): Promise<AuditEvent[]> {
  const items: AuditEvent[] = [];
  let cursor: string | null = null;
  do {
    const q: string = `?limit=200${filter}${cursor ? `&cursor=${cursor}` : ''}`;
    const res = await as(api, s).get(`${EVENTS}${q}`);
    expect(res.statusCode).toBe(200);
    items.push(...res.json().items);
    cursor = res.json().nextCursor;
  } while (cursor);
  return items;
}

/** Runs a change and returns the events it wrote (newest first). */
async function eventsOf(s: Session, change: () => Promise<unknown>): Promise<AuditEvent[]> {
  const before = new Set((await allEvents(s)).map((e) => e.id));
  await change();
  return (await allEvents(s)).filter((e) => !before.has(e.id));
}

/** Runs a change that must write exactly one event, with this action, and returns it. */
async function oneEvent(s: Session, action: string, change: () => Promise<unknown>): Promise<AuditEvent> {
  const found = await eventsOf(s, change);
  expect(found.map((e) => e.action)).toEqual([action]);
  return found[0] as AuditEvent;
}

/** Runs `body` while the audit log refuses events with this action. */
async function refuseAction(action: string, body: () => Promise<void>): Promise<void> {
  await api.ctx.system.pool.query(
    `alter table audit_events add constraint test_refused check (action <> '${action}') not valid`,
  );
  try {
    await body();
  } finally {
    await api.ctx.system.pool.query('alter table audit_events drop constraint test_refused');
  }
}

function expectStatus(res: LightMyRequestResponse, status: number) {
  expect(res.statusCode, res.body).toBe(status);
  return res;
}

async function inviteAndAccept(email: string): Promise<Session & { memberId: string }> {
  const inv = expectStatus(await as(api, a).post('/api/v1/invitations', { email, role: 'member' }), 201);
  const token = (inv.json().acceptUrl as string).split('/').pop();
  const acc = await api.app.inject({
    method: 'POST',
    url: '/api/v1/invitations/accept',
    payload: { token, name: 'Invited', password: 'invited password' },
  });
  expectStatus(acc, 200);
  const s = { ...a, cookie: sessionCookie(acc), csrfToken: acc.json().csrfToken, email };
  return { ...s, memberId: (await as(api, s).get('/api/v1/members/me')).json().id };
}

describe('the audit log', () => {
  let customerId: string;
  let contactId: string;

  it('records a customer’s creation, edit and deletion, one event each, with who did it and what changed', async () => {
    let created!: LightMyRequestResponse;
    const c = await oneEvent(a, 'customer.created', async () => {
      created = expectStatus(
        await as(api, a).post('/api/v1/customers', { name: 'ACME SA', email: 'billing@acme.fr' }),
        201,
      );
    });
    customerId = created.json().id;
    expect(c).toMatchObject({
      actor: { label: a.email, memberId: aMemberId, via: 'session' },
      targetType: 'customer',
      targetId: customerId,
      summary: { name: 'ACME SA', fields: { name: 'ACME SA', email: 'billing@acme.fr' } },
    });
    expect(new Date(c.occurredAt).getTime()).toBeGreaterThan(Date.now() - 60_000);

    const u = await oneEvent(a, 'customer.updated', async () =>
      expectStatus(
        await as(api, a).patch(`/api/v1/customers/${customerId}`, {
          email: 'ar@acme.fr',
          city: 'Lyon',
          name: 'ACME SA',
        }),
        200,
      ),
    );
    // Only what changed, with its value before and after.
    expect(u.summary).toEqual({
      name: 'ACME SA',
      changes: {
        email: { before: 'billing@acme.fr', after: 'ar@acme.fr' },
        city: { before: null, after: 'Lyon' },
      },
    });

    // An edit that changes nothing is not an event.
    const none = await eventsOf(a, async () =>
      expectStatus(await as(api, a).patch(`/api/v1/customers/${customerId}`, { city: 'Lyon' }), 200),
    );
    expect(none).toEqual([]);

    const doomed = (await as(api, a).post('/api/v1/customers', { name: 'Doomed', externalId: 'D-1' })).json();
    const d = await oneEvent(a, 'customer.deleted', async () =>
      expectStatus(await as(api, a).delete(`/api/v1/customers/${doomed.id}`), 204),
    );
    expect(d).toMatchObject({ targetId: doomed.id, summary: { name: 'Doomed', externalId: 'D-1' } });
  });

  it('records a contact’s creation, edit, becoming main and deletion', async () => {
    const path = `/api/v1/customers/${customerId}/contacts`;
    let created!: LightMyRequestResponse;
    const c = await oneEvent(a, 'contact.created', async () => {
      created = expectStatus(
        await as(api, a).post(path, { email: 'Jane@ACME.fr', firstName: 'Jane', positions: ['accounting'] }),
        201,
      );
    });
    contactId = created.json().id;
    expect(c).toMatchObject({
      targetType: 'contact',
      targetId: contactId,
      summary: {
        email: 'jane@acme.fr',
        customerId,
        fields: { email: 'jane@acme.fr', firstName: 'Jane', positions: ['accounting'] },
      },
    });

    const u = await oneEvent(a, 'contact.updated', async () =>
      expectStatus(await as(api, a).patch(`${path}/${contactId}`, { lastName: 'Doe', positions: [] }), 200),
    );
    expect(u.summary.changes).toEqual({
      lastName: { before: null, after: 'Doe' },
      positions: { before: ['accounting'], after: [] },
    });

    const m = await oneEvent(a, 'contact.main_set', async () =>
      expectStatus(await as(api, a).post(`${path}/${contactId}/main`), 200),
    );
    expect(m).toMatchObject({
      targetId: contactId,
      summary: { changes: { isMain: { before: false, after: true } } },
    });
    // Already main: nothing changes, nothing is recorded.
    expect(await eventsOf(a, () => as(api, a).post(`${path}/${contactId}/main`))).toEqual([]);

    const other = (await as(api, a).post(path, { email: 'gone@acme.fr' })).json();
    const d = await oneEvent(a, 'contact.deleted', async () =>
      expectStatus(await as(api, a).delete(`${path}/${other.id}`), 204),
    );
    expect(d).toMatchObject({ targetId: other.id, summary: { email: 'gone@acme.fr', customerId } });
  });

  it('writes no event for a refused or rolled-back change', async () => {
    const none = await eventsOf(a, async () => {
      // Refused by validation, before any write.
      expectStatus(await as(api, a).post('/api/v1/customers', { email: 'not-an-email' }), 400);
      // Refused by the database inside the transaction (unique name, unique contact email): rolled back whole.
      expectStatus(await as(api, a).post('/api/v1/customers', { name: 'acme  sa' }), 409);
      expectStatus(await as(api, a).patch(`/api/v1/customers/${customerId}`, { name: 'Other' }), 200);
      expectStatus(await as(api, a).patch(`/api/v1/customers/${customerId}`, { name: 'ACME SA' }), 200);
      expectStatus(
        await as(api, a).post(`/api/v1/customers/${customerId}/contacts`, { email: 'jane@acme.fr' }),
        409,
      );
      expectStatus(await as(api, a).delete('/api/v1/customers/00000000-0000-4000-8000-000000000000'), 404);
      expectStatus(await as(api, a).post('/api/v1/dunning-plans', { name: '' }), 400);
    });
    // Only the two real renames are there.
    expect(none.map((e) => e.action)).toEqual(['customer.updated', 'customer.updated']);
    const customers = (await as(api, a).get('/api/v1/customers?q=acme')).json().items;
    expect(customers).toHaveLength(1);
  });

  it('never commits a change whose event cannot be written', async () => {
    // This test file's own database: make the log refuse one action, as a full disk or a bug would.
    await refuseAction('customer.created', async () => {
      const res = await as(api, a).post('/api/v1/customers', { name: 'Unlogged' });
      expect(res.statusCode).toBe(500);
    });
    expect((await as(api, a).get('/api/v1/customers?q=unlogged')).json().items).toEqual([]);
  });

  it('records members, invitations and API keys, never a token or a key', async () => {
    const invited = await eventsOf(a, () => inviteAndAccept('bob@example.com'));
    expect(invited.map((e) => e.action)).toEqual(['invitation.accepted', 'invitation.created']);
    const [accepted, created] = invited as [AuditEvent, AuditEvent];
    expect(created).toMatchObject({
      actor: { label: a.email, via: 'session' },
      targetType: 'invitation',
      summary: { email: 'bob@example.com', role: 'member' },
    });
    // Whoever accepts is the actor of the acceptance.
    expect(accepted).toMatchObject({
      actor: { label: 'bob@example.com', via: 'session' },
      targetId: created.targetId,
      summary: { email: 'bob@example.com', role: 'member' },
    });
    expect(JSON.stringify(invited)).not.toMatch(/token|invitations\//);
    const bobId = accepted.actor.memberId as string;

    const role = await oneEvent(a, 'member.updated', async () =>
      expectStatus(await as(api, a).patch(`/api/v1/members/${bobId}`, { role: 'admin' }), 200),
    );
    expect(role).toMatchObject({
      targetType: 'member',
      targetId: bobId,
      summary: { email: 'bob@example.com', changes: { role: { before: 'member', after: 'admin' } } },
    });
    const removed = await oneEvent(a, 'member.removed', async () =>
      expectStatus(await as(api, a).delete(`/api/v1/members/${bobId}`), 204),
    );
    expect(removed.summary).toEqual({ email: 'bob@example.com', role: 'admin' });

    const inv = (await as(api, a).post('/api/v1/invitations', { email: 'carol@example.com' })).json();
    const revoked = await oneEvent(a, 'invitation.revoked', async () =>
      expectStatus(await as(api, a).delete(`/api/v1/invitations/${inv.id}`), 204),
    );
    expect(revoked).toMatchObject({ targetId: inv.id, summary: { email: 'carol@example.com' } });

    let key!: { id: string; key: string; prefix: string };
    const k = await oneEvent(a, 'api_key.created', async () => {
      key = expectStatus(await as(api, a).post('/api/v1/api-keys', { name: 'ERP sync' }), 201).json();
    });
    expect(k).toMatchObject({ targetId: key.id, summary: { name: 'ERP sync', prefix: key.prefix } });
    expect(JSON.stringify(k)).not.toContain(key.key);

    // A change made with the key names the key.
    const byKey = await oneEvent(a, 'customer.created', () =>
      api.app.inject({
        method: 'POST',
        url: '/api/v1/customers',
        headers: { authorization: `Bearer ${key.key}` },
        payload: { name: 'Made by ERP' },
      }),
    );
    expect(byKey.actor).toMatchObject({ label: 'api key ERP sync', memberId: aMemberId, via: 'api_key' });

    const r = await oneEvent(a, 'api_key.revoked', async () =>
      expectStatus(await as(api, a).delete(`/api/v1/api-keys/${key.id}`), 204),
    );
    expect(r.summary).toEqual({ name: 'ERP sync', prefix: key.prefix });
  });

  it('records dunning plans, settings (never the Slack address) and features', async () => {
    let plan!: { id: string };
    const c = await oneEvent(a, 'dunning_plan.created', async () => {
      plan = (
        await as(api, a).post('/api/v1/dunning-plans', { name: 'Standard', steps: [{ daysFromDue: 5 }] })
      ).json();
    });
    expect(c).toMatchObject({ targetType: 'dunning_plan', targetId: plan.id, summary: { name: 'Standard' } });
    const u = await oneEvent(a, 'dunning_plan.updated', () =>
      as(api, a).patch(`/api/v1/dunning-plans/${plan.id}`, { name: 'Strict' }),
    );
    expect(u.summary).toEqual({ name: 'Strict', changes: { name: { before: 'Standard', after: 'Strict' } } });
    const d = await oneEvent(a, 'dunning_plan.deleted', () =>
      as(api, a).delete(`/api/v1/dunning-plans/${plan.id}`),
    );
    expect(d.summary).toEqual({ name: 'Strict' });

    const hook = 'https://hooks.slack.com/services/T000/B000/SECRETSECRET';
    const s = await oneEvent(a, 'settings.updated', async () =>
      expectStatus(
        await as(api, a).patch('/api/v1/organization', { defaultCountry: 'BE', slackWebhookUrl: hook }),
        200,
      ),
    );
    expect(s).toMatchObject({
      targetType: 'organization',
      targetId: a.organizationId,
      summary: {
        changes: {
          defaultCountry: { before: 'FR', after: 'BE' },
          slackWebhookUrl: { before: null, after: '[hidden]' },
        },
      },
    });
    expect(JSON.stringify(s)).not.toContain('SECRET');

    // Features are the operator's, from the command line; members ask for them.
    const operator = await operatorActor(api.ctx, a.slug);
    if (!operator.ok) throw new Error('no operator');
    const off = await oneEvent(a, 'feature.disabled', () =>
      disableFeature(api.ctx, operator.value, 'contact-import'),
    );
    expect(off).toMatchObject({
      actor: { label: 'command line', memberId: null, via: 'cli' },
      targetType: 'feature',
      targetId: 'contact-import',
      summary: { flag: 'contact-import' },
    });
    await oneEvent(a, 'feature.requested', () =>
      as(api, a).post('/api/v1/feature-requests', { flag: 'contact-import' }),
    );
    await oneEvent(a, 'feature.enabled', () => enableFeature(api.ctx, operator.value, 'contact-import'));
    // Turning on what is on changes nothing.
    expect(await eventsOf(a, () => enableFeature(api.ctx, operator.value, 'contact-import'))).toEqual([]);
  });

  it('records an applied import as one event and its revert as another, not one per line', async () => {
    const file = csv([
      ['Customer name', 'External ID'],
      ['Imported One', 'IMP-1'],
      ['Imported Two', 'IMP-2'],
      ['', 'IMP-3'],
    ]);
    const { payload, contentType } = multipartBody([
      { name: 'kind', value: 'customers' },
      { name: 'file', fileName: 'erp-export.csv', content: file, contentType: 'text/csv' },
    ]);
    const found = await eventsOf(a, async () => {
      const up = await api.app.inject({
        method: 'POST',
        url: '/api/v1/imports',
        headers: { cookie: a.cookie, 'x-csrf-token': a.csrfToken, 'content-type': contentType },
        payload,
      });
      const id = expectStatus(up, 201).json().id;
      // A preview writes nothing, so it records nothing.
      expectStatus(await as(api, a).post(`/api/v1/imports/${id}/preview`), 200);
      expectStatus(await as(api, a).post(`/api/v1/imports/${id}/apply`), 202);
      for (let i = 0; ; i++) {
        const status = (await as(api, a).get(`/api/v1/imports/${id}`)).json().status;
        if (['success', 'error', 'failed'].includes(status)) break;
        if (i > 600) throw new Error('the import never finished');
        await sleep(50);
      }
      // A revert whose event cannot be written is not a revert: the data and the import stay as they were.
      await refuseAction('import.reverted', async () => {
        expect((await as(api, a).post(`/api/v1/imports/${id}/revert`)).statusCode).toBe(500);
      });
      expect((await as(api, a).get(`/api/v1/imports/${id}`)).json().status).toBe('error');
      expect((await as(api, a).get('/api/v1/customers?q=imported')).json().items).toHaveLength(2);
      expectStatus(await as(api, a).post(`/api/v1/imports/${id}/revert`), 200);
    });
    expect(found.map((e) => e.action)).toEqual(['import.reverted', 'import.applied']);
    const [reverted, applied] = found as [AuditEvent, AuditEvent];
    expect(applied).toMatchObject({
      // Applied by a worker, on behalf of the admin who confirmed it.
      actor: { label: a.email, memberId: aMemberId, via: 'worker' },
      targetType: 'import',
      summary: {
        fileName: 'erp-export.csv',
        kind: 'customers',
        mode: 'create_update',
        status: 'error',
        lines: { created: 2, updated: 0, unchanged: 0, error: 1 },
      },
    });
    expect(reverted).toMatchObject({
      actor: { label: a.email, via: 'session' },
      targetId: applied.targetId,
      summary: { fileName: 'erp-export.csv', kind: 'customers', deleted: 2, restored: 0, conflicts: 0 },
    });
    expect(new Date(reverted.occurredAt) >= new Date(applied.occurredAt)).toBe(true);
    // Filtering by the import finds both.
    const ofImport = await allEvents(a, `&targetType=import&targetId=${applied.targetId}`);
    expect(ofImport.map((e) => e.id)).toEqual([reverted.id, applied.id]);
  });

  it('filters by action prefix, target, member and dates', async () => {
    const contacts = await allEvents(a, '&action=contact');
    expect(contacts.length).toBeGreaterThanOrEqual(4);
    expect(contacts.every((e) => e.action.startsWith('contact.'))).toBe(true);
    expect((await allEvents(a, '&action=contact.main_set')).map((e) => e.action)).toEqual([
      'contact.main_set',
    ]);
    // `_` is a character, not a wildcard.
    expect(await allEvents(a, '&action=contact_')).toEqual([]);

    const ofCustomer = await allEvents(a, `&targetType=customer&targetId=${customerId}`);
    expect(ofCustomer.map((e) => e.action).at(-1)).toBe('customer.created');
    expect(ofCustomer.every((e) => e.targetId === customerId)).toBe(true);

    const mine = await allEvents(a, `&memberId=${aMemberId}`);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((e) => e.actor.memberId === aMemberId)).toBe(true);

    const all = await allEvents(a);
    const oldest = all.at(-1) as AuditEvent;
    const from = await allEvents(a, `&from=${encodeURIComponent(oldest.occurredAt)}`);
    expect(from).toHaveLength(all.length);
    const to = await allEvents(a, `&to=${encodeURIComponent(oldest.occurredAt)}`);
    expect(to).toEqual([]);
    expect(await allEvents(a, '&from=2999-01-01')).toEqual([]);
  });

  it('shows an organization only its own events, and only to its admins', async () => {
    expect(await allEvents(b)).toEqual([]);
    for (const filter of [`&targetId=${customerId}`, `&targetId=${contactId}`, `&memberId=${aMemberId}`])
      expect(await allEvents(b, filter)).toEqual([]);
    // B's own change is B's alone.
    await as(api, b).post('/api/v1/customers', { name: 'B customer' });
    expect((await allEvents(b)).map((e) => e.summary.name)).toEqual(['B customer']);
    expect((await allEvents(a)).some((e) => e.summary.name === 'B customer')).toBe(false);

    const member = await inviteAndAccept('dora@example.com');
    const refused = await as(api, member).get(EVENTS);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('forbidden');
    expect((await api.app.inject({ method: 'GET', url: EVENTS })).statusCode).toBe(401);
  });

  it('pages by a stable cursor: no event twice or missed, even while new ones are written', async () => {
    const c = await signUpAs(api, 'Audit C');
    for (let i = 1; i <= 7; i++) await as(api, c).post('/api/v1/customers', { name: `Paged ${i}` });
    const snapshot = await allEvents(c);
    expect(snapshot.map((e) => e.summary.name)).toEqual([7, 6, 5, 4, 3, 2, 1].map((i) => `Paged ${i}`));

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await as(api, c).get(`${EVENTS}?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expectStatus(res, 200);
      seen.push(...res.json().items.map((e: AuditEvent) => e.id));
      cursor = res.json().nextCursor;
      pages++;
      // A newer event between two pages lands before the first page, never inside the next ones.
      await as(api, c).post('/api/v1/customers', { name: `Meanwhile ${pages}` });
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(snapshot.map((e) => e.id));

    expect(expectStatus(await as(api, c).get(`${EVENTS}?cursor=nonsense`), 400).json().code).toBe(
      'invalid_cursor',
    );
    expectStatus(await as(api, c).get(`${EVENTS}?limit=201`), 400);
    expectStatus(await as(api, c).get(`${EVENTS}?memberId=not-a-uuid`), 400);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await api.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const op = doc.paths['/api/v1/audit-events'].get;
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining([
        'cursor',
        'limit',
        'action',
        'targetType',
        'targetId',
        'memberId',
        'from',
        'to',
      ]),
    );
    expect(op.responses['200']).toBeDefined();
  });
});
