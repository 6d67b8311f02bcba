-- The trigram index of the customer search moves from `name_key` to `lower(name_key)` (the same text: keys are
-- lower case), and the search compares `lower(name_key)`.
--
-- Why: pg_trgm's operator class answers `=` too, so for an import's read of a batch's customers
-- (`name_key = any($keys)`) the planner costed this index beside the unique one, and estimating a trigram index
-- for an array extracts the trigrams of every element: 5 to 14 ms of planning per batch of 2,000 keys, for a read
-- that runs in 15 to 20 ms and never used the index (measured on 333,000 customers, as the application's role).
-- On an expression, the index is no longer one a comparison of the column can use: 1 to 2 ms. A million-line
-- import reads 500 batches.
drop index customers_name_trgm_idx;
create index customers_name_trgm_idx on customers using gin (lower(name_key) gin_trgm_ops);
