import { beforeAll, describe, expect, it } from 'vitest';
import { notifyImportEnded } from '../../src/services/notify-import-ended.ts';
import { as, createTestApi, type Session, sessionCookie, signUpAs, type TestApi } from '../helpers/app.ts';
import { endedImport } from '../notify/fixtures.ts';

let api: TestApi;
let alice: Session;
let bob: Session;
let other: Session;
const aliceNotes: string[] = [];

async function memberId(s: Session): Promise<string> {
  return (await as(api, s).get('/api/v1/members/me')).json().id;
}

/** An ended import of the session's member, notified; returns the import id. */
async function notified(s: Session, over: Parameters<typeof endedImport>[3] = {}): Promise<string> {
  const importId = await endedImport(api.ctx, s.organizationId, await memberId(s), over);
  const r = await notifyImportEnded(api.ctx.tenants.of(s.organizationId).db, s.organizationId, importId);
  if (!r.ok || !r.value.inApp) throw new Error('no in-app notification');
  return importId;
}

async function inviteAndAccept(admin: Session, email: string): Promise<Session> {
  const inv = await as(api, admin).post('/api/v1/invitations', { email, role: 'member' });
  const token = (inv.json().acceptUrl as string).split('/').pop();
  const acc = await api.app.inject({
    method: 'POST',
    url: '/api/v1/invitations/accept',
    payload: { token, name: 'Bob', password: 'bob password 123' },
  });
  expect(acc.statusCode).toBe(200);
  return { ...admin, cookie: sessionCookie(acc), csrfToken: acc.json().csrfToken, email };
}

beforeAll(async () => {
  api = await createTestApi();
  alice = await signUpAs(api, 'Acme');
  bob = await inviteAndAccept(alice, 'bob@acme.test');
  other = await signUpAs(api, 'Globex');
  const ids = [
    await notified(alice, { fileName: 'first.csv' }),
    await notified(alice, { fileName: 'second.csv', status: 'error', kind: 'contacts' }),
    await notified(alice, { fileName: 'third.csv', status: 'reverted' }),
  ];
  await notified(bob, { fileName: 'bob.csv' });
  await notified(other, { fileName: 'globex.csv' });
  // Distinct times, oldest first, so that "newest first" is a fact and not a tie broken by id.
  for (const [i, id] of ids.entries()) {
    await api.ctx.system.pool.query(
      `update notifications set created_at = now() - make_interval(mins => $1) where params->>'importId' = $2`,
      [10 - i, id],
    );
  }
  const list = await as(api, alice).get('/api/v1/notifications');
  aliceNotes.push(...list.json().items.map((n: { id: string }) => n.id));
});

describe('notifications', () => {
  it('lists the caller’s own notifications, newest first, in their language, with the unread count', async () => {
    const res = await as(api, alice).get('/api/v1/notifications');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.unreadCount).toBe(3);
    expect(body.nextCursor).toBeNull();
    expect(body.items.map((n: { title: string }) => n.title)).toEqual([
      'Import cancelled: third.csv',
      'Import finished with errors: second.csv',
      'Import finished: first.csv',
    ]);
    expect(body.items[1]).toMatchObject({
      kind: 'import_finished',
      body: 'Contacts import: 3 created, 1 updated, 2 unchanged, 0 in error.',
      link: expect.stringMatching(/^\/imports\/[0-9a-f-]{36}$/),
      readAt: null,
    });
    expect(Number.isNaN(Date.parse(body.items[1].createdAt))).toBe(false);
  });

  it('pages with a cursor', async () => {
    const first = (await as(api, alice).get('/api/v1/notifications?limit=2')).json();
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (
      await as(api, alice).get(`/api/v1/notifications?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`)
    ).json();
    expect(second.items.map((n: { title: string }) => n.title)).toEqual(['Import finished: first.csv']);
    expect(second.nextCursor).toBeNull();
    expect((await as(api, alice).get('/api/v1/notifications?cursor=nonsense')).statusCode).toBe(400);
  });

  it('shows the notifications in French to a member who reads French', async () => {
    // With `notifications` too: a PATCH of the language alone answers 500 (updateMember with nothing to set).
    const patched = await as(api, bob).patch('/api/v1/members/me', {
      language: 'fr',
      notifications: { inApp: true },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const items = (await as(api, bob).get('/api/v1/notifications')).json().items;
    expect(items).toEqual([
      expect.objectContaining({
        title: 'Import terminé : bob.csv',
        body: 'Import de clients : 3 créé(s), 1 mis à jour, 2 inchangé(s), 0 en erreur.',
      }),
    ]);
  });

  it('never shows or lets anyone else touch a member’s notifications', async () => {
    const id = aliceNotes[0];
    const bobList = (await as(api, bob).get('/api/v1/notifications')).json();
    expect(bobList.items.map((n: { id: string }) => n.id)).not.toContain(id);
    expect(bobList.unreadCount).toBe(1);
    const otherList = (await as(api, other).get('/api/v1/notifications')).json();
    expect(otherList.items.map((n: { title: string }) => n.title)).toEqual(['Import finished: globex.csv']);

    const byBob = await as(api, bob).post(`/api/v1/notifications/${id}/read`);
    expect(byBob.statusCode).toBe(404);
    expect(byBob.json().code).toBe('not_found');
    const byOther = await as(api, other).post(`/api/v1/notifications/${id}/read`);
    expect(byOther.statusCode).toBe(404);
    expect((await as(api, alice).get('/api/v1/notifications')).json().unreadCount).toBe(3);
    expect((await api.app.inject({ method: 'GET', url: '/api/v1/notifications' })).statusCode).toBe(401);
  });

  it('marks one read, then all', async () => {
    const id = aliceNotes[1];
    const res = await as(api, alice).post(`/api/v1/notifications/${id}/read`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id, readAt: expect.any(String) });
    const firstReadAt = res.json().readAt;
    // Reading it again keeps the first time it was read.
    expect((await as(api, alice).post(`/api/v1/notifications/${id}/read`)).json().readAt).toBe(firstReadAt);
    expect((await as(api, alice).get('/api/v1/notifications')).json().unreadCount).toBe(2);

    const all = await as(api, alice).post('/api/v1/notifications/read-all');
    expect(all.statusCode).toBe(200);
    expect(all.json()).toEqual({ updated: 2 });
    const after = (await as(api, alice).get('/api/v1/notifications')).json();
    expect(after.unreadCount).toBe(0);
    expect(after.items.every((n: { readAt: string | null }) => n.readAt !== null)).toBe(true);
    // Only Alice's: Bob and the other organization still have theirs unread.
    expect((await as(api, bob).get('/api/v1/notifications')).json().unreadCount).toBe(1);
    expect((await as(api, other).get('/api/v1/notifications')).json().unreadCount).toBe(1);
  });

  it('answers 404 for an id that is not a notification', async () => {
    const res = await as(api, alice).post('/api/v1/notifications/00000000-0000-4000-8000-000000000000/read');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not_found');
  });
});
