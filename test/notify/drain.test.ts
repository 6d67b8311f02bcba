import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Channels } from '../../src/notify/channel.ts';
import { drainOutbox } from '../../src/notify/drain.ts';
import { startDrainer } from '../../src/notify/drainer.ts';
import { createEmailChannel } from '../../src/notify/email.ts';
import { createSlackChannel } from '../../src/notify/slack.ts';
import type { Actor, ServiceContext } from '../../src/services/context.ts';
import { notifyImportEnded } from '../../src/services/notify-import-ended.ts';
import { buildOrganization } from '../helpers/builders.ts';
import { createTestContext } from '../helpers/db.ts';
import { endedImport, memberWith, type Prefs, setWebhook } from './fixtures.ts';
import { closedPort, startSlackReceiver, startSmtpServer } from './peers.ts';

const PUBLIC_URL = 'http://clientele.test';
const EMAIL_ONLY: Prefs = { inApp: false, email: true, slack: false };
const SLACK_ONLY: Prefs = { inApp: false, email: false, slack: true };

let ctx: ServiceContext;
let org: Actor;

beforeAll(async () => {
  ctx = await createTestContext();
  org = await buildOrganization(ctx);
});

// Each test drains the whole outbox: it starts from an empty one.
beforeEach(async () => {
  await ctx.system.pool.query('delete from outbox');
  await setWebhook(ctx, org.organizationId, null);
});

function channels(opts: { smtpUrl?: string; log?: (m: string) => void; slackIntervalMs?: number }): Channels {
  return {
    email: createEmailChannel({
      smtpUrl: opts.smtpUrl,
      from: 'Clientele <no-reply@clientele.test>',
      publicUrl: PUBLIC_URL,
      log: opts.log ?? (() => {}),
      timeoutMs: 5_000,
    }),
    slack: createSlackChannel({
      publicUrl: PUBLIC_URL,
      timeoutMs: 5_000,
      minIntervalMs: opts.slackIntervalMs ?? 1000,
      maxWaitMs: opts.slackIntervalMs ?? 1000,
    }),
  };
}

/** A member with these preferences whose import just ended and was notified; returns the import id. */
async function notifiedImport(prefs: Prefs, language: 'en' | 'fr' = 'en', over = {}) {
  const member = await memberWith(ctx, org, prefs, language);
  const importId = await endedImport(ctx, org.organizationId, member.id, {
    fileName: 'clients.csv',
    ...over,
  });
  const r = await notifyImportEnded(ctx.tenants.of(org.organizationId).db, org.organizationId, importId);
  if (!r.ok) throw new Error(r.error.code);
  return { importId, member };
}

async function outboxRow(importId: string) {
  const r = await ctx.system.pool.query(
    `select status, attempts, next_attempt_at, last_error, sent_at from outbox where params->>'importId' = $1`,
    [importId],
  );
  if (r.rows.length !== 1) throw new Error(`expected one outbox row, got ${r.rows.length}`);
  return r.rows[0] as {
    status: string;
    attempts: number;
    next_attempt_at: Date;
    last_error: string | null;
    sent_at: Date | null;
  };
}

const at = (base: Date, ms: number) => () => new Date(base.getTime() + ms);
/**
 * A moment no earlier than the rows just queued are due: their `next_attempt_at` is now() rounded to the
 * millisecond (timestamptz(3)), which can land half a millisecond after the clock reads the same millisecond.
 */
const justAfter = () => new Date(Date.now() + 1);

