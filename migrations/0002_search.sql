-- Search in the customer list: substring matches on names, external IDs and contact emails stay fast at
-- hundreds of thousands of rows with trigram indexes (pg_trgm is a trusted extension since PostgreSQL 13).
create extension if not exists pg_trgm;

create index customers_name_trgm_idx on customers using gin (name_key gin_trgm_ops);
create index customers_external_id_trgm_idx on customers using gin (lower(external_id) gin_trgm_ops);
create index contacts_email_trgm_idx on contacts using gin (email gin_trgm_ops);
create index customers_updated_idx on customers (organization_id, updated_at, id);
