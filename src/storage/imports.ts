import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import { deflate, inflate } from './deflate.ts';
import type { DB, ImportRow, ImportsTable } from './schema.ts';
import type { Queryable } from './tenant-pool.ts';

/** Creates an import row. */
export async function insertImport(db: Kysely<DB>, values: Insertable<ImportsTable>): Promise<ImportRow> {
  return db.insertInto('imports').values(values).returningAll().executeTakeFirstOrThrow();
}

/** While a run is under way, its progress is the one it writes to import_progress (see migration 0013). */
const RUNNING: ImportRow['status'][] = ['previewing', 'applying'];

type WithLive = ImportRow & {
  live_lines_done: number | null;
  live_bytes_done: number | null;
  live_stage: string | null;
};

function withLiveProgress({ live_lines_done, live_bytes_done, live_stage, ...row }: WithLive): ImportRow {
  if (!RUNNING.includes(row.status) || live_lines_done === null) return row;
  return { ...row, lines_done: live_lines_done, bytes_done: live_bytes_done ?? 0, stage: live_stage };
}

function importsWithProgress(db: Kysely<DB>, organizationId: string) {
  return db
    .selectFrom('imports as i')
    .leftJoin('import_progress as p', (j) =>
      j.onRef('p.organization_id', '=', 'i.organization_id').onRef('p.import_id', '=', 'i.id'),
    )
    .selectAll('i')
    .select(['p.lines_done as live_lines_done', 'p.bytes_done as live_bytes_done', 'p.stage as live_stage'])
    .where('i.organization_id', '=', organizationId);
}

/** One import of the organization, with the live progress of a run under way. */
export async function findImport(
  db: Kysely<DB>,
  organizationId: string,
  id: string,
): Promise<ImportRow | undefined> {
  const row = await importsWithProgress(db, organizationId).where('i.id', '=', id).executeTakeFirst();
  return row && withLiveProgress(row);
}

/**
 * Writes a run's progress. Never through the run's own transaction (nobody else would see it), and never on the
 * import's row, which that transaction keeps key-share locked.
 */
export async function writeImportProgress(
  db: Kysely<DB>,
  organizationId: string,
  importId: string,
  progress: { lines_done: number; bytes_done: number; stage: string | null },
): Promise<void> {
  await db
    .insertInto('import_progress')
    .values({ organization_id: organizationId, import_id: importId, ...progress })
    .onConflict((oc) =>
      oc.columns(['organization_id', 'import_id']).doUpdateSet({ ...progress, updated_at: new Date() }),
    )
    .execute();
}

/** Updates an import row; with `fromStatus`, only while it is in one of those statuses (a compare-and-set). */
export async function updateImport(
  db: Kysely<DB>,
  organizationId: string,
  id: string,
  values: Updateable<ImportsTable>,
  fromStatus?: ImportRow['status'][],
): Promise<ImportRow | undefined> {
  let q = db
    .updateTable('imports')
    .set(values)
    .where('organization_id', '=', organizationId)
    .where('id', '=', id);
  if (fromStatus) q = q.where('status', 'in', fromStatus);
  return q.returningAll().executeTakeFirst();
}

/** The organization's imports, newest first, keyset-paginated on (created_at, id). */
export async function listImports(
  db: Kysely<DB>,
  organizationId: string,
  opts: { limit: number; before?: { createdAt: string; id: string } | undefined },
): Promise<ImportRow[]> {
  let q = importsWithProgress(db, organizationId);
  if (opts.before) {
    const { createdAt, id } = opts.before;
    q = q.where((eb) =>
      eb.or([
        eb('i.created_at', '<', new Date(createdAt)),
        eb.and([eb('i.created_at', '=', new Date(createdAt)), eb('i.id', '<', id)]),
      ]),
    );
  }
  const rows = await q.orderBy('i.created_at', 'desc').orderBy('i.id', 'desc').limit(opts.limit).execute();
  return rows.map(withLiveProgress);
}

/** Adds a warning to an import's, in one statement: whatever else wrote its warnings since it was read stays. */
export async function addImportWarning(
  db: Kysely<DB>,
  organizationId: string,
  importId: string,
  warning: { code: string; params?: Record<string, unknown> },
): Promise<void> {
  await db
    .updateTable('imports')
    .set({ warnings: sql`warnings || ${JSON.stringify([warning])}::jsonb` })
    .where('organization_id', '=', organizationId)
    .where('id', '=', importId)
    .execute();
}

