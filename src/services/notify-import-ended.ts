import type { Kysely } from 'kysely';
import { fail, ok, type Result } from '../domain/result.ts';
import { findImport } from '../storage/imports.ts';
import { findMember } from '../storage/members.ts';
import { insertNotification, notificationExists } from '../storage/notifications.ts';
import { findOrganization } from '../storage/organizations.ts';
import { insertOutbox, outboxExists } from '../storage/outbox.ts';
import type { DB } from '../storage/schema.ts';

/** Which notifications a call wrote (false: the member does not want it, or it was already written). */
export interface ImportNotified {
  inApp: boolean;
  email: boolean;
  slack: boolean;
}

const ENDED = new Set(['success', 'error', 'failed', 'reverted']);
const COUNT_KEYS = ['created', 'updated', 'unchanged', 'error', 'blank'] as const;

function countsOf(json: unknown): Record<(typeof COUNT_KEYS)[number], number> {
  const c = (json !== null && typeof json === 'object' ? json : {}) as Record<string, unknown>;
  const n = (k: string) => (typeof c[k] === 'number' ? c[k] : 0);
  return {
    created: n('created'),
    updated: n('updated'),
    unchanged: n('unchanged'),
    error: n('error'),
    blank: n('blank'),
  };
}

/**
 * Tells the member who started an import that it ended (or was reverted), on each channel their profile
 * asks for: a row in `notifications` for the app, and rows in `outbox` that the drainer delivers by email
 * and to the organization's Slack webhook. It only writes rows, so it can run inside the import's own
 * transaction (pass the transaction as `db`): the notifications then exist if and only if the import's
 * result does. Calling it again for the same import and status writes nothing more, so a retried job
 * never notifies twice.
 */
export async function notifyImportEnded(
  db: Kysely<DB>,
  organizationId: string,
  importId: string,
): Promise<Result<ImportNotified>> {
  const none: ImportNotified = { inApp: false, email: false, slack: false };
  const imp = await findImport(db, organizationId, importId);
  if (!imp) return fail('not_found');
  if (!ENDED.has(imp.status)) return fail('import_not_ready', { status: imp.status });
  if (!imp.created_by) return ok(none);
  const member = await findMember(db, organizationId, imp.created_by);
  if (!member) return ok(none);
  const organization = await findOrganization(db, organizationId);

  const kind = imp.status === 'reverted' ? 'import_reverted' : 'import_finished';
  // What identifies this event, to write it once: the import and the status it ended in.
  const key = { importId, status: imp.status };
  const params = {
    ...key,
    importKind: imp.kind,
    fileName: imp.file_name,
    ...countsOf(imp.counts),
    // Slack rows carry no member (they go to the organization's channel): the name travels in the params.
    member: member.name || member.email,
  };
  const link = `/imports/${importId}`;
  const done = { ...none };

  if (member.notify_in_app && !(await notificationExists(db, organizationId, member.id, kind, key))) {
    await insertNotification(db, {
      organization_id: organizationId,
      member_id: member.id,
      kind,
      params,
      link,
    });
    done.inApp = true;
  }
  const queue = { organization_id: organizationId, kind, params, link, language: member.language };
  if (member.notify_email && !(await outboxExists(db, organizationId, 'email', kind, key))) {
    await insertOutbox(db, { ...queue, channel: 'email', member_id: member.id });
    done.email = true;
  }
  if (
    member.notify_slack &&
    organization?.slack_webhook_url &&
    !(await outboxExists(db, organizationId, 'slack', kind, key))
  ) {
    await insertOutbox(db, { ...queue, channel: 'slack', member_id: null });
    done.slack = true;
  }
  return ok(done);
}
