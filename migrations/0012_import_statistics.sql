-- An import refreshes the statistics of the tables it fills from inside its own transaction, where ANALYZE sees the
-- rows it wrote (src/storage/statistics.ts). The application's role needs the MAINTAIN privilege for that, which
-- PostgreSQL has from version 17 on; before it the import goes without (ANALYZE skips the table with a warning).
-- ANALYZE reads no row through the policies, and pg_stats hides tables under row-level security from the role.
do $$
begin
  if current_setting('server_version_num')::int >= 170000 then
    execute 'grant maintain on customers, contacts, invoices to clientele_app';
  end if;
end
$$;
