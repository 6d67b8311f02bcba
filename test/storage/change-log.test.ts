import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type ChangeLogRow,
  insertChanges,
  insertFileChunk,
  listChanges,
  readFileChunks,
} from '../../src/storage/imports.ts';
import { MIGRATIONS_DIR, migrate } from '../../src/storage/migrate.ts';
import type { DB } from '../../src/storage/schema.ts';
import { createDroppedDatabase, createTestDatabase } from '../helpers/db.ts';

/** `n` changes of lines numbered from `firstLine`: a customer created, then its contacts updated. */
function changes(n: number, firstLine: number): ChangeLogRow[] {
  return Array.from({ length: n }, (_, i) =>
    i % 3 === 0
      ? {
          line: firstLine + i,
          entity: 'customer',
          recordId: randomUUID(),
          action: 'created',
          before: null,
          after: { name: `Société n°${firstLine + i}`, note: 'tab\tquote" backslash\\ line\nend' },
        }
      : {
          line: firstLine + i,
          entity: 'contact',
          recordId: randomUUID(),
          action: 'updated',
          before: { phone: null, positions: [] },
          after: { phone: `+3361${firstLine + i}`, positions: ['finance'] },
        },
  );
}

describe('the change log, a row per batch', () => {
  it('reads back every change in order, forward and in reverse, from any point and across batches', async () => {
    const { system, tenants } = await createTestDatabase();
    const org = randomUUID();
    const imp = randomUUID();
    // Written and read as the application: under the organization's row-level security.
    const { db, pool } = tenants.of(org);
    // Batches of uneven sizes, one of a single change, numbered as the engine numbers them.
    const written: ChangeLogRow[] = [];
    for (const size of [5, 1, 7, 3]) {
      const rows = changes(size, written.length + 2);
      await insertChanges(pool, org, imp, written.length, rows);
      written.push(...rows);
    }
    // Another import's log of the same organization stays apart.
    await insertChanges(pool, org, randomUUID(), 0, changes(4, 2));
    // So does another organization's with the same import id.
    const other = randomUUID();
    await insertChanges(tenants.of(other).pool, other, imp, 0, changes(2, 2));
    const expected = written.map((c, seq) => ({
      seq,
      line: c.line,
      entity: c.entity,
      record_id: c.recordId,
      action: c.action,
      before: c.before,
      after: c.after,
    }));

    const forward = async (limit: number, afterSeq?: number) =>
      listChanges(db, org, imp, { limit, afterSeq });
    const backward = async (limit: number, afterSeq?: number) =>
      listChanges(db, org, imp, { limit, afterSeq, reverse: true });

    expect(await forward(100)).toEqual(expected);
    expect(await backward(100)).toEqual([...expected].reverse());
    // Pages of every size, from every starting point, inside batches and at their edges.
    for (const limit of [1, 2, 4, 6, 16]) {
      for (let after = -1; after < expected.length; after++) {
        const from = after < 0 ? undefined : after;
        expect(await forward(limit, from)).toEqual(expected.slice(after + 1, after + 1 + limit));
        const before = from ?? expected.length;
        expect(await backward(limit, from)).toEqual(
          expected.slice(Math.max(0, before - limit), before).reverse(),
        );
      }
    }
    // Stored deflated, one row per batch; read as the application, the organization's own rows only.
    const stored = await system.pool.query(
      'select changes, octet_length(packed) > 0 as packed from import_change_batches where import_id = $1',
      [imp],
    );
    expect(stored.rows).toContainEqual({ changes: null, packed: true });
    expect(stored.rows.every((r) => r.changes === null && r.packed)).toBe(true);
    const seen = await pool.query(
      'select organization_id, count(*)::int as n from import_change_batches group by 1',
    );
    expect(seen.rows).toEqual([{ organization_id: org, n: 5 }]);
  });

  it('is made from the change rows already written when the database is migrated', async () => {
    const pool = await databaseBefore('0017');
    const org = randomUUID();
    const [big, small] = [randomUUID(), randomUUID()];
    // 4,500 changes (three batches of the migration's 2,000) and 2, numbered from 0 as the engine did.
    await pool.query(
      `insert into import_changes (organization_id, import_id, seq, line, entity, record_id, action, before, after)
       select $1, $2, s, s + 2, case when s % 2 = 0 then 'customer' else 'contact' end, gen_random_uuid(),
              case when s % 3 = 0 then 'updated' else 'created' end,
              case when s % 3 = 0 then json_build_object('phone', null, 'n', s) end,
              json_build_object('phone', '+33 ' || s, 'name', 'Société ' || s)
         from generate_series(0, 4499) s`,
      [org, big],
    );
    await pool.query(
      `insert into import_changes (organization_id, import_id, seq, line, entity, record_id, action, before, after)
       values ($1, $2, 0, 7, 'contact', gen_random_uuid(), 'created', null, '{"email": "a@b.fr"}'),
              ($1, $2, 1, 9, 'contact', gen_random_uuid(), 'updated', '{"email": null}', '{"email": "c@d.fr"}')`,
      [org, small],
    );
    const old = await pool.query(
      `select organization_id, import_id, seq, line, entity, record_id, action, before::text, after::text
         from import_changes order by import_id, seq`,
    );

    expect(await migrate(pool, migrationsBefore('0019'))).toContain('0017_import_change_batches.sql');

    const now = await pool.query(
      `select organization_id, import_id, seq, line, entity, record_id, action, before::text, after::text
         from import_changes order by import_id, seq`,
    );
    expect(now.rows).toEqual(old.rows);
    const batches = await pool.query<{ import_id: string; first_seq: number; last_seq: number }>(
      'select import_id, first_seq, last_seq from import_change_batches where import_id = $1 order by first_seq',
      [big],
    );
    expect(batches.rows.map((b) => [b.first_seq, b.last_seq])).toEqual([
      [0, 1999],
      [2000, 3999],
      [4000, 4499],
    ]);
  });

  it('keeps the batches and files stored before migration 0019 readable, and stores new ones deflated', async () => {
    const pool = await databaseBefore('0019');
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    const org = randomUUID();
    const imp = randomUUID();
    const old = changes(3, 2);
    await pool.query(
      `insert into import_change_batches (organization_id, import_id, first_seq, last_seq, changes)
       values ($1, $2, 0, 2, $3::json)`,
      [org, imp, JSON.stringify(old.map((r) => [r.line, r.entity, r.recordId, r.action, r.before, r.after]))],
    );
    await pool.query(`insert into organizations (id, slug, name) values ($1, 'chunks', 'Chunks')`, [org]);
    await pool.query(
      `insert into imports (organization_id, id, kind, file_name) values ($1, $2, 'contacts', 'a.csv')`,
      [org, imp],
    );
    const bytes = Buffer.from('Nom;Email\r\nSociété Générale;a@b.fr\r\n', 'latin1');
    await pool.query(
      'insert into import_file_chunks (organization_id, import_id, chunk_no, data) values ($1, $2, 0, $3)',
      [org, imp, bytes],
    );

    expect(await migrate(pool)).toContain('0019_logs_and_files_deflated.sql');

    const added = changes(2, 5);
    await insertChanges(pool, org, imp, 3, added);
    const all = await listChanges(db, org, imp, { limit: 100 });
    expect(all.map((c) => [c.seq, c.line, c.record_id, c.before, c.after])).toEqual(
      [...old, ...added].map((c, seq) => [seq, c.line, c.recordId, c.before, c.after]),
    );
    const second = Buffer.from('Ümlaut;ü@b.de\r\n'.repeat(1000), 'latin1');
    await insertFileChunk(db, org, imp, 1, second);
    // Bytes deflate cannot shrink (a workbook's, zipped already) are kept as they came.
    const third = randomBytes(4096);
    await insertFileChunk(db, org, imp, 2, third);
    const { rows } = await pool.query<{ deflated: boolean; size: number }>(
      'select deflated, octet_length(data) as size from import_file_chunks where import_id = $1 order by chunk_no',
      [imp],
    );
    expect(rows).toEqual([
      { deflated: false, size: bytes.length },
      { deflated: true, size: expect.any(Number) },
      { deflated: false, size: third.length },
    ]);
    expect(rows[1]!.size).toBeLessThan(second.length / 10);
    const read: Buffer[] = [];
    for await (const chunk of readFileChunks(db, org, imp)) read.push(chunk);
    expect(Buffer.concat(read)).toEqual(Buffer.concat([bytes, second, third]));
  });
});

