/** The advisory locks that order imports; any constants work, as long as every process uses the same ones. */

import type { Queryable } from './tenant-pool.ts';

const ORGANIZATION_IMPORTS = 724_310_002;
const IMPORT_RUN = 724_310_004;

/** Waits until no other import (apply, preview or revert) of the organization runs; held until the transaction ends. */
export async function lockOrganizationImports(db: Queryable, organizationId: string): Promise<void> {
  await db.query('select pg_advisory_xact_lock($1, hashtext($2))', [ORGANIZATION_IMPORTS, organizationId]);
}

/** Marks this transaction as the live run of an import: while it is held, the import's worker is alive. */
export async function lockImportRun(db: Queryable, importId: string): Promise<void> {
  await db.query('select pg_advisory_xact_lock($1, hashtext($2))', [IMPORT_RUN, importId]);
}

/** Whether an import has no live run (its lock is free); takes the lock for this transaction when it is. */
export async function importRunIsFree(db: Queryable, importId: string): Promise<boolean> {
  const { rows } = await db.query<{ free: boolean }>(
    'select pg_try_advisory_xact_lock($1, hashtext($2)) as free',
    [IMPORT_RUN, importId],
  );
  return rows[0]?.free ?? false;
}
