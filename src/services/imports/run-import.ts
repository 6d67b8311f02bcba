import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { fail, ok, type Result } from '../../domain/result.ts';
import { type SourceSystemRules, sourceSystemRules } from '../../domain/source-systems.ts';
import { listPlans } from '../../storage/dunning-plans.ts';
import { deleteLineErrorsIn, insertLineErrorsIn, type LineErrorRow } from '../../storage/import-batch.ts';
import { lockImportRun, lockOrganizationImports } from '../../storage/import-locks.ts';
import { previewStore } from '../../storage/import-preview-store.ts';
import { tableStore } from '../../storage/import-store.ts';
import { findImport, insertChanges, updateImport, writeImportProgress } from '../../storage/imports.ts';
import { listMembers } from '../../storage/members.ts';
import { findOrganization } from '../../storage/organizations.ts';
import type { ImportRow } from '../../storage/schema.ts';
import { pipelined } from '../../storage/statement-order.ts';
import { ANALYZE_AFTER_LINES, analyzeAfterCommit, planForKeyLookups } from '../../storage/statistics.ts';
import type { Queryable } from '../../storage/tenant-pool.ts';
import { recordAuditIn } from '../audit.ts';
import { type Actor, inOrganization, type ServiceContext } from '../context.ts';
import { notifyImportEnded } from '../notify-import-ended.ts';
import { BATCH_LINES, checkedBatches, PREVIEW_BATCH_LINES } from './check-lines.ts';
import { type EngineSink, type RefusedLine, runEngine } from './engine.ts';
import { openUpload, type ReadCounter, refusalOf } from './read-upload.ts';
import { UploadBrokenOff } from './stored-chunks.ts';
import type { UploadInProgress } from './upload-import.ts';
import { type ImportView, type ImportWarning, importView } from './view.ts';

/**
 * Runs an import's file through the engine. A preview (dry run) runs exactly the checks and matching an apply
 * would, its records written to temporary tables laid over the organization's (import-preview-store.ts) in a
 * transaction that is rolled back: it writes nothing but its line errors. An apply commits it, with its line
 * errors and change log, as one transaction: a crash leaves the data as it was. Running the same import again
 * after it ended changes nothing (the status says it is done), so a retried job is harmless.
 */