/** A new database migrated up to, not including, migration `first` (whose number starts its file name). */
async function databaseBefore(first: string): Promise<pg.Pool> {
  let pool: pg.Pool | undefined;
  const url = await createDroppedDatabase(async () => pool?.end());
  pool = new pg.Pool({ connectionString: url, max: 2 });
  await migrate(pool, migrationsBefore(first));
  return pool;
}

/** A folder holding the migrations numbered below `first`, removed after the tests. */
function migrationsBefore(first: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clientele-migrations-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  for (const f of fs.readdirSync(MIGRATIONS_DIR).filter((f) => f < first)) {
    fs.copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(dir, f));
  }
  return dir;
}

describe('an upload read back', () => {
  it('is read a chunk ahead, stops cleanly with its reader, and fails at the chunk it cannot read', async () => {
    const { system } = await createTestDatabase();
    const org = randomUUID();
    const imp = randomUUID();
    await system.pool.query(`insert into organizations (id, slug, name) values ($1, 'ahead', 'Ahead')`, [
      org,
    ]);
    await system.pool.query(
      `insert into imports (organization_id, id, kind, file_name) values ($1, $2, 'contacts', 'a.csv')`,
      [org, imp],
    );
    // The second chunk large enough to take a while to read (random bytes are stored as they are).
    const parts = [
      Buffer.from('chunk 0;'.repeat(2000)),
      randomBytes(16 * 1024 * 1024),
      Buffer.from('chunk 2;'),
    ];
    for (const [n, part] of parts.entries()) await insertFileChunk(system.db, org, imp, n, part);
    const all: Buffer[] = [];
    for await (const chunk of readFileChunks(system.db, org, imp)) all.push(chunk);
    // Compared as bytes: a deep comparison walks 16 million indexes.
    expect(Buffer.concat(all).equals(Buffer.concat(parts))).toBe(true);

    // A reader that works on the first chunk, then stops (an upload's header): the read of the second, begun
    // meanwhile, ends with it rather than run on.
    for await (const chunk of readFileChunks(system.db, org, imp)) {
      expect(chunk.equals(parts[0]!)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 5));
      break;
    }
    expect(system.pool.totalCount - system.pool.idleCount).toBe(0);

    // The second chunk cannot be inflated: its read fails while the reader works on the first (which must not be
    // an unhandled failure), and the reader is told when it asks for the second.
    await system.pool.query(
      `update import_file_chunks set data = '\\x00ff'::bytea, deflated = true where import_id = $1 and chunk_no = 1`,
      [imp],
    );
    const reader = readFileChunks(system.db, org, imp);
    expect((await reader.next()).value?.equals(parts[0]!)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expect(reader.next()).rejects.toThrow();
  });
});
