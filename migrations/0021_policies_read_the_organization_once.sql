-- The tenant policies compare rows with `(select app_current_org())` instead of `app_current_org()`: the same
-- organization, read once per statement (an uncorrelated subquery is an InitPlan, its value kept) instead of once
-- per row checked.
--
-- Why: a policy's WITH CHECK runs for every row a statement writes, and `app_current_org()` is
-- `nullif(current_setting('app.current_org', true), '')::uuid`: a lookup of the setting, a copy of its text and
-- the parsing of a uuid, for each row. Inserting a million rows as the application's role took 0.93 to 1.07 s
-- against 0.56 to 0.63 s with the subquery and 0.49 to 0.67 s without any policy; a million-line import inserts
-- 1.33 million rows (docs/performance.md). Which rows a statement sees or may write does not change.
--
-- Policies added later follow the same form.
do $$
declare
  p record;
  expr text;
begin
  for p in
    select tablename, policyname, qual from pg_policies
     where schemaname = 'public'
       and qual in ('(organization_id = app_current_org())', '(id = app_current_org())')
       and with_check = qual
  loop
    expr := replace(p.qual, 'app_current_org()', '(select app_current_org())');
    execute format('alter policy %I on %I using %s with check %s', p.policyname, p.tablename, expr, expr);
  end loop;
end
$$;

-- The users' policy (members of the current organization) the same way.
alter policy tenant_members on users
  using (exists (select 1 from members m where m.user_id = users.id and m.organization_id = (select app_current_org())));
