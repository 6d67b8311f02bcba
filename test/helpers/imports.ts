import type { ManualMapping } from '../../src/domain/header-matching.ts';
import type { Actor, ServiceContext } from '../../src/services/context.ts';
import { applyImport } from '../../src/services/imports/apply-import.ts';
import { previewImport } from '../../src/services/imports/preview-import.ts';
import { setImportMapping } from '../../src/services/imports/set-import-mapping.ts';
import { type ImportSummary, importSummary } from '../../src/services/imports/summary.ts';
import { uploadImport } from '../../src/services/imports/upload-import.ts';
import { listChanges, type StoredChange } from '../../src/storage/imports.ts';

/** Builds a CSV text from rows (cells joined by the delimiter, quoted when needed). */
export function csv(rows: string[][], delimiter = ','): string {
  const q = (c: string) => (/[",;\t|\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c);
  return `${rows.map((r) => r.map(q).join(delimiter)).join('\r\n')}\r\n`;
}

/** Uploads a file's bytes and previews or applies it, returning the CLI-shaped summary. */
export async function runImportText(
  ctx: ServiceContext,
  actor: Actor,
  kind: string,
  content: string | Buffer,
  opts: { dryRun?: boolean; mode?: string; fileName?: string; mapping?: ManualMapping } = {},
): Promise<ImportSummary> {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const uploaded = await uploadImport(ctx, actor, {
    kind,
    mode: opts.mode,
    fileName: opts.fileName ?? `${kind}.csv`,
    body: (async function* () {
      yield bytes;
    })(),
    dryRun: opts.dryRun ?? false,
  });
  if (!uploaded.ok) throw new Error(`upload refused: ${JSON.stringify(uploaded.error)}`);
  if (opts.mapping) {
    const m = await setImportMapping(ctx, actor, uploaded.value.id, opts.mapping);
    if (!m.ok) throw new Error(`mapping refused: ${JSON.stringify(m.error)}`);
  }
  const run = opts.dryRun
    ? await previewImport(ctx, actor, uploaded.value.id)
    : await applyImport(ctx, actor, uploaded.value.id);
  if (!run.ok) throw new Error(`run refused: ${JSON.stringify(run.error)}`);
  const summary = await importSummary(ctx, actor, uploaded.value.id);
  if (!summary.ok) throw new Error('no summary');
  return summary.value;
}

/** Every customer of the organization with its stored fields, by name. */
export async function customersOf(ctx: ServiceContext, organizationId: string) {
  const { rows } = await ctx.tenants.of(organizationId).pool.query(
    `select name, external_id, email, phone, address_line1, postal_code, city, country, source,
            account_manager_id, dunning_plan_id
       from customers where organization_id = $1 order by name_key`,
    [organizationId],
  );
  return rows;
}

/** Every contact of the organization with its customer's name, by customer and email. */
export async function contactsOf(ctx: ServiceContext, organizationId: string) {
  const { rows } = await ctx.tenants.of(organizationId).pool.query(
    `select c.name as customer, k.email, k.first_name, k.last_name, k.phone, k.reference, k.positions, k.is_main
       from contacts k join customers c on c.organization_id = k.organization_id and c.id = k.customer_id
      where k.organization_id = $1 order by c.name_key, k.email`,
    [organizationId],
  );
  return rows;
}

/** The physical version of every row (xmin changes on any write): equal snapshots mean zero writes. */
export async function rowVersions(ctx: ServiceContext, organizationId: string): Promise<string[]> {
  const { rows } = await ctx.tenants.of(organizationId).pool.query(
    `select 'c' || id || ':' || xmin::text as v from customers where organization_id = $1
     union all select 'k' || id || ':' || xmin::text from contacts where organization_id = $1 order by 1`,
    [organizationId],
  );
  return rows.map((r: { v: string }) => r.v);
}

/**
 * A fingerprint of an organization's customers and contacts (every imported field, no ids or timestamps), so two
 * organizations can be compared at hundreds of thousands of rows without holding them in the test.
 */
export async function dataFingerprint(
  ctx: ServiceContext,
  organizationId: string,
): Promise<{ rows: number; md5: string }> {
  const { rows } = await ctx.tenants.of(organizationId).pool.query(
    `select count(*)::int as rows, md5(string_agg(t, E'\\n' order by t)) as md5 from (
       select concat_ws('|', 'c', name, external_id, email, phone, address_line1, address_line2, postal_code, city,
                        country, vat_number) as t
         from customers where organization_id = $1
       union all
       select concat_ws('|', 'k', c.name, k.email, k.first_name, k.last_name, k.phone, k.reference,
                        array_to_string(k.positions, ','), k.is_main::text)
         from contacts k join customers c on c.organization_id = k.organization_id and c.id = k.customer_id
        where k.organization_id = $1) x`,
    [organizationId],
  );
  return rows[0];
}

/** Every invoice of the organization with its customer's name, by number (dates and amount as text). */
export async function invoicesOf(ctx: ServiceContext, organizationId: string) {
  const { rows } = await ctx.tenants.of(organizationId).pool.query(
    `select i.number, c.name as customer, i.issue_date::text as issue_date, i.due_date::text as due_date,
            i.amount::text as amount, i.currency, i.status
       from invoices i join customers c on c.organization_id = i.organization_id and c.id = i.customer_id
      where i.organization_id = $1 order by i.number`,
    [organizationId],
  );
  return rows;
}

/** Like rowVersions, with the invoices too: equal snapshots mean an import wrote nothing at all. */
export async function rowVersionsWithInvoices(
  ctx: ServiceContext,
  organizationId: string,
): Promise<string[]> {
  const { rows } = await ctx.tenants
    .of(organizationId)
    .pool.query(
      `select 'i' || id || ':' || xmin::text as v from invoices where organization_id = $1 order by 1`,
      [organizationId],
    );
  return [...(await rowVersions(ctx, organizationId)), ...rows.map((r: { v: string }) => r.v)];
}

/** An import's whole change log, in order, read as the change list and the revert read it. */
export async function changeLogOf(
  ctx: ServiceContext,
  organizationId: string,
  importId: string,
): Promise<StoredChange[]> {
  return listChanges(ctx.system.db, organizationId, importId, { limit: Number.MAX_SAFE_INTEGER });
}
