import type { MainLines } from '../domain/import-plan/contacts.ts';
import { BATCH_CUSTOMER_IDS } from './import-batch.ts';
import { binaryArray } from './pg-binary-array.ts';
import type { Queryable } from './tenant-pool.ts';

/**
 * The lines of the running import that made a contact main, per customer (a later line making another contact of
 * the same customer main is refused with a pointer to the first). Kept in a temporary table of the import's
 * transaction rather than in memory: a million-line file names hundreds of thousands of customers, and an
 * import's memory must not grow with its file. Each batch reads the entries of the customers it loaded and writes
 * back the ones its lines set. Dropped when the transaction ends (commit, or the rollback of a preview).
 */
export async function createMainLines(db: Queryable): Promise<void> {
  await db.query(
    `create temporary table if not exists import_main_lines (
       customer_id uuid primary key,
       line integer not null,
       email text not null
     ) on commit drop`,
  );
}

/**
 * The entries of the customers the batch being read designates (BATCH_CUSTOMER_IDS; customers created by the
 * batch have none yet).
 */
export async function loadMainLines(db: Queryable): Promise<MainLines> {
  const found: MainLines = new Map();
  const { rows } = await db.query<{ customer_id: string; line: number; email: string }>(
    `select customer_id, line, email from import_main_lines where customer_id = any(${BATCH_CUSTOMER_IDS})`,
  );
  for (const r of rows) found.set(r.customer_id, { line: r.line, email: r.email });
  return found;
}

/** Writes the entries a batch set (one statement, sent at once: see "Statement order" in import-batch.ts). */
export async function saveMainLines(db: Queryable, entries: MainLines): Promise<void> {
  if (entries.size === 0) return;
  const ids: string[] = [];
  const lines: number[] = [];
  const emails: string[] = [];
  for (const [id, e] of entries) {
    ids.push(id);
    lines.push(e.line);
    emails.push(e.email);
  }
  await db.query(
    `insert into import_main_lines (customer_id, line, email)
     select * from unnest($1::uuid[], $2::int[], $3::text[])
     on conflict (customer_id) do update set line = excluded.line, email = excluded.email`,
    [binaryArray('uuid', ids), binaryArray('int', lines), binaryArray('text', emails)],
  );
}