describe('email', () => {
  it('arrives in the member’s language, with the counts and the absolute link', async () => {
    const smtp = await startSmtpServer();
    const fr = await notifiedImport(EMAIL_ONLY, 'fr');
    const en = await notifiedImport(EMAIL_ONLY, 'en', { status: 'error' });
    const report = await drainOutbox({ db: ctx.system.db, channels: channels({ smtpUrl: smtp.url }) });
    expect(report).toMatchObject({ claimed: 2, sent: 2 });

    const toFr = smtp.received.find((m) => m.to.includes(fr.member.email));
    expect(toFr?.subject).toBe('Import terminé : clients.csv');
    expect(toFr?.text).toContain('Import de clients : 3 créé(s), 1 mis à jour, 2 inchangé(s), 0 en erreur.');
    expect(toFr?.text).toContain(`Voir le détail : ${PUBLIC_URL}/imports/${fr.importId}`);
    expect(toFr?.html).toContain(`href="${PUBLIC_URL}/imports/${fr.importId}"`);
    expect(toFr?.html).toContain('Ouvrir l’import');

    const toEn = smtp.received.find((m) => m.to.includes(en.member.email));
    expect(toEn?.subject).toBe('Import finished with errors: clients.csv');
    expect(toEn?.text).toContain('Customers import: 3 created, 1 updated, 2 unchanged, 0 in error.');
    expect(toEn?.text).toContain(`See the details: ${PUBLIC_URL}/imports/${en.importId}`);

    expect(smtp.received).toHaveLength(2);
    for (const id of [fr.importId, en.importId]) {
      const row = await outboxRow(id);
      expect(row).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
      expect(row.sent_at).toBeInstanceOf(Date);
    }
  });

  it('is written to the log when no SMTP server is configured', async () => {
    const lines: string[] = [];
    const { importId, member } = await notifiedImport(EMAIL_ONLY, 'fr');
    await drainOutbox({ db: ctx.system.db, channels: channels({ log: (m) => lines.push(m) }) });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(member.email);
    expect(lines[0]).toContain('Import terminé : clients.csv');
    expect(lines[0]).toContain(`${PUBLIC_URL}/imports/${importId}`);
    expect((await outboxRow(importId)).status).toBe('sent');
  });

  it('stays pending with backoff when nothing listens on the SMTP port, without throwing', async () => {
    const { importId } = await notifiedImport(EMAIL_ONLY);
    const t0 = justAfter();
    const ch = channels({ smtpUrl: `smtp://127.0.0.1:${await closedPort()}` });
    const report = await drainOutbox({ db: ctx.system.db, channels: ch, now: () => t0 });
    expect(report).toMatchObject({ claimed: 1, retried: 1, sent: 0 });
    const row = await outboxRow(importId);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.last_error).toMatch(/ECONNREFUSED/);
    expect(row.next_attempt_at.getTime()).toBeGreaterThanOrEqual(t0.getTime() + 5_000);
    // Not due again before its backoff ends.
    expect((await drainOutbox({ db: ctx.system.db, channels: ch, now: at(t0, 4_000) })).claimed).toBe(0);
  });

  it('stays pending when the server refuses, and is dead after the last attempt', async () => {
    const smtp = await startSmtpServer({ refuse: true });
    const { importId } = await notifiedImport(EMAIL_ONLY);
    const t0 = justAfter();
    const ch = channels({ smtpUrl: smtp.url });
    const pass = (ms: number) =>
      drainOutbox({ db: ctx.system.db, channels: ch, now: at(t0, ms), maxAttempts: 3 });
    expect(await pass(0)).toMatchObject({ retried: 1 });
    let row = await outboxRow(importId);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.last_error).toMatch(/451/);
    expect(await pass(60_000)).toMatchObject({ retried: 1 });
    expect(await pass(120_000)).toMatchObject({ dead: 1 });
    row = await outboxRow(importId);
    expect(row).toMatchObject({ status: 'dead', attempts: 3 });
    expect(await pass(3_600_000)).toMatchObject({ claimed: 0 });
    expect(smtp.received).toHaveLength(0);
  });
});

