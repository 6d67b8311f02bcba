import { afterAll, describe, expect, it } from 'vitest';
import { startQueue, startWorker } from '../../src/main/worker.ts';
import type { Actor, ServiceContext } from '../../src/services/context.ts';
import { queueImport } from '../../src/services/imports/queue-import.ts';
import { uploadImport } from '../../src/services/imports/upload-import.ts';
import { listMemberNotifications } from '../../src/services/notifications.ts';
import { buildOrganization } from '../helpers/builders.ts';
import { createTestContext, databaseUrlOf } from '../helpers/db.ts';
import { csv } from '../helpers/imports.ts';
import { memberWith, setWebhook } from '../notify/fixtures.ts';
import { startSlackReceiver, startSmtpServer } from '../notify/peers.ts';

/** From an applied import to the messages people receive: a real queue, worker, SMTP server and webhook. */

const ctx: ServiceContext = await createTestContext();
const url = databaseUrlOf(ctx);
const smtp = await startSmtpServer();
const slack = await startSlackReceiver();
const queue = await startQueue(url);
ctx.jobs = queue.jobs;
const worker = await startWorker(ctx, queue.boss, {
  pollingSeconds: 0.5,
  log: () => {},
  mail: { smtpUrl: smtp.url, from: 'Clientele <noreply@clientele.test>' },
});
afterAll(() => worker.stop());

async function waitFor<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function applyAs(actor: Actor, text: string): Promise<string> {
  const up = await uploadImport(ctx, actor, {
    kind: 'customers',
    fileName: 'clients.csv',
    body: (async function* () {
      yield Buffer.from(text);
    })(),
  });
  if (!up.ok) throw new Error(up.error.code);
  const q = await queueImport(ctx, actor, up.value.id);
  if (!q.ok) throw new Error(q.error.code);
  return up.value.id;
}

describe('when an import ends', () => {
  it('tells the member who started it, in their language, on the channels they chose', async () => {
    const admin = await buildOrganization(ctx);
    const slackPath = `/hooks/${admin.slug}`;
    await setWebhook(ctx, admin.organizationId, `${slack.base}${slackPath}`);
    const marie = await memberWith(ctx, admin, { inApp: true, email: true, slack: true }, 'fr');
    const actor: Actor = { ...admin, memberId: marie.id, role: 'member', language: 'fr' };
    const id = await applyAs(
      actor,
      csv(
        [
          ['Nom du client', 'Adresse mail'],
          ['Alpha', 'a@alpha.fr'],
          ['Beta', 'pas-un-email'],
        ],
        ';',
      ),
    );

    const mail = await waitFor(() => smtp.received.find((m) => m.to.includes(marie.email)));
    expect(mail.subject).toBe('Import terminé avec des erreurs : clients.csv');
    expect(mail.text).toContain(`/imports/${id}`);
    expect(mail.text).toMatch(/1 créé/);
    const post = await waitFor(() => slack.requests.find((r) => r.path === slackPath));
    expect(post.body.text).toMatch(/1 créé/);
    const inApp = await listMemberNotifications(ctx, actor, { limit: 10 });
    expect(inApp.ok && inApp.value.unreadCount).toBe(1);
    expect(inApp.ok && inApp.value.items[0]?.link).toBe(`/imports/${id}`);
  });

  it('sends no email to a member who turned email off', async () => {
    const admin = await buildOrganization(ctx);
    const paul = await memberWith(ctx, admin, { inApp: true, email: false, slack: false }, 'en');
    const actor: Actor = { ...admin, memberId: paul.id, role: 'member', language: 'en' };
    const id = await applyAs(actor, csv([['Name'], ['Gamma']]));
    // The notification is written just after the import commits.
    const inApp = await waitFor(async () => {
      const r = await listMemberNotifications(ctx, actor, { limit: 10 });
      return r.ok && r.value.items.length > 0 ? r.value : undefined;
    });
    expect(inApp.items).toHaveLength(1);
    expect(inApp.items[0]?.link).toBe(`/imports/${id}`);
    const { rows } = await ctx.system.pool.query(
      "select count(*)::int as n from outbox where member_id = $1 and channel = 'email'",
      [paul.id],
    );
    expect(rows[0].n).toBe(0);
    expect(smtp.received.some((m) => m.to.includes(paul.email))).toBe(false);
  });
});
