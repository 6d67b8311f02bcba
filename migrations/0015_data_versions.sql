-- A version of what the customer list shows, per organization, so the API can keep answers in memory and know, at
-- every request, whether they still hold (src/http/response-cache.ts).
--
-- `organizations.data_version` goes up once for each committed transaction that changed the organization's
-- customers, contacts, members, dunning plans, or the email of one of its members. It is raised at commit, not when
-- the change is made: a million-line import that held the organization's row from its first batch to its commit
-- would make every other write of the organization wait for it. Statement triggers note the change once per
-- transaction (a row in `data_version_bumps`), and a deferred trigger on that row raises the version when the
-- transaction commits, in the same commit as the data: a reader that sees the new version sees the new data. A
-- rolled-back transaction (a preview) raises nothing.
--
-- The organization changed is the one the connection acts for (`app.current_org`): under row-level security the
-- application's role cannot change any other's rows. A change made without one (the owner: sign-up, a script)
-- raises every organization's version.

alter table organizations add column data_version bigint not null default 0;

-- One row per transaction and organization changed, deleted again when the version is raised at commit.
create unlogged table data_version_bumps (
  organization_id uuid,
  txid xid8 not null default pg_current_xact_id()
);

alter table data_version_bumps enable row level security;
create policy tenant_isolation on data_version_bumps
  using (organization_id = app_current_org()) with check (organization_id = app_current_org());

-- Notes that this transaction changed the organization's listed data (null: any organization's).
create function note_data_change(org uuid) returns void
  language plpgsql security definer set search_path = public, pg_temp
  as $$
declare
  key text := coalesce(org::text, '*') || ',';
  noted text := coalesce(current_setting('clientele.data_changed', true), '');
begin
  if strpos(noted, key) > 0 then
    return;
  end if;
  perform set_config('clientele.data_changed', noted || key, true);
  insert into data_version_bumps (organization_id) values (org);
end
$$;

create function data_changed_in_current_org() returns trigger
  language plpgsql
  as $$
begin
  perform note_data_change(app_current_org());
  return null;
end
$$;

-- A member's email shows beside the customers they manage, in every organization they belong to.
create function member_email_changed() returns trigger
  language plpgsql security definer set search_path = public, pg_temp
  as $$
declare
  org uuid;
begin
  for org in select m.organization_id from members m where m.user_id = new.id loop
    perform note_data_change(org);
  end loop;
  return null;
end
$$;

create function raise_data_version() returns trigger
  language plpgsql security definer set search_path = public, pg_temp
  as $$
begin
  if new.organization_id is null then
    update organizations set data_version = data_version + 1;
  else
    update organizations set data_version = data_version + 1 where id = new.organization_id;
  end if;
  delete from data_version_bumps
   where txid = new.txid and organization_id is not distinct from new.organization_id;
  return null;
end
$$;

create constraint trigger raise_data_version
  after insert on data_version_bumps
  deferrable initially deferred
  for each row execute function raise_data_version();

create trigger data_changed after insert or update or delete or truncate on customers
  for each statement execute function data_changed_in_current_org();
create trigger data_changed after insert or update or delete or truncate on contacts
  for each statement execute function data_changed_in_current_org();
create trigger data_changed after insert or update or delete or truncate on members
  for each statement execute function data_changed_in_current_org();
create trigger data_changed after insert or update or delete or truncate on dunning_plans
  for each statement execute function data_changed_in_current_org();
create trigger member_email_changed after update of email on users
  for each row when (old.email is distinct from new.email) execute function member_email_changed();
