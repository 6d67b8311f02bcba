import { z } from 'zod';
import type { ServiceContext } from '../services/context.ts';
import { APPLY_IMPORT_JOB, type ApplyImportJob } from '../services/imports/queue-import.ts';
import { runApplyImportJob } from '../services/imports/run-import-job.ts';

/** A kind of background job: its queue name, the shape of its payload, its handler, its queue settings. */
export interface JobDefinition<T> {
  name: string;
  payload: z.ZodType<T>;
  handle(ctx: ServiceContext, data: T): Promise<unknown>;
  /** Longer than the longest run: a run that dies is found by its free run lock, long before this. */
  expireInSeconds: number;
  retryLimit: number;
}

const applyImport: JobDefinition<ApplyImportJob> = {
  name: APPLY_IMPORT_JOB,
  payload: z.object({
    organizationId: z.uuid(),
    importId: z.uuid(),
    memberId: z.uuid().nullable(),
    // Jobs queued before the audit log carry no key.
    apiKeyId: z.uuid().nullable().optional(),
  }),
  handle: (ctx, data) => runApplyImportJob(ctx, data),
  expireInSeconds: 4 * 60 * 60,
  retryLimit: 3,
};

/** Every job the workers run. */
export const JOBS: JobDefinition<never>[] = [applyImport as unknown as JobDefinition<never>];
