import type { Writable } from 'node:stream';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type FieldKey, importKind } from '../domain/import-fields.ts';
import type { Lang } from '../domain/messages/index.ts';
import { POSITION_LABELS } from '../domain/values/positions.ts';
import { writeCsv } from '../files/csv-writer.ts';
import { templateDelimiter, templateHeader } from '../files/templates.ts';
import { writeXlsx } from '../files/xlsx-writer.ts';
import { contactExportPage, customerExportPage } from '../storage/exports.ts';
import { type Actor, inOrganization, type ServiceContext } from './context.ts';

const PAGE = 2000;

/** A record's cells in the order of its kind's template columns. */
function inTemplateOrder<K extends 'customers' | 'contacts'>(
  kind: K,
  values: Record<FieldKey<K>, string | null>,
): string[] {
  return importKind(kind).fields.map((f) => values[f.key as FieldKey<K>] ?? '');
}

/** An export ready to be written wherever the caller wants (a file, an HTTP response). */
export interface ExportFile {
  fileName: string;
  contentType: string;
  writeTo(output: Writable): Promise<void>;
}

/** The customers of an organization as rows of the customers import template. */
async function* customerRows(ctx: ServiceContext, organizationId: string): AsyncGenerator<string[]> {
  let after: string | null = null;
  for (;;) {
    const page = await customerExportPage(ctx.db, organizationId, after, PAGE);
    for (const c of page) {
      yield inTemplateOrder('customers', {
        name: c.name,
        externalId: c.external_id,
        email: c.email,
        phone: c.phone,
        addressLine1: c.address_line1,
        addressLine2: c.address_line2,
        postalCode: c.postal_code,
        city: c.city,
        country: c.country,
        vatNumber: c.vat_number,
        accountManager: c.account_manager_email,
        dunningPlan: c.dunning_plan_name,
      });
    }
    const last = page.at(-1);
    if (!last || page.length < PAGE) return;
    after = last.name_key;
  }
}

/** The contacts of an organization as rows of the contacts import template. */
async function* contactRows(
  ctx: ServiceContext,
  organizationId: string,
  lang: Lang,
): AsyncGenerator<string[]> {
  let after: { nameKey: string; email: string } | null = null;
  for (;;) {
    const page = await contactExportPage(ctx.db, organizationId, after, PAGE);
    for (const k of page) {
      yield inTemplateOrder('contacts', {
        customerName: k.customer_name,
        customerExternalId: k.customer_external_id,
        email: k.email,
        isMain: k.is_main ? '1' : '',
        firstName: k.first_name,
        lastName: k.last_name,
        phone: k.phone,
        reference: k.reference,
        positions: k.positions.map((p) => POSITION_LABELS[p][lang]).join(', '),
      });
    }
    const last = page.at(-1);
    if (!last || page.length < PAGE) return;
    after = { nameKey: last.name_key, email: last.email };
  }
}

/**
 * Exports customers or contacts with the columns of their import template, in a language, so that an export
 * can be edited and imported back (an unedited export imports as all unchanged).
 */
export function exportRecords(
  ctx: ServiceContext,
  actor: Actor,
  opts: { entity: 'customers' | 'contacts'; format: 'csv' | 'xlsx'; lang: Lang },
): ExportFile {
  ctx = inOrganization(ctx, actor);
  const header = templateHeader(opts.entity, opts.lang);
  const rows = () =>
    opts.entity === 'customers'
      ? customerRows(ctx, actor.organizationId)
      : contactRows(ctx, actor.organizationId, opts.lang);
  const base = `${opts.entity === 'customers' ? (opts.lang === 'fr' ? 'clients' : 'customers') : 'contacts'}`;
  if (opts.format === 'xlsx') {
    return {
      fileName: `${base}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      writeTo: (output) => writeXlsx(output, [{ name: base, header, rows: rows() }]),
    };
  }
  return {
    fileName: `${base}.csv`,
    contentType: 'text/csv; charset=utf-8',
    writeTo: (output) =>
      pipeline(Readable.from(writeCsv(header, rows(), { delimiter: templateDelimiter(opts.lang) })), output),
  };
}
