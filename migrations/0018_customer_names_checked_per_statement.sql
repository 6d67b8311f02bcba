-- A customer's name key stays unique in its organization, checked at the end of each statement instead of row by
-- row (DEFERRABLE, INITIALLY IMMEDIATE: nothing waits for the commit).
--
-- Why: an import writes the customers of a batch with one update statement. When the batch's lines move a name
-- from one customer to another (EXT-1 renamed from "Acme" to "Acme Old", then EXT-2 renamed to "Acme"), the final
-- rows are unique, but a row-by-row check fails or not depending on the order PostgreSQL happens to update the rows
-- in, and the whole import failed. Checked per statement, only the rows as the statement leaves them count.
-- The constraint keeps its name: the services recognise it in unique violations.
alter table customers drop constraint customers_organization_id_name_key_key;
alter table customers add constraint customers_organization_id_name_key_key
  unique (organization_id, name_key) deferrable initially immediate;
