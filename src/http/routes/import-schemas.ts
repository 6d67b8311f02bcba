import { z } from 'zod';
import { translate } from '../../domain/messages/index.ts';
import type { CodedError } from '../../domain/result.ts';
import type { Actor } from '../../services/context.ts';
import type { ImportDetail } from '../../services/imports/get-import.ts';
import type { ImportListItem } from '../../services/imports/list-imports.ts';
import type { RevertReport } from '../../services/imports/revert-import.ts';
import { iso } from '../reply.ts';

/** The OpenAPI shapes of imports and how an import is presented to its caller. */

const coded = z.object({
  code: z.string(),
  params: z.record(z.string(), z.unknown()).optional(),
  message: z.string(),
});
const counts = z.object({ created: z.number(), updated: z.number() });

export const importSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['customers', 'contacts', 'assignments', 'invoices']),
  mode: z.enum(['create_update', 'create_only', 'update_only']),
  status: z
    .string()
    .describe(
      'uploaded, previewing, previewed, queued, applying, success, error, failed, reverting, reverted',
    ),
  dryRun: z.boolean(),
  fileName: z.string(),
  fileSize: z.number(),
  format: z.string().nullable().describe('csv or xlsx'),
  encoding: z.string().nullable(),
  delimiter: z.string().nullable(),
  sheet: z.string().nullable(),
  headerLine: z.number().nullable(),
  headers: z.array(z.string()),
  mapping: z.array(z.string().nullable()).describe('The field of each file column (null: ignored)'),
  ignoredColumns: z.array(z.string()),
  stage: z.string().nullable(),
  progress: z.object({
    linesDone: z.number(),
    linesTotal: z.number().nullable(),
    percent: z.number().nullable(),
  }),
  lines: z
    .object({
      created: z.number(),
      updated: z.number(),
      unchanged: z.number(),
      error: z.number(),
      blank: z.number(),
    })
    .nullable(),
  records: z.object({ customers: counts, contacts: counts, invoices: counts }).nullable(),
  warnings: z.array(coded),
  refusal: coded.nullable(),
  revert: z
    .object({
      deleted: z.number(),
      restored: z.number(),
      conflicts: z.array(
        z.object({
          line: z.number(),
          entity: z.string(),
          recordId: z.string(),
          code: z.string(),
          message: z.string(),
        }),
      ),
    })
    .nullable(),
  startedBy: z.object({ id: z.uuid(), email: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  revertedAt: z.string().nullable(),
});

export const detailSchema = importSchema.extend({
  problems: z.array(coded).describe('File-level problems of the mapping: none means the lines may run'),
  samples: z.array(z.array(z.string())).describe('Up to 3 values per column during the mapping step'),
});

export const mappingBody = z.object({
  mapping: z.array(
    z.object({
      column: z.union([z.string(), z.number().int().min(0)]).describe('File header, or 0-based column index'),
      field: z.string().nullable().describe('Field key, or null to ignore the column'),
    }),
  ),
});

export const errorSchema = z.object({
  line: z.number(),
  column: z.string().nullable(),
  value: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});

export const changeSchema = z.object({
  seq: z.number(),
  line: z.number(),
  entity: z.enum(['customer', 'contact', 'invoice']),
  recordId: z.uuid(),
  action: z.enum(['created', 'updated']),
  before: z.unknown(),
  after: z.unknown(),
});

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

const withMessage = (actor: Actor, e: CodedError) => ({
  code: e.code,
  ...(e.params ? { params: e.params } : {}),
  message: translate(e.code, actor.language, e.params),
});

/** An import of the history, for the API. */
export function present(actor: Actor, v: ImportListItem): z.infer<typeof importSchema> {
  const { createdBy: _, revertReport, warnings, refusal, ...rest } = v;
  const report = revertReport as RevertReport | null;
  return {
    ...rest,
    warnings: warnings.map((w) => withMessage(actor, w)),
    refusal: refusal ? withMessage(actor, refusal) : null,
    revert: report
      ? {
          ...report,
          conflicts: report.conflicts.map((c) => ({
            ...c,
            message: translate(c.code, actor.language, { line: c.line, entity: c.entity }),
          })),
        }
      : null,
    createdAt: iso(v.createdAt),
    startedAt: iso(v.startedAt),
    finishedAt: iso(v.finishedAt),
    revertedAt: iso(v.revertedAt),
  };
}

/** One import with its problems and samples, for the API. */
export function presentDetail(actor: Actor, d: ImportDetail): z.infer<typeof detailSchema> {
  return { ...present(actor, d), problems: d.problems.map((p) => withMessage(actor, p)), samples: d.samples };
}

/** `attachment` with the name as given (RFC 6266 `filename*`) and an ASCII fallback for old clients. */
