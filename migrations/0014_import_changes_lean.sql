-- The change log is read by import (its primary key), never by record: the index by record id cost every change
-- written a random insert into a large index (measured: a fifth of writing a batch's change log, and 338 MB for a
-- million-line import) and served no query.
drop index if exists import_changes_record_idx;
