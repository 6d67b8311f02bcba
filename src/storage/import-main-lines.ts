import type { MainLines } from '../domain/import-plan/contacts.ts';
import { BATCH_CUSTOMER_IDS } from './import-batch.ts';
import { type ArrayColumns, columnParams, unnestOf } from './pg-array.ts';
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

/**
 * Writes the entries a batch set (its statements sent at once: see "Statement order" in import-batch.ts). The
 * entries of customers the batch created (`created`) cannot be in the table yet and are inserted plainly; the
 * others replace the entry they may have. Every customer of a first import is new: as one upsert, its 333,000
 * entries of the bench's million lines took 1.09 to 1.35 s to write, against 0.62 to 0.83 s inserted plainly.
 */
export async function saveMainLines(
  db: Queryable,
  entries: MainLines,
  created: ReadonlySet<string>,
): Promise<void> {
  if (entries.size === 0) return;
  const fresh: Columns = { ids: [], lines: [], emails: [] };
  const replacing: Columns = { ids: [], lines: [], emails: [] };
  for (const [id, e] of entries) {
    const to = created.has(id) ? fresh : replacing;
    to.ids.push(id);
    to.lines.push(e.line);
    to.emails.push(e.email);
  }
  const insert = `insert into import_main_lines (customer_id, line, email)
     select * from ${unnestOf(MAIN_LINE_ARRAYS, 1, 'u')}`;
  const params = (c: Columns) => columnParams(MAIN_LINE_ARRAYS, [c.ids, c.lines, c.emails]);
  const sent: Promise<unknown>[] = [];
  if (fresh.ids.length > 0) sent.push(db.query(insert, params(fresh)));
  if (replacing.ids.length > 0) {
    sent.push(
      db.query(
        `${insert} on conflict (customer_id) do update set line = excluded.line, email = excluded.email`,
        params(replacing),
      ),
    );
  }
  await Promise.all(sent);
}

const MAIN_LINE_ARRAYS: ArrayColumns = {
  names: ['customer_id', 'line', 'email'],
  types: ['uuid', 'int', 'text'],
};

interface Columns {
  ids: string[];
  lines: number[];
  emails: string[];
}
