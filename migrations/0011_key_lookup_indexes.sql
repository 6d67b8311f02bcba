-- Foreign-key checks find a customer by its id whatever the planner's statistics say.
--
-- Each contact (and invoice) written checks its customer with PostgreSQL's own
-- `select 1 from customers where organization_id = $1 and id = $2 for key share`, from a plan cached on first use.
-- Made while the statistics knew no row of the organization (a new organization, a table analyzed before the
-- import), that plan took any index led by organization_id and walked the organization's customers for every
-- check: a million-line import slowed to under 1,000 lines/s (docs/performance.md). A hash index on the id alone
-- is the cheapest path for that query in every case, and costs one small index entry per customer.
create index customers_id_hash_idx on customers using hash (id);
