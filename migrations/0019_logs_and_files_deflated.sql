-- An import's change log and its uploaded file are stored compressed by this application (raw deflate, level 1,
-- in the libuv thread pool) instead of by PostgreSQL's TOAST (pglz), and PostgreSQL no longer tries to compress them.
--
-- Why: a million-line first import writes 347 MB of change-log JSON. Compressing it with pglz, and checking it as
-- json on the way in, took the import's one database backend about 4 s of the import's 54 to 58 s, a backend that
-- is the import's bottleneck (docs/performance.md). Deflated by the application the same log is about 63 MB, made
-- by another core, and stored as it comes. The upload of a 131 MB file is likewise compressed before it is stored.
--
-- Rows written before stay as they were and are read as before: `changes` (json) for an old batch, `packed` (the
-- deflated JSON text of the same array) for a new one; `deflated` tells a compressed chunk of a file.
alter table import_change_batches alter column changes drop not null;
alter table import_change_batches add column packed bytea;
alter table import_change_batches alter column packed set storage external;
alter table import_change_batches add constraint import_change_batches_one_form
  check ((changes is null) <> (packed is null));

alter table import_file_chunks add column deflated boolean not null default false;
alter table import_file_chunks alter column data set storage external;

-- The view of the log one row per change read inside the JSON: a compressed batch cannot be read in SQL. The
-- application's change list (`GET /imports/{id}/changes`) and the revert read the log through storage/imports.ts.
drop view import_changes;