export async function runImport(
  ctx: ServiceContext,
  actor: Actor,
  importId: string,
  opts: { dryRun: boolean; upload?: UploadInProgress | undefined },
): Promise<Result<ImportView>> {
  ctx = inOrganization(ctx, actor);
  const imp = await findImport(ctx.db, actor.organizationId, importId);
  if (!imp) return fail('not_found');
  // A file not stored whole (its upload still going on elsewhere, or broken off with its process) is never run:
  // only the run its upload was handed to follows it.
  if (!imp.file_sha256 && !opts.upload) return fail('import_not_ready', { status: imp.status });
  // A preview or apply whose process died stays "previewing"/"applying": running it again takes it over.
  const allowed: ImportRow['status'][] = opts.dryRun
    ? ['uploaded', 'previewed', 'previewing']
    : ['uploaded', 'previewed', 'queued', 'applying'];
  if (!allowed.includes(imp.status) || !imp.headers) return fail('import_not_ready', { status: imp.status });
  const mapping = (imp.mapping as (string | null)[] | null) ?? [];
  const token = randomUUID();
  const started = await updateImport(
    ctx.db,
    actor.organizationId,
    importId,
    {
      status: opts.dryRun ? 'previewing' : 'applying',
      started_at: new Date(),
      lines_done: 0,
      bytes_done: 0,
      stage: 'reading',
      run_token: token,
    },
    allowed,
  );
  if (!started) return fail('import_not_ready', { status: imp.status });
  await writeImportProgress(ctx.db, actor.organizationId, importId, {
    lines_done: 0,
    bytes_done: 0,
    stage: 'reading',
  });
  if (opts.dryRun) await deleteLineErrorsIn(ctx.pool, actor.organizationId, importId);
  const client = await ctx.pool.connect();
  try {
    await client.query('begin');
    await planForKeyLookups(client);
    await lockOrganizationImports(client, actor.organizationId);
    await lockImportRun(client, importId);
    // Another run took this import over while we waited for the locks: it owns the result.
    const current = await client.query(
      'select run_token from imports where organization_id = $1 and id = $2',
      [actor.organizationId, importId],
    );
    if (current.rows[0]?.run_token !== token) {
      await client.query('rollback');
    } else if (opts.dryRun) {
      const { lines_written: _, ...outcome } = await engineRun(ctx, client, imp, mapping, true, opts.upload);
      await client.query('rollback');
      await updateImport(ctx.db, actor.organizationId, importId, {
        ...outcome,
        status: 'previewed',
        stage: null,
      });
    } else {
      await deleteLineErrorsIn(client, actor.organizationId, importId);
      const outcome = await engineRun(ctx, client, imp, mapping, false, opts.upload);
      await updateImportInTransaction(client, actor.organizationId, importId, outcome);
      // One event for the whole file; what each line did is in the import's change log.
      await recordAuditIn(
        client,
        actor,
        'import.applied',
        { type: 'import', id: importId },
        {
          fileName: imp.file_name,
          kind: imp.kind,
          mode: imp.mode,
          status: outcome.status,
          lines: JSON.parse(outcome.counts),
          records: JSON.parse(outcome.records),
        },
      );
      await client.query('commit');
      if (outcome.lines_written >= ANALYZE_AFTER_LINES) {
        // Customers and contacts whatever the kind: the lists and searches join them.
        await analyzeAfterCommit(
          ctx.system.pool,
          imp.kind === 'invoices' ? ['customers', 'contacts', 'invoices'] : ['customers', 'contacts'],
        );
      }
    }
  } catch (e) {
    await client.query('rollback').catch(() => {});
    const refusal = refusalOf(e);
    await updateImport(
      ctx.db,
      actor.organizationId,
      importId,
      {
        status: 'failed',
        stage: null,
        refusal: JSON.stringify(refusal ?? { code: 'internal_error' }),
        finished_at: new Date(),
      },
      [opts.dryRun ? 'previewing' : 'applying'],
    );
    if (!refusal) throw e;
  } finally {
    client.release();
  }
  const done = await findImport(ctx.db, actor.organizationId, importId);
  if (!opts.dryRun && done && ['success', 'error', 'failed'].includes(done.status)) {
    // Idempotent; a failure to notify never undoes or fails the import itself.
    await notifyImportEnded(ctx.db, actor.organizationId, importId).catch(() => undefined);
  }
  return done ? ok(importView(done)) : fail('not_found');
}

interface Outcome {
  status: 'success' | 'error';
  counts: string;
  records: string;
  lines_total: number;
  lines_done: number;
  /** Lines that created or updated a record: a re-import of unchanged data needs no new statistics. */
  lines_written: number;
}

