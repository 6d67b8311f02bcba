import type { CodedError } from '../../domain/result.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { findImport } from '../../storage/imports.ts';
import { findMember } from '../../storage/members.ts';
import type { ImportRow } from '../../storage/schema.ts';
import { type Actor, inOrganization, type ServiceContext } from '../context.ts';
import { authorOf, type ImportListItem } from './list-imports.ts';
import { mappingProblems } from './mapping.ts';
import { openUpload, refusalOf } from './read-upload.ts';
import { importView } from './view.ts';

/** An import with what its details page needs: who started it, its mapping problems, sample values. */
export type ImportDetail = ImportListItem & {
  /** File-level problems of the current mapping (a required column missing...): none means it may run. */
  problems: CodedError[];
  /** Up to 3 values per file column (aligned with `headers`), for the mapping step; empty after it. */
  samples: string[][];
};

const SAMPLES_PER_COLUMN = 3;
// Enough rows to find values in sparse columns, few enough that a details page never reads a whole file.
const SAMPLE_ROWS = 50;
const MAPPING_STEP: ImportRow['status'][] = ['uploaded', 'previewed'];

/** One import of the organization, with its mapping problems and, during the mapping step, sample values. */
export async function getImport(
  ctx: ServiceContext,
  actor: Actor,
  importId: string,
  opts: { samples: boolean } = { samples: true },
): Promise<Result<ImportDetail>> {
  ctx = inOrganization(ctx, actor);
  const row = await findImport(ctx.db, actor.organizationId, importId);
  if (!row) return fail('not_found');
  const member = row.created_by ? await findMember(ctx.db, actor.organizationId, row.created_by) : undefined;
  return ok({
    ...importView(row),
    startedBy: authorOf(member),
    problems: mappingProblems(row, actor.language),
    samples:
      opts.samples && MAPPING_STEP.includes(row.status) && row.headers ? await sampleValues(ctx, row) : [],
  });
}

/** The first non-empty values of each column, read from the first rows of the stored upload only. */
async function sampleValues(ctx: ServiceContext, imp: ImportRow): Promise<string[][]> {
  const samples = ((imp.headers as string[] | null) ?? []).map((): string[] => []);
  let table: Awaited<ReturnType<typeof openUpload>>;
  try {
    table = await openUpload(ctx, imp);
  } catch (e) {
    // The file was read once at upload; a refusal now only means no samples, never a broken page.
    if (refusalOf(e)) return samples;
    throw e;
  }
  try {
    let rows = 0;
    for await (const row of table.rows) {
      if (row.blank) continue;
      row.cells.forEach((cell, i) => {
        const column = samples[i];
        const value = cell.trim();
        if (column && value && column.length < SAMPLES_PER_COLUMN) column.push(value);
      });
      if (++rows >= SAMPLE_ROWS || samples.every((s) => s.length >= SAMPLES_PER_COLUMN)) break;
    }
  } catch (e) {
    if (!refusalOf(e)) throw e;
  } finally {
    await table.close();
  }
  return samples;
}
