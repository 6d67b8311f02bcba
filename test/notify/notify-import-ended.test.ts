import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor, ServiceContext } from '../../src/services/context.ts';
import { notifyImportEnded } from '../../src/services/notify-import-ended.ts';
import { buildOrganization } from '../helpers/builders.ts';
import { createTestContext } from '../helpers/db.ts';
import { endedImport, memberWith, type Prefs, setWebhook } from './fixtures.ts';

let ctx: ServiceContext;
let withHook: Actor;
let withoutHook: Actor;

beforeAll(async () => {
  ctx = await createTestContext();
  withHook = await buildOrganization(ctx);
  withoutHook = await buildOrganization(ctx);
  await setWebhook(ctx, withHook.organizationId, 'https://hooks.slack.test/services/T/B/X');
});

/** Every row written for one import: in-app notifications and outbox messages by channel. */
async function rowsOf(importId: string) {
  const n = await ctx.system.pool.query(
    `select member_id, kind, params, link, read_at from notifications where params->>'importId' = $1`,
    [importId],
  );
  const o = await ctx.system.pool.query(
    `select channel, member_id, kind, params, link, language, status, attempts from outbox
      where params->>'importId' = $1 order by channel`,
    [importId],
  );
  return { notifications: n.rows, outbox: o.rows, channels: o.rows.map((r) => r.channel as string) };
}

const combos: Prefs[] = [];
for (const inApp of [false, true])
  for (const email of [false, true]) for (const slack of [false, true]) combos.push({ inApp, email, slack });