async function engineRun(
  ctx: ServiceContext,
  client: pg.PoolClient,
  imp: ImportRow,
  mapping: (string | null)[],
  dryRun: boolean,
  upload: UploadInProgress | undefined,
): Promise<Outcome> {
  const org = await findOrganization(ctx.db, imp.organization_id);
  if (!org) throw new Error('organization vanished');
  const members = await listMembers(ctx.db, org.id);
  const plans = await listPlans(ctx.db, org.id);
  const headers = (imp.headers as string[]) ?? [];
  const rules = sourceSystemRules(org);
  await recordSourceWarnings(ctx, imp, headers, mapping, rules);
  const read: ReadCounter = { bytes: 0 };
  const table = await openUpload(ctx, imp, read, upload?.chunks);
  let seq = 0;
  // A preview writes its records to temporary tables over the organization's (see import-preview-store.ts).
  const store = dryRun ? previewStore() : tableStore;
  // The engine overlaps batches: its statements and the sink's go down one pipelined connection, in the order
  // they must run.
  const sinkOn = (ordered: Queryable): EngineSink => ({
    // A preview's errors outlive its rolled-back transaction; an apply's are committed with its data.
    refused: (lines) =>
      insertLineErrorsIn(
        dryRun ? ctx.pool : ordered,
        imp.organization_id,
        imp.id,
        errorRows(headers, mapping, lines),
      ),
    // A preview keeps no change log.
    changed: dryRun
      ? undefined
      : async (changes) => {
          const firstSeq = seq;
          seq += changes.length;
          await insertChanges(ordered, imp.organization_id, imp.id, firstSeq, changes);
        },
    progress: async (linesDone) => {
      await writeImportProgress(ctx.db, imp.organization_id, imp.id, {
        lines_done: linesDone,
        bytes_done: read.bytes,
        stage: dryRun ? 'previewing' : 'applying',
      });
    },
  });
  const {
    lines: counts,
    created,
    updatesSent,
  } = await pipelined(client, (ordered) =>
    runEngine(
      ordered,
      {
        organizationId: org.id,
        kind: imp.kind,
        mode: imp.mode,
        refs: {
          membersByEmail: new Map(members.map((m) => [m.email, m.id])),
          plansByKey: new Map(plans.map((p) => [p.name_key, { id: p.id, name: p.name }])),
        },
        lockedMainInfo: imp.kind === 'contacts' && rules.contactMainInfoLocked,
        ignoreMainFlag: imp.kind === 'contacts' && rules.mainContactColumnIgnored,
        store,
      },
      checkedBatches(
        { kind: imp.kind, mapping, defaultCountry: org.default_country },
        table.batches,
        dryRun ? PREVIEW_BATCH_LINES : BATCH_LINES,
      ),
      sinkOn(ordered),
    ),
  );
  const records = await store.countTouched(client, org.id, created, updatesSent);
  if (upload) {
    // Read to its end, the file may still have chunks being stored: nothing concludes before it is stored whole.
    const stored = await upload.finished();
    if (!stored.ok) throw new UploadBrokenOff(stored.error);
  }
  const total = counts.created + counts.updated + counts.unchanged + counts.error + counts.blank;
  return {
    status: counts.error > 0 ? 'error' : 'success',
    counts: JSON.stringify(counts),
    records: JSON.stringify(records),
    lines_total: total,
    lines_done: total,
    lines_written: counts.created + counts.updated,
  };
}

/** Columns the organization's source system owns are ignored: say so on the import, once per column. */
async function recordSourceWarnings(
  ctx: ServiceContext,
  imp: ImportRow,
  headers: string[],
  mapping: (string | null)[],
  rules: SourceSystemRules,
): Promise<void> {
  if (imp.kind !== 'contacts') return;
  const columnsOf = (fields: string[]) => headers.filter((_, i) => fields.includes(mapping[i] ?? ''));
  const found: ImportWarning[] = [];
  const locked = rules.contactMainInfoLocked
    ? columnsOf(['firstName', 'lastName', 'phone', 'reference'])
    : [];
  if (locked.length > 0)
    found.push({ code: 'source_locked_columns_ignored', params: { columns: locked.join(', ') } });
  const main = rules.mainContactColumnIgnored ? columnsOf(['isMain']) : [];
  if (main.length > 0)
    found.push({ code: 'main_contact_column_ignored', params: { columns: main.join(', ') } });
  const current = ((imp.warnings as ImportWarning[] | null) ?? []).filter(
    (w) => w.code !== 'source_locked_columns_ignored' && w.code !== 'main_contact_column_ignored',
  );
  await updateImport(ctx.db, imp.organization_id, imp.id, {
    warnings: JSON.stringify([...current, ...found]),
  });
}

async function updateImportInTransaction(
  client: pg.PoolClient,
  organizationId: string,
  importId: string,
  o: Outcome,
): Promise<void> {
  // finished_at is the real clock, after every write of the import: a record changed later has updated_at past it.
  await client.query(
    `update imports set status = $3, counts = $4, records = $5, lines_total = $6, lines_done = $7, stage = null,
       finished_at = clock_timestamp() where organization_id = $1 and id = $2`,
    [organizationId, importId, o.status, o.counts, o.records, o.lines_total, o.lines_done],
  );
}

function errorRows(headers: string[], mapping: (string | null)[], lines: RefusedLine[]): LineErrorRow[] {
  return lines.flatMap((l) =>
    l.errors.map((e, i) => {
      const column = mapping.indexOf(e.field);
      return {
        line: l.line,
        seq: i,
        field: e.field,
        columnName: column >= 0 ? (headers[column] ?? null) : null,
        value: e.value,
        code: e.code,
        params: e.params ?? null,
        cells: i === 0 ? l.cells : null,
      };
    }),
  );
}