/** Earlier applied imports of a byte-identical file. */
export async function findAppliedImportsBySha(
  db: Kysely<DB>,
  organizationId: string,
  sha: string,
  exceptId: string,
) {
  return db
    .selectFrom('imports')
    .select(['id', 'created_at', 'file_name', 'status'])
    .where('organization_id', '=', organizationId)
    .where('file_sha256', '=', sha)
    .where('id', '!=', exceptId)
    .where('status', 'in', ['success', 'error'])
    .orderBy('created_at', 'desc')
    .execute();
}

/**
 * Stores one chunk of an upload, deflated (migration 0019) unless that hardly makes it smaller: a workbook is a
 * zip already, and is stored as it came (reading it back then costs nothing).
 */
export async function insertFileChunk(
  db: Kysely<DB>,
  organizationId: string,
  importId: string,
  chunkNo: number,
  data: Buffer,
): Promise<void> {
  const packed = await deflate(data);
  const deflated = packed.length < data.length * 0.9;
  await db
    .insertInto('import_file_chunks')
    .values({
      organization_id: organizationId,
      import_id: importId,
      chunk_no: chunkNo,
      data: deflated ? packed : data,
      deflated,
    })
    .execute();
}

/**
 * Streams an upload back as uploaded, one chunk (one query) at a time so memory stays bounded. The next chunk is
 * read and inflated while the caller works on this one: read only when asked for, a million-line file's 126 chunks
 * each held an import's reader back for a query and an inflate (docs/performance.md). At most two chunks in memory.
 * With `waitFor`, it follows an upload still being stored (services/imports/stored-chunks.ts).
 */
export async function* readFileChunks(
  db: Kysely<DB>,
  organizationId: string,
  importId: string,
  waitFor?: (chunkNo: number) => Promise<void>,
): AsyncGenerator<Buffer> {
  const read = async (n: number): Promise<Buffer | undefined> => {
    // An upload still being stored: its chunk n is committed, or the upload is whole (a missing chunk is the end).
    if (waitFor) await waitFor(n);
    const row = await db
      .selectFrom('import_file_chunks')
      .select(['data', 'deflated'])
      .where('organization_id', '=', organizationId)
      .where('import_id', '=', importId)
      .where('chunk_no', '=', n)
      .executeTakeFirst();
    if (!row) return undefined;
    return row.deflated ? await inflate(row.data) : row.data;
  };
  let next = read(0);
  try {
    for (let n = 1; ; n++) {
      const chunk = await next;
      if (chunk === undefined) return;
      next = read(n);
      // Handled now, thrown when awaited: a read failing while the caller works would otherwise be unhandled.
      next.catch(() => undefined);
      yield chunk;
    }
  } finally {
    // A caller that stops early (an upload's header read) leaves one read running: awaited, so that no query
    // outlives the reader, and its failure (the caller's connection closing) is no one's to report.
    await next.catch(() => undefined);
  }
}

/** A page of refused lines, in file order. */
export async function listLineErrors(
  db: Kysely<DB>,
  organizationId: string,
  importId: string,
  opts: { limit: number; after?: { line: number; seq: number } | undefined },
) {
  let q = db
    .selectFrom('import_line_errors')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('import_id', '=', importId);
  if (opts.after) {
    const { line, seq } = opts.after;
    q = q.where((eb) => eb.or([eb('line', '>', line), eb.and([eb('line', '=', line), eb('seq', '>', seq)])]));
  }
  return q.orderBy('line').orderBy('seq').limit(opts.limit).execute();
}

/** One entry of an import's change log; `before` and `after` are the record's fields as JSON values. */
export interface ChangeLogRow {
  line: number;
  entity: 'customer' | 'contact' | 'invoice';
  recordId: string;
  action: 'created' | 'updated';
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
}

/**
 * Records changes made by an import, numbered from `firstSeq` in the order given, as one row of the change log
 * (migrations/0017_import_change_batches.sql), its JSON deflated (0019): through the client holding the import's
 * transaction. The statement is sent once the JSON is compressed, possibly after statements sent later: nothing
 * in the transaction reads the log, and the engine awaits it before the commit.
 */