describe('notifyImportEnded', () => {
  it.each(combos)('writes what the profile asks for: %o', async (prefs) => {
    const member = await memberWith(ctx, withHook, prefs);
    const importId = await endedImport(ctx, withHook.organizationId, member.id);
    const r = await notifyImportEnded(
      ctx.tenants.of(withHook.organizationId).db,
      withHook.organizationId,
      importId,
    );
    expect(r).toEqual({ ok: true, value: prefs });
    const rows = await rowsOf(importId);
    expect(rows.notifications).toHaveLength(prefs.inApp ? 1 : 0);
    expect(rows.channels).toEqual([...(prefs.email ? ['email'] : []), ...(prefs.slack ? ['slack'] : [])]);
  });

  it('gives no email row to a member who turned email off', async () => {
    const member = await memberWith(ctx, withHook, { inApp: true, email: false, slack: true });
    const importId = await endedImport(ctx, withHook.organizationId, member.id);
    await notifyImportEnded(ctx.tenants.of(withHook.organizationId).db, withHook.organizationId, importId);
    expect((await rowsOf(importId)).channels).toEqual(['slack']);
  });

  it('writes no Slack row when the organization has no webhook', async () => {
    const member = await memberWith(ctx, withoutHook, { inApp: true, email: true, slack: true });
    const importId = await endedImport(ctx, withoutHook.organizationId, member.id);
    const r = await notifyImportEnded(
      ctx.tenants.of(withoutHook.organizationId).db,
      withoutHook.organizationId,
      importId,
    );
    expect(r).toEqual({ ok: true, value: { inApp: true, email: true, slack: false } });
    expect((await rowsOf(importId)).channels).toEqual(['email']);
  });

  it('carries status, kind, file name, counts, link and the member’s language', async () => {
    const member = await memberWith(ctx, withHook, { inApp: true, email: true, slack: true }, 'fr');
    const importId = await endedImport(ctx, withHook.organizationId, member.id, {
      status: 'error',
      kind: 'contacts',
      fileName: 'contacts.csv',
      counts: { created: 5, updated: 2, unchanged: 1, error: 3, blank: 0 },
    });
    await notifyImportEnded(ctx.tenants.of(withHook.organizationId).db, withHook.organizationId, importId);
    const rows = await rowsOf(importId);
    const params = {
      importId,
      status: 'error',
      importKind: 'contacts',
      fileName: 'contacts.csv',
      created: 5,
      updated: 2,
      unchanged: 1,
      error: 3,
      blank: 0,
    };
    expect(rows.notifications).toEqual([
      expect.objectContaining({
        member_id: member.id,
        kind: 'import_finished',
        link: `/imports/${importId}`,
        read_at: null,
        params: expect.objectContaining(params),
      }),
    ]);
    expect(rows.outbox).toEqual([
      expect.objectContaining({ channel: 'email', member_id: member.id, language: 'fr', status: 'pending' }),
      expect.objectContaining({ channel: 'slack', member_id: null, language: 'fr', attempts: 0 }),
    ]);
    for (const o of rows.outbox) {
      expect(o).toMatchObject({ kind: 'import_finished', link: `/imports/${importId}` });
      expect(o.params).toMatchObject(params);
    }
  });

  it('says import_reverted for a reverted import, besides the earlier import_finished', async () => {
    const member = await memberWith(ctx, withHook, { inApp: true, email: true, slack: false });
    const importId = await endedImport(ctx, withHook.organizationId, member.id);
    await notifyImportEnded(ctx.tenants.of(withHook.organizationId).db, withHook.organizationId, importId);
    await ctx.system.pool.query(`update imports set status = 'reverted' where id = $1`, [importId]);
    await notifyImportEnded(ctx.tenants.of(withHook.organizationId).db, withHook.organizationId, importId);
    const rows = await rowsOf(importId);
    expect(rows.notifications.map((n) => n.kind).sort()).toEqual(['import_finished', 'import_reverted']);
    expect(rows.outbox.map((o) => o.kind).sort()).toEqual(['import_finished', 'import_reverted']);
  });

  it('writes nothing more when called again for the same ending (a retried job)', async () => {
    const member = await memberWith(ctx, withHook, { inApp: true, email: true, slack: true });
    const importId = await endedImport(ctx, withHook.organizationId, member.id, { status: 'failed' });
    await notifyImportEnded(ctx.tenants.of(withHook.organizationId).db, withHook.organizationId, importId);
    const again = await notifyImportEnded(
      ctx.tenants.of(withHook.organizationId).db,
      withHook.organizationId,
      importId,
    );
    expect(again).toEqual({ ok: true, value: { inApp: false, email: false, slack: false } });
    const rows = await rowsOf(importId);
    expect(rows.notifications).toHaveLength(1);
    expect(rows.channels).toEqual(['email', 'slack']);
  });

  it('runs inside the caller’s transaction: rolled back, nothing remains', async () => {
    const member = await memberWith(ctx, withHook, { inApp: true, email: true, slack: true });
    const importId = await endedImport(ctx, withHook.organizationId, member.id);
    await expect(
      ctx.tenants
        .of(withHook.organizationId)
        .db.transaction()
        .execute(async (trx) => {
          const r = await notifyImportEnded(trx, withHook.organizationId, importId);
          expect(r.ok && r.value).toEqual({ inApp: true, email: true, slack: true });
          throw new Error('the import failed after all');
        }),
    ).rejects.toThrow('the import failed after all');
    const rows = await rowsOf(importId);
    expect(rows.notifications).toHaveLength(0);
    expect(rows.outbox).toHaveLength(0);
  });

  it('notifies nobody for an import without a starter, and refuses one that has not ended', async () => {
    const orphan = await endedImport(ctx, withHook.organizationId, null);
    expect(
      await notifyImportEnded(ctx.tenants.of(withHook.organizationId).db, withHook.organizationId, orphan),
    ).toEqual({
      ok: true,
      value: { inApp: false, email: false, slack: false },
    });
    const member = await memberWith(ctx, withHook, { inApp: true, email: true, slack: true });
    const running = await endedImport(ctx, withHook.organizationId, member.id, { status: 'applying' });
    const r = await notifyImportEnded(
      ctx.tenants.of(withHook.organizationId).db,
      withHook.organizationId,
      running,
    );
    expect(r).toEqual({ ok: false, error: { code: 'import_not_ready', params: { status: 'applying' } } });
    expect((await rowsOf(running)).notifications).toHaveLength(0);
  });

  it('does not find another organization’s import', async () => {
    const member = await memberWith(ctx, withHook, { inApp: true, email: true, slack: true });
    const importId = await endedImport(ctx, withHook.organizationId, member.id);
    const r = await notifyImportEnded(
      ctx.tenants.of(withoutHook.organizationId).db,
      withoutHook.organizationId,
      importId,
    );
    expect(r).toEqual({ ok: false, error: { code: 'not_found' } });
  });
});
