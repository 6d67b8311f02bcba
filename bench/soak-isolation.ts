/**
 * The soak test's tenant-isolation checks, in SQL over the database with the cluster owner's connection (it sees
 * every organization's rows whatever row-level security the application's own role is under). They read the
 * schema as it is, so tables added later (an audit log…) are checked too:
 *
 * - every foreign key between two tables that carry `organization_id` either includes it (then PostgreSQL
 *   enforces that both rows belong to the same organization) or is checked row by row;
 * - the references the application resolves itself are checked by name (contacts → customers, customers →
 *   members and dunning plans, import lines, changes and errors → imports, notifications → members…);
 * - every UUID stored in a tenant row (uuid columns, and UUIDs written inside text and JSON columns: change
 *   logs, notification parameters, links) that is the id of a tenant row must be a row of the same organization;
 * - a `user_id` of a tenant row must be a member of that organization;
 * - queued jobs name an import of the organization they name.
 */
import type pg from 'pg';

export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
}

const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;
const UUID_RE = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** References the application resolves through (organization_id, id) pairs: source table, column, target table. */
const NAMED_REFERENCES: [string, string, string][] = [
  ['contacts', 'customer_id', 'customers'],
  ['invoices', 'customer_id', 'customers'],
  ['customers', 'account_manager_id', 'members'],
  ['customers', 'dunning_plan_id', 'dunning_plans'],
  ['dunning_plan_steps', 'plan_id', 'dunning_plans'],
  ['imports', 'created_by', 'members'],
  ['imports', 'reverted_by', 'members'],
  ['import_change_batches', 'import_id', 'imports'],
  ['import_line_errors', 'import_id', 'imports'],
  ['import_file_chunks', 'import_id', 'imports'],
  ['notifications', 'member_id', 'members'],
  ['outbox', 'member_id', 'members'],
  ['api_keys', 'created_by', 'members'],
  ['invitations', 'invited_by', 'members'],
  ['feature_requests', 'requested_by', 'members'],
];

interface Column {
  table: string;
  column: string;
  type: string;
}

async function columns(db: pg.Client): Promise<Column[]> {
  const { rows } = await db.query<Column>(
    `select c.table_name as table, c.column_name as column, c.udt_name as type
       from information_schema.columns c
       join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
      order by c.table_name, c.ordinal_position`,
  );
  return rows;
}

