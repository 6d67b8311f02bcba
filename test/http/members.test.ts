import { beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApi, type Session, sessionCookie, signUpAs, type TestApi } from '../helpers/app.ts';

let api: TestApi;
let admin: Session;

beforeAll(async () => {
  api = await createTestApi();
  admin = await signUpAs(api, 'Members');
});

async function inviteAndAccept(email: string, role: 'admin' | 'member' = 'member'): Promise<Session> {
  const inv = await as(api, admin).post('/api/v1/invitations', { email, role });
  expect(inv.statusCode).toBe(201);
  const token = (inv.json().acceptUrl as string).split('/').pop();
  const acc = await api.app.inject({
    method: 'POST',
    url: '/api/v1/invitations/accept',
    payload: { token, name: 'Invited', password: 'invited password' },
  });
  expect(acc.statusCode).toBe(200);
  return { ...admin, cookie: sessionCookie(acc), csrfToken: acc.json().csrfToken, email };
}

describe('members and invitations', () => {
  it('invites a person who accepts, joins as member and appears in the list', async () => {
    const bob = await inviteAndAccept('bob@example.com');
    const list = await as(api, admin).get('/api/v1/members');
    expect(list.json().items.map((m: { email: string }) => m.email)).toEqual([
      'bob@example.com',
      'members@example.com',
    ]);
    const me = await as(api, bob).get('/api/v1/members/me');
    expect(me.json()).toMatchObject({ email: 'bob@example.com', role: 'member' });
    const invitations = await as(api, admin).get('/api/v1/invitations');
    expect(invitations.json().items[0]).toMatchObject({ email: 'bob@example.com', status: 'accepted' });
  });

  it('refuses a second use of the same invitation', async () => {
    const inv = await as(api, admin).post('/api/v1/invitations', { email: 'carol@example.com' });
    const token = (inv.json().acceptUrl as string).split('/').pop();
    const payload = { token, password: 'carol password' };
    expect(
      (await api.app.inject({ method: 'POST', url: '/api/v1/invitations/accept', payload })).statusCode,
    ).toBe(200);
    const again = await api.app.inject({ method: 'POST', url: '/api/v1/invitations/accept', payload });
    expect(again.statusCode).toBe(404);
    expect(again.json().code).toBe('invitation_invalid');
  });

  it('refuses to invite an existing member', async () => {
    const res = await as(api, admin).post('/api/v1/invitations', { email: 'members@example.com' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('member_exists');
  });

  it('lets a member change their own notification channels and language but not roles', async () => {
    const dan = await inviteAndAccept('dan@example.com');
    const mine = await as(api, dan).patch('/api/v1/members/me', {
      language: 'fr',
      notifications: { email: false, slack: true },
    });
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({
      language: 'fr',
      notifications: { inApp: true, email: false, slack: true },
    });
    const promote = await as(api, dan).patch('/api/v1/members/me', { role: 'admin' });
    expect(promote.statusCode).toBe(403);
    expect(promote.json().code).toBe('forbidden');
    expect(promote.json().detail).toBe('Votre rôle ne permet pas cette action.');
  });

  it('keeps the last admin', async () => {
    const me = await as(api, admin).get('/api/v1/members/me');
    const res = await as(api, admin).patch(`/api/v1/members/${me.json().id}`, { role: 'member' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('last_admin');
  });

  it('removes a member, whose session then stops working', async () => {
    const eve = await inviteAndAccept('eve@example.com');
    const me = await as(api, eve).get('/api/v1/members/me');
    expect((await as(api, admin).delete(`/api/v1/members/${me.json().id}`)).statusCode).toBe(204);
    expect((await as(api, eve).get('/api/v1/customers')).statusCode).toBe(401);
  });

  it('refuses member and API-key administration to non-admins', async () => {
    const fay = await inviteAndAccept('fay@example.com');
    expect((await as(api, fay).post('/api/v1/invitations', { email: 'x@example.com' })).json().code).toBe(
      'forbidden',
    );
    expect((await as(api, fay).post('/api/v1/api-keys', { name: 'k' })).json().code).toBe('forbidden');
  });
});

describe('profile edits', () => {
  it('changes only the language (nothing else in the body)', async () => {
    const res = await as(api, admin).patch('/api/v1/members/me', { language: 'fr' });
    expect(res.statusCode).toBe(200);
    expect(res.json().language).toBe('fr');
    const back = await as(api, admin).patch('/api/v1/members/me', { name: 'Renamed Admin' });
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({ name: 'Renamed Admin', language: 'fr' });
  });
});