export async function insertChanges(
  db: Queryable,
  organizationId: string,
  importId: string,
  firstSeq: number,
  rows: ChangeLogRow[],
): Promise<void> {
  if (rows.length === 0) return;
  const packed = await deflate(
    JSON.stringify(rows.map((r) => [r.line, r.entity, r.recordId, r.action, r.before, r.after])),
  );
  await db.query(
    `insert into import_change_batches (organization_id, import_id, first_seq, last_seq, packed)
     values ($1, $2, $3, $4, $5)`,
    [organizationId, importId, firstSeq, firstSeq + rows.length - 1, packed],
  );
}

/** One change of an import's log, numbered in the import's order. */
export interface StoredChange {
  seq: number;
  line: number;
  entity: 'customer' | 'contact' | 'invoice';
  record_id: string;
  action: 'created' | 'updated';
  before: unknown;
  after: unknown;
}

type StoredElement = [number, StoredChange['entity'], string, StoredChange['action'], unknown, unknown];

/** A stored row of the change log (import_change_batches), in either of its forms (see migration 0019). */
export interface ChangeBatchRow {
  first_seq: number;
  changes: unknown;
  packed: Buffer | null;
}

/** The changes of one row of the change log, in order. */
export async function changesOfBatch(batch: ChangeBatchRow): Promise<StoredChange[]> {
  const elements = (
    batch.packed ? JSON.parse((await inflate(batch.packed)).toString()) : batch.changes
  ) as StoredElement[];
  return elements.map(([line, entity, recordId, action, before, after], i) => ({
    seq: batch.first_seq + i,
    line,
    entity,
    record_id: recordId,
    action,
    before,
    after,
  }));
}

/**
 * A page of an import's changes, in order (or reverse order, for a revert), after `afterSeq` (before it, in
 * reverse). The log is read a batch row at a time, from the one holding the first change wanted, until the page
 * is full: a page never expands more rows than it needs.
 */
export async function listChanges(
  db: Kysely<DB>,
  organizationId: string,
  importId: string,
  opts: { limit: number; afterSeq?: number | undefined; reverse?: boolean },
): Promise<StoredChange[]> {
  const page: StoredChange[] = [];
  const reverse = opts.reverse ?? false;
  let from = opts.afterSeq;
  while (page.length < opts.limit) {
    let q = db
      .selectFrom('import_change_batches')
      .select(['first_seq', 'changes', 'packed'])
      .where('organization_id', '=', organizationId)
      .where('import_id', '=', importId);
    if (from !== undefined) q = reverse ? q.where('first_seq', '<', from) : q.where('last_seq', '>', from);
    const batch = await q
      .orderBy('first_seq', reverse ? 'desc' : 'asc')
      .limit(1)
      .executeTakeFirst();
    if (!batch) break;
    const changes = await changesOfBatch(batch);
    if (reverse) changes.reverse();
    const bound = from;
    const wanted =
      bound === undefined ? changes : changes.filter((c) => (reverse ? c.seq < bound : c.seq > bound));
    page.push(...wanted.slice(0, opts.limit - page.length));
    from = reverse ? batch.first_seq : (changes.at(-1)?.seq ?? batch.first_seq);
  }
  return page;
}

/** The mapping remembered for a header signature. */
export async function findMapping(db: Kysely<DB>, organizationId: string, kind: string, signature: string) {
  return db
    .selectFrom('import_mappings')
    .select('mapping')
    .where('organization_id', '=', organizationId)
    .where('kind', '=', kind)
    .where('header_signature', '=', signature)
    .executeTakeFirst();
}

/** Remembers a mapping for the next file with the same headers. */
export async function saveMapping(
  db: Kysely<DB>,
  organizationId: string,
  kind: string,
  signature: string,
  mapping: unknown,
): Promise<void> {
  const json = JSON.stringify(mapping);
  await db
    .insertInto('import_mappings')
    .values({ organization_id: organizationId, kind, header_signature: signature, mapping: json })
    .onConflict((oc) =>
      oc
        .columns(['organization_id', 'kind', 'header_signature'])
        .doUpdateSet({ mapping: json, updated_at: new Date() }),
    )
    .execute();
}

/** Drops the stored chunks of an upload that was refused while arriving. */
export async function deleteFileChunks(
  db: Kysely<DB>,
  organizationId: string,
  importId: string,
): Promise<void> {
  await db
    .deleteFrom('import_file_chunks')
    .where('organization_id', '=', organizationId)
    .where('import_id', '=', importId)
    .execute();
}