/** Runs every isolation check; each returns one result line. */
export async function checkIsolation(db: pg.Client): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const cols = await columns(db);
  const byTable = new Map<string, Column[]>();
  for (const c of cols) byTable.set(c.table, [...(byTable.get(c.table) ?? []), c]);
  const has = (table: string, column: string) =>
    byTable.get(table)?.some((c) => c.column === column) ?? false;
  const tenant = [...byTable.keys()].filter((t) => has(t, 'organization_id'));

  // 1. Foreign keys between tenant tables.
  const { rows: fks } = await db.query<{ name: string; src: string; dst: string; pairs: [string, string][] }>(
    `select con.conname as name, src.relname as src, dst.relname as dst,
            (select json_agg(json_build_array(a.attname, b.attname))
               from unnest(con.conkey, con.confkey) as k(s, d)
               join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.s
               join pg_attribute b on b.attrelid = con.confrelid and b.attnum = k.d) as pairs
       from pg_constraint con
       join pg_class src on src.oid = con.conrelid
       join pg_class dst on dst.oid = con.confrelid
       join pg_namespace n on n.oid = src.relnamespace
      where con.contype = 'f' and n.nspname = 'public'`,
  );
  const between = fks.filter((f) => tenant.includes(f.src) && tenant.includes(f.dst));
  const unscoped = between.filter(
    (f) => !f.pairs.some(([a, b]) => a === 'organization_id' && b === 'organization_id'),
  );
  const fkProblems: string[] = [];
  for (const f of unscoped) {
    const on = f.pairs.map(([a, b]) => `s.${ident(a)} = d.${ident(b)}`).join(' and ');
    const { rows } = await db.query<{ n: number }>(
      `select count(*)::int as n from ${ident(f.src)} s join ${ident(f.dst)} d on ${on}
        where s.organization_id <> d.organization_id`,
    );
    if (rows[0]!.n > 0) fkProblems.push(`${f.name}: ${rows[0]!.n} rows`);
  }
  results.push({
    name: 'foreign keys between tenant tables',
    ok: fkProblems.length === 0,
    detail:
      `${between.length} keys, ${between.length - unscoped.length} include organization_id` +
      (unscoped.length
        ? `, ${unscoped.length} checked row by row (${unscoped.map((f) => f.name).join(', ')})`
        : '') +
      (fkProblems.length ? `; cross-organization rows: ${fkProblems.join('; ')}` : ''),
  });

  // 2. The references the application resolves, by name, whatever the constraints say.
  const refProblems: string[] = [];
  let refsChecked = 0;
  for (const [src, column, dst] of NAMED_REFERENCES) {
    if (!has(src, column) || !has(dst, 'id') || !has(dst, 'organization_id')) continue;
    refsChecked++;
    const { rows } = await db.query<{ crossed: number; dangling: number }>(
      `select count(*) filter (where other.id is not null)::int as crossed,
              count(*) filter (where other.id is null)::int as dangling
         from ${ident(src)} s
         left join ${ident(dst)} same on same.organization_id = s.organization_id and same.id = s.${ident(column)}
         left join ${ident(dst)} other on other.id = s.${ident(column)} and other.organization_id <> s.organization_id
        where s.${ident(column)} is not null and same.id is null`,
    );
    const r = rows[0]!;
    if (r.crossed || r.dangling)
      refProblems.push(
        `${src}.${column} → ${dst}: ${r.crossed} in another organization, ${r.dangling} missing`,
      );
  }
  results.push({
    name: 'references resolved by the application',
    ok: refProblems.length === 0,
    detail: refProblems.length
      ? refProblems.join('; ')
      : `${refsChecked} references, every row in its organization`,
  });

  // 3. Every UUID stored in a tenant row that names a tenant row names one of the same organization.
  await db.query('drop table if exists soak_ids');
  const idTables = tenant.filter((t) => byTable.get(t)?.some((c) => c.column === 'id' && c.type === 'uuid'));
  await db.query(
    `create temp table soak_ids as ${[
      "select id, id as organization_id, text 'organizations' as tbl from organizations",
      ...idTables.map((t) => `select id, organization_id, text '${t}' from ${ident(t)}`),
    ].join(' union all ')}`,
  );
  await db.query('create index on soak_ids (id)');
  await db.query('analyze soak_ids');
  const sweepProblems: string[] = [];
  let sweptColumns = 0;
  for (const table of tenant) {
    for (const c of byTable.get(table) ?? []) {
      if (c.column === 'organization_id' || c.column === 'id') continue;
      let query: string | undefined;
      if (c.type === 'uuid') {
        query = `select s.tbl, count(*)::int as n from ${ident(table)} t join soak_ids s on s.id = t.${ident(c.column)}
                  where s.organization_id <> t.organization_id group by s.tbl`;
      } else if (['text', 'varchar', 'json', 'jsonb'].includes(c.type)) {
        query = `select s.tbl, count(*)::int as n
                   from (select t.organization_id, m[1]::uuid as ref
                           from ${ident(table)} t, regexp_matches(t.${ident(c.column)}::text, '(${UUID_RE})', 'g') m) x
                   join soak_ids s on s.id = x.ref
                  where s.organization_id <> x.organization_id group by s.tbl`;
      }
      if (!query) continue;
      sweptColumns++;
      const { rows } = await db.query<{ tbl: string; n: number }>(query);
      for (const r of rows)
        sweepProblems.push(`${table}.${c.column}: ${r.n} ids of another organization's ${r.tbl}`);
    }
  }
  results.push({
    name: 'ids stored in tenant rows (uuid, text and JSON columns)',
    ok: sweepProblems.length === 0,
    detail: sweepProblems.length
      ? sweepProblems.join('; ')
      : `${sweptColumns} columns of ${tenant.length} tables, no id of another organization`,
  });

  // 4. Users named by tenant rows are members of that organization.
  const userProblems: string[] = [];
  const userTables = tenant.filter((t) => t !== 'members' && has(t, 'user_id'));
  for (const t of userTables) {
    const { rows } = await db.query<{ n: number }>(
      `select count(*)::int as n from ${ident(t)} s
        where s.user_id is not null
          and not exists (select 1 from members m where m.organization_id = s.organization_id and m.user_id = s.user_id)`,
    );
    if (rows[0]!.n > 0) userProblems.push(`${t}: ${rows[0]!.n} rows name a user who is not a member`);
  }
  results.push({
    name: 'users of tenant rows are members of the organization',
    ok: userProblems.length === 0,
    detail: userProblems.length ? userProblems.join('; ') : `${userTables.join(', ') || 'no table'} checked`,
  });

  // 5. Queued jobs (pg-boss) name an import of the organization they name.
  const { rows: jobTables } = await db.query<{ schema: string; table: string }>(
    `select table_schema as schema, table_name as table from information_schema.columns
      where table_schema not in ('public', 'pg_catalog', 'information_schema') and column_name = 'data'
        and udt_name = 'jsonb' and table_name in ('job', 'archive')`,
  );
  let jobs = 0;
  const jobProblems: string[] = [];
  for (const { schema, table } of jobTables) {
    const { rows } = await db.query<{ n: number; bad: number }>(
      `select count(*)::int as n,
              count(*) filter (where not exists (
                select 1 from imports i where i.organization_id::text = j.data->>'organizationId'
                  and i.id::text = j.data->>'importId'))::int as bad
         from ${ident(schema)}.${ident(table)} j where j.data ? 'importId'`,
    );
    jobs += rows[0]!.n;
    if (rows[0]!.bad > 0) jobProblems.push(`${schema}.${table}: ${rows[0]!.bad} jobs`);
  }
  results.push({
    name: 'import jobs name an import of their organization',
    ok: jobProblems.length === 0,
    detail: jobProblems.length ? `not so for ${jobProblems.join('; ')}` : `${jobs} jobs`,
  });
  return results;
}
