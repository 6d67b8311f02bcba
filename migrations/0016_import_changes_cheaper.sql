-- The change log costs PostgreSQL less per line: at a million lines the import's backend works 92.5% of the time,
-- so each of these is time off the import (docs/performance.md). Measured inserting 132,000 change rows in batches
-- of 2,000, as an import writes them: 2.1 s as it was, 1.6 s without the foreign key, 1.2 s without it and as json.
--
-- 1. No foreign key from the change log to its import. It was checked for every row written (a lookup and a
--    key-share lock on the import's row, 4 µs a row), always against the import whose transaction writes the rows:
--    only the engine writes change rows, for the import it runs, whose row it holds. Imports are never deleted,
--    so its cascade never ran either.
-- 2. The snapshots as json (the text as written) instead of jsonb: they are written once, read back whole by the
--    change list and the revert, and never queried inside, so parsing them into jsonb at every insert bought
--    nothing.
alter table import_changes drop constraint if exists import_changes_organization_id_import_id_fkey;
alter table import_changes
  alter column before type json using before::json,
  alter column after type json using after::json;
