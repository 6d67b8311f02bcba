import { findMember } from '../../storage/members.ts';
import { findOrganization } from '../../storage/organizations.ts';
import { type Actor, inOrganization, type ServiceContext } from '../context.ts';
import { applyImport } from './apply-import.ts';
import type { ApplyImportJob } from './queue-import.ts';

/**
 * The apply job's use case, on a worker: acts as the member who asked (or as an admin when they are gone). An
 * import already applied answers "done" so a retried or duplicated job changes nothing.
 */
export async function runApplyImportJob(
  ctx: ServiceContext,
  job: ApplyImportJob,
): Promise<{ outcome: 'applied' | 'already_done' | 'missing'; status?: string }> {
  ctx = inOrganization(ctx, job.organizationId);
  const org = await findOrganization(ctx.db, job.organizationId);
  if (!org) return { outcome: 'missing' };
  const member = job.memberId ? await findMember(ctx.db, job.organizationId, job.memberId) : undefined;
  const actor: Actor = {
    organizationId: org.id,
    memberId: member?.id ?? null,
    userId: member?.user_id ?? null,
    role: member?.role ?? 'admin',
    language: member?.language ?? org.default_language,
    via: 'worker',
    apiKeyId: job.apiKeyId ?? null,
  };
  const r = await applyImport(ctx, actor, job.importId);
  if (!r.ok) return r.error.code === 'not_found' ? { outcome: 'missing' } : { outcome: 'already_done' };
  return { outcome: 'applied', status: r.value.status };
}
