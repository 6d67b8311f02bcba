-- Row-level security: tenant isolation enforced by PostgreSQL as well as by every query.
--
-- The application connects as `clientele_app` (no superuser, no BYPASSRLS) and writes the organization it acts
-- for into the setting `app.current_org` before using a connection (src/storage/tenant-pool.ts). Every table
-- holding an organization's data shows and accepts only that organization's rows; with the setting empty it shows
-- none. The owner of the tables (the role that migrates) is not subject to the policies: it is used only for
-- migrations and the few reads that come before an organization is known (a session or API key to resolve, the
-- job queue, the notification outbox).

do $$
begin
  if not exists (select from pg_roles where rolname = 'clientele_app') then
    create role clientele_app nologin nosuperuser nobypassrls;
  end if;
end
$$;

grant usage on schema public to clientele_app;
grant select, insert, update, delete on all tables in schema public to clientele_app;
grant usage, select on all sequences in schema public to clientele_app;
alter default privileges in schema public grant select, insert, update, delete on tables to clientele_app;
alter default privileges in schema public grant usage, select on sequences to clientele_app;
revoke all on schema_migrations from clientele_app;

-- The organization the current connection acts for, or null.
create function app_current_org() returns uuid
  language sql stable parallel safe
  as $$ select nullif(current_setting('app.current_org', true), '')::uuid $$;

-- Every table with an organization_id column: its rows belong to that organization.
do $$
declare
  t text;
begin
  for t in
    select c.table_name
      from information_schema.columns c
      join information_schema.tables tb
        on tb.table_schema = c.table_schema and tb.table_name = c.table_name and tb.table_type = 'BASE TABLE'
     where c.table_schema = 'public' and c.column_name = 'organization_id'
     order by 1
  loop
    execute format('alter table %I enable row level security', t);
    execute format(
      'create policy tenant_isolation on %I using (organization_id = app_current_org()) '
      'with check (organization_id = app_current_org())',
      t);
  end loop;
end
$$;

-- The organization itself.
alter table organizations enable row level security;
create policy tenant_isolation on organizations
  using (id = app_current_org()) with check (id = app_current_org());

-- People are global (one person can belong to several organizations): an organization sees its members' accounts.
alter table users enable row level security;
create policy tenant_members on users
  using (exists (select 1 from members m where m.user_id = users.id and m.organization_id = app_current_org()));

-- Under row-level security PostgreSQL uses a condition in an index only when its functions are LEAKPROOF (they
-- cannot reveal a hidden row through an error). LIKE and lower() are not marked so, and without them searching
-- names (trigram index), external IDs and emails (prefix indexes) would read every row of the organization.
-- Neither can reveal a row's value: LIKE fails only on a malformed pattern, lower() never. Marking them takes a
-- superuser (the embedded server's owner is one); elsewhere search still works, without those indexes.
do $$
begin
  if (select rolsuper from pg_roles where rolname = current_user) then
    alter function pg_catalog.textlike(text, text) leakproof;
    alter function pg_catalog.lower(text) leakproof;
  else
    raise notice 'Not a superuser: LIKE and lower() stay non-leakproof, so searches cannot use their indexes.';
  end if;
end
$$;
