-- Substring search through trigram indexes made every imported contact cost a GIN update (measured: more than
-- half of an import's time). Names keep substring search (people type any part of a company name); external
-- IDs and contact emails are searched by their beginning, which btree indexes serve at a fraction of the cost.
drop index customers_external_id_trgm_idx;
drop index contacts_email_trgm_idx;
create index customers_external_id_prefix_idx on customers (organization_id, lower(external_id) text_pattern_ops);
create index contacts_email_prefix_idx on contacts (organization_id, email text_pattern_ops);
drop index contacts_email_idx;
