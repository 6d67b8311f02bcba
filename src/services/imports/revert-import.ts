import type pg from 'pg';
import type { ChangeEntity } from '../../domain/import-plan/types.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { nameKey } from '../../domain/text.ts';
import { lockOrganizationImports } from '../../storage/import-locks.ts';
import {
  customerHasDependents,
  deleteRecord,
  lastChanged,
  lockCustomersOfContacts,
  otherMainContactExists,
  restoreFields,
} from '../../storage/import-revert.ts';
import { findImport, listChanges, updateImport } from '../../storage/imports.ts';
import { recordAuditIn } from '../audit.ts';
import { type Actor, inOrganization, type ServiceContext } from '../context.ts';
import { notifyImportEnded } from '../notify-import-ended.ts';
import { type ImportView, importView } from './view.ts';

const PAGE = 2000;

/** A record the revert left as it is, and why. */
export interface RevertConflict {
  line: number;
  entity: ChangeEntity;
  recordId: string;
  code: 'revert_changed_since' | 'revert_has_dependents' | 'revert_already_deleted';
}

/** What a revert did. */
export interface RevertReport {
  deleted: number;
  restored: number;
  conflicts: RevertConflict[];
}

interface ChangeRow {
  seq: number;
  line: number;
  entity: ChangeEntity;
  record_id: string;
  action: 'created' | 'updated';
  before: unknown;
}

/**
 * Cancels an applied import: what it created is removed and what it changed is put back, newest change first,
 * in one transaction. A record changed after the import (or a customer that has since gained contacts or
 * invoices) is left as it is and reported, never overwritten.
 */
export async function revertImport(
  ctx: ServiceContext,
  actor: Actor,
  importId: string,
): Promise<Result<ImportView>> {
  ctx = inOrganization(ctx, actor);
  const imp = await findImport(ctx.db, actor.organizationId, importId);
  if (!imp) return fail('not_found');
  if (!['success', 'error'].includes(imp.status) || imp.dry_run || !imp.finished_at) {
    return fail('import_not_revertible', { status: imp.status });
  }
  const claimed = await updateImport(ctx.db, actor.organizationId, importId, { status: 'reverting' }, [
    'success',
    'error',
  ]);
  if (!claimed) return fail('import_not_revertible', { status: imp.status });
  const client = await ctx.pool.connect();
  try {
    await client.query('begin');
    await lockOrganizationImports(client, actor.organizationId);
    const report = await undoChanges(ctx, client, actor.organizationId, importId, new Date(imp.finished_at));
    await client.query(
      `update imports set status = 'reverted', reverted_at = clock_timestamp(), reverted_by = $3, revert_report = $4
        where organization_id = $1 and id = $2`,
      [actor.organizationId, importId, actor.memberId, JSON.stringify(report)],
    );
    await recordAuditIn(
      client,
      actor,
      'import.reverted',
      { type: 'import', id: importId },
      {
        fileName: imp.file_name,
        kind: imp.kind,
        deleted: report.deleted,
        restored: report.restored,
        conflicts: report.conflicts.length,
      },
    );
    await client.query('commit');
  } catch (e) {
    await client.query('rollback').catch(() => {});
    await updateImport(ctx.db, actor.organizationId, importId, { status: imp.status });
    throw e;
  } finally {
    client.release();
  }
  await notifyImportEnded(ctx.db, actor.organizationId, importId).catch(() => undefined);
  const done = await findImport(ctx.db, actor.organizationId, importId);
  return done ? ok(importView(done)) : fail('not_found');
}

async function undoChanges(
  ctx: ServiceContext,
  client: pg.PoolClient,
  organizationId: string,
  importId: string,
  finishedAt: Date,
): Promise<RevertReport> {
  const report: RevertReport = { deleted: 0, restored: 0, conflicts: [] };
  // A record is judged once, at its newest change: touched after the import means left alone entirely.
  const skipped = new Set<string>();
  const judged = new Set<string>();
  let afterSeq: number | undefined;
  for (;;) {
    const page = (await listChanges(ctx.db, organizationId, importId, {
      limit: PAGE,
      afterSeq,
      reverse: true,
    })) as ChangeRow[];
    if (page.length === 0) break;
    await lockCustomersOfContacts(client, organizationId, ids(page, 'contact'));
    const stamps = {
      customer: await lastChanged(client, organizationId, 'customer', ids(page, 'customer')),
      contact: await lastChanged(client, organizationId, 'contact', ids(page, 'contact')),
      invoice: await lastChanged(client, organizationId, 'invoice', ids(page, 'invoice')),
    };
    for (const change of page) {
      const id = change.record_id;
      if (skipped.has(id)) continue;
      if (!judged.has(id)) {
        judged.add(id);
        const stamp = stamps[change.entity].get(id);
        const code = !stamp
          ? 'revert_already_deleted'
          : stamp > finishedAt
            ? 'revert_changed_since'
            : undefined;
        if (code) {
          skipped.add(id);
          report.conflicts.push({ line: change.line, entity: change.entity, recordId: id, code });
          continue;
        }
      }
      await undoOne(client, organizationId, change, report);
    }
    afterSeq = page.at(-1)?.seq;
  }
  return report;
}

function ids(page: ChangeRow[], entity: ChangeEntity): string[] {
  return [...new Set(page.filter((c) => c.entity === entity).map((c) => c.record_id))];
}

async function undoOne(
  client: pg.PoolClient,
  organizationId: string,
  change: ChangeRow,
  report: RevertReport,
): Promise<void> {
  if (change.action === 'created') {
    if (
      change.entity === 'customer' &&
      (await customerHasDependents(client, organizationId, change.record_id))
    ) {
      report.conflicts.push({
        line: change.line,
        entity: 'customer',
        recordId: change.record_id,
        code: 'revert_has_dependents',
      });
      return;
    }
    await deleteRecord(client, organizationId, change.entity, change.record_id);
    report.deleted++;
    return;
  }
  const before = { ...((change.before as Record<string, unknown> | null) ?? {}) };
  if (change.entity === 'contact' && before.isMain === true) {
    // Another contact became main after the import: keep it, and say so.
    if (await otherMainContactExists(client, organizationId, change.record_id)) {
      delete before.isMain;
      report.conflicts.push({
        line: change.line,
        entity: 'contact',
        recordId: change.record_id,
        code: 'revert_changed_since',
      });
    }
  }
  const key =
    change.entity === 'customer' && typeof before.name === 'string' ? nameKey(before.name) : undefined;
  await restoreFields(client, organizationId, change.entity, change.record_id, before, key);
  report.restored++;
}