describe('Slack', () => {
  it('retries after a 500 and delivers once', async () => {
    const slack = await startSlackReceiver();
    await setWebhook(ctx, org.organizationId, `${slack.base}/hook/500`);
    slack.script.push({ status: 500, body: 'internal_error' });
    const { importId } = await notifiedImport(SLACK_ONLY, 'fr');
    const t0 = justAfter();
    const ch = channels({});
    const pass = (ms: number) => drainOutbox({ db: ctx.system.db, channels: ch, now: at(t0, ms) });

    expect(await pass(0)).toMatchObject({ retried: 1 });
    let row = await outboxRow(importId);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.last_error).toContain('HTTP 500 internal_error');
    expect(await pass(1_000)).toMatchObject({ claimed: 0 });
    expect(await pass(10_000)).toMatchObject({ sent: 1 });
    expect(await pass(3_600_000)).toMatchObject({ claimed: 0 });

    row = await outboxRow(importId);
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    expect(slack.requests.map((r) => r.answered)).toEqual([500, 200]);
    const text = slack.requests[1]?.body.text ?? '';
    expect(text).toContain('*Import terminé : clients.csv*');
    expect(text).toContain('3 créé(s)');
    expect(text).toContain(`<${PUBLIC_URL}/imports/${importId}|Ouvrir l’import>`);
    expect(slack.requests[1]?.path).toBe('/hook/500');
  });

  it('waits for Retry-After after a 429', async () => {
    const slack = await startSlackReceiver();
    await setWebhook(ctx, org.organizationId, `${slack.base}/hook/429`);
    slack.script.push({ status: 429, headers: { 'retry-after': '120' }, body: 'rate_limited' });
    const { importId } = await notifiedImport(SLACK_ONLY);
    const t0 = justAfter();
    const ch = channels({});
    const pass = (ms: number) => drainOutbox({ db: ctx.system.db, channels: ch, now: at(t0, ms) });

    expect(await pass(0)).toMatchObject({ deferred: 1 });
    const row = await outboxRow(importId);
    // Handed back untried: a rate limit does not use up an attempt.
    expect(row).toMatchObject({ status: 'pending', attempts: 0 });
    expect(row.next_attempt_at.getTime()).toBeGreaterThanOrEqual(t0.getTime() + 120_000);
    expect(await pass(10_000)).toMatchObject({ claimed: 0 });
    expect(await pass(119_000)).toMatchObject({ claimed: 0 });
    expect(slack.requests).toHaveLength(1);
    expect(await pass(121_000)).toMatchObject({ sent: 1 });
    expect(slack.requests.map((r) => r.answered)).toEqual([429, 200]);
    expect(await outboxRow(importId)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('keeps posts to one webhook apart: a third message in the same second is handed back', async () => {
    const slack = await startSlackReceiver();
    await setWebhook(ctx, org.organizationId, `${slack.base}/hook/paced`);
    for (let i = 0; i < 3; i++) await notifiedImport(SLACK_ONLY);
    const t0 = justAfter();
    const ch = channels({ slackIntervalMs: 200 });
    expect(await drainOutbox({ db: ctx.system.db, channels: ch, now: () => t0 })).toMatchObject({
      claimed: 3,
      sent: 2,
      deferred: 1,
    });
    const pending = await ctx.system.pool.query(
      `select attempts, next_attempt_at from outbox where status = 'pending'`,
    );
    expect(pending.rows).toHaveLength(1);
    expect(pending.rows[0].attempts).toBe(0);
    expect(pending.rows[0].next_attempt_at.getTime()).toBeGreaterThanOrEqual(t0.getTime() + 400);
    expect(await drainOutbox({ db: ctx.system.db, channels: ch, now: at(t0, 400) })).toMatchObject({
      sent: 1,
    });
    expect(slack.requests).toHaveLength(3);
  });

  it('gives up at once when the organization removed its webhook', async () => {
    await setWebhook(ctx, org.organizationId, 'http://127.0.0.1:9/never');
    const { importId } = await notifiedImport(SLACK_ONLY);
    await setWebhook(ctx, org.organizationId, null);
    expect(await drainOutbox({ db: ctx.system.db, channels: channels({}) })).toMatchObject({ dead: 1 });
    expect(await outboxRow(importId)).toMatchObject({
      status: 'dead',
      last_error: expect.stringMatching(/webhook/),
    });
  });
});

describe('several drainers', () => {
  it('deliver each message exactly once when they run together', async () => {
    const smtp = await startSmtpServer({ delayMs: 5 });
    const slack = await startSlackReceiver();
    await setWebhook(ctx, org.organizationId, `${slack.base}/hook/both`);
    const ids: string[] = [];
    for (let i = 0; i < 24; i++) {
      const prefs = i < 4 ? { inApp: false, email: true, slack: true } : EMAIL_ONLY;
      ids.push((await notifiedImport(prefs, i % 2 ? 'fr' : 'en', { fileName: `file-${i}.csv` })).importId);
    }
    const drainers = [1, 2].map(() =>
      startDrainer({
        db: ctx.system.db,
        channels: channels({ smtpUrl: smtp.url, slackIntervalMs: 50 }),
        batchSize: 3,
        intervalMs: 10,
      }),
    );
    for (let i = 0; i < 600; i++) {
      const left = await ctx.system.pool.query(
        `select count(*)::int as n from outbox where status <> 'sent'`,
      );
      if (left.rows[0].n === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await Promise.all(drainers.map((d) => d.stop()));

    const subjects = smtp.received.map((m) => m.subject).sort();
    expect(subjects).toHaveLength(24);
    expect(new Set(subjects).size).toBe(24);
    expect(slack.requests).toHaveLength(4);
    expect(new Set(slack.requests.map((r) => r.body.text)).size).toBe(4);
    const rows = await ctx.system.pool.query(`select status, attempts from outbox`);
    expect(rows.rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    expect(ids).toHaveLength(24);
  });
});
