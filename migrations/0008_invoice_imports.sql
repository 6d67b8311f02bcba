-- Invoices import: a fourth import kind, whose lines create and update invoices (and the customers and contacts
-- they name), so the change log records invoices too and a revert can remove or put them back.

alter table imports drop constraint imports_kind_check;
alter table imports add constraint imports_kind_check
  check (kind in ('customers', 'contacts', 'assignments', 'invoices'));

alter table import_changes drop constraint import_changes_entity_check;
alter table import_changes add constraint import_changes_entity_check
  check (entity in ('customer', 'contact', 'invoice'));
