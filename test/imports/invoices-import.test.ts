import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor, ServiceContext } from '../../src/services/context.ts';
import { listImportChanges } from '../../src/services/imports/import-changes.ts';
import { revertImport } from '../../src/services/imports/revert-import.ts';
import { renderTemplate } from '../../src/services/render-template.ts';
import { buildContact, buildCustomer, buildOrganization } from '../helpers/builders.ts';
import { createTestContext } from '../helpers/db.ts';
import {
  contactsOf,
  csv,
  customersOf,
  invoicesOf,
  rowVersionsWithInvoices,
  runImportText,
} from '../helpers/imports.ts';

const ctx: ServiceContext = await createTestContext();
let actor: Actor;

beforeEach(async () => {
  actor = await buildOrganization(ctx);
});

const EN = [
  'Invoice number',
  'Customer name',
  'Customer external ID',
  'Contact email',
  'Issue date',
  'Due date',
  'Amount',
  'Currency',
  'Status',
];
const FR = [
  'Numéro de facture',
  'Nom du client',
  'Identifiant Externe du client',
  'E-mail du contact',
  'Date d’émission',
  'Date d’échéance',
  'Montant',
  'Devise',
  'Statut',
];

describe('invoices import', () => {
  it('creates the unknown customer (source invoice) and its contact, then the invoice', async () => {
    const s = await runImportText(
      ctx,
      actor,
      'invoices',
      csv([
        EN,
        ['F-1', 'Acme SAS', 'C-1', 'Compta@Acme.fr', '2025-01-31', '2025-03-02', '1234.56', 'eur', 'open'],
      ]),
    );
    expect(s.errors).toEqual([]);
    expect(s.lines).toMatchObject({ created: 1, error: 0 });
    expect(s.records).toEqual({
      customers: { created: 1, updated: 0 },
      contacts: { created: 1, updated: 0 },
      invoices: { created: 1, updated: 0 },
    });
    expect(await customersOf(ctx, actor.organizationId)).toMatchObject([
      { name: 'Acme SAS', external_id: 'C-1', source: 'invoice' },
    ]);
    expect(await contactsOf(ctx, actor.organizationId)).toMatchObject([
      { customer: 'Acme SAS', email: 'compta@acme.fr', is_main: false },
    ]);
    expect(await invoicesOf(ctx, actor.organizationId)).toEqual([
      {
        number: 'F-1',
        customer: 'Acme SAS',
        issue_date: '2025-01-31',
        due_date: '2025-03-02',
        amount: '1234.56',
        currency: 'EUR',
        status: 'open',
      },
    ]);
    const changes = await listImportChanges(ctx, actor, s.id, { limit: 10 });
    expect(changes.ok && changes.value.items.map((c) => [c.entity, c.action])).toEqual([
      ['customer', 'created'],
      ['contact', 'created'],
      ['invoice', 'created'],
    ]);
  });

  it('a later customers import updates the customer an invoice created, not a duplicate', async () => {
    await runImportText(
      ctx,
      actor,
      'invoices',
      csv([EN, ['F-1', 'Acme SAS', '', '', '2025-01-31', '2025-03-02', '10', '', '']]),
    );
    const s = await runImportText(
      ctx,
      actor,
      'customers',
      csv([
        ['Name', 'City'],
        ['ACME sas', 'Lyon'],
      ]),
    );
    expect(s.lines).toMatchObject({ updated: 1, created: 0, error: 0 });
    expect(await customersOf(ctx, actor.organizationId)).toMatchObject([
      { name: 'Acme SAS', city: 'Lyon', source: 'invoice' },
    ]);
  });

  it('finds existing customers by external ID or name, attaches a new external ID, and keeps their contacts', async () => {
    const acme = await buildCustomer(ctx, actor, { name: 'Acme', externalId: 'C-1' });
    await buildContact(ctx, actor, acme.id, { email: 'known@acme.fr' });
    await buildCustomer(ctx, actor, { name: 'Beta' });
    const s = await runImportText(
      ctx,
      actor,
      'invoices',
      csv([
        EN,
        ['F-1', '', 'C-1', 'known@acme.fr', '2025-01-01', '2025-01-31', '5', '', ''],
        ['F-2', 'beta', 'B-9', '', '2025-01-01', '2025-01-31', '6', '', ''],
      ]),
    );
    expect(s.errors).toEqual([]);
    expect(s.records).toEqual({
      customers: { created: 0, updated: 1 },
      contacts: { created: 0, updated: 0 },
      invoices: { created: 2, updated: 0 },
    });
    expect((await customersOf(ctx, actor.organizationId)).map((c) => [c.name, c.external_id])).toEqual([
      ['Acme', 'C-1'],
      ['Beta', 'B-9'],
    ]);
  });

  it('imports the same file twice: the second time every line is unchanged and nothing is written', async () => {
    const file = csv([
      EN,
      ['F-1', 'Acme', 'C-1', 'a@acme.fr', '31/01/2025', '02/03/2025', '1 234,56', 'EUR', 'payée'],
      ['F-2', 'Acme', 'C-1', 'b@acme.fr', '2025-02-01', '2025-03-01', '-12,50', 'USD', ''],
    ]);
    const first = await runImportText(ctx, actor, 'invoices', file);
    expect(first.lines).toMatchObject({ created: 2, error: 0 });
    const before = await rowVersionsWithInvoices(ctx, actor.organizationId);
    const second = await runImportText(ctx, actor, 'invoices', file);
    expect(second.lines).toEqual({ created: 0, updated: 0, unchanged: 2, error: 0, blank: 0 });
    expect(second.records).toEqual({
      customers: { created: 0, updated: 0 },
      contacts: { created: 0, updated: 0 },
      invoices: { created: 0, updated: 0 },
    });
    expect(await rowVersionsWithInvoices(ctx, actor.organizationId)).toEqual(before);
  });

  it('reads the French template’s columns, French dates, amounts and statuses', async () => {
    const text = csv(
      [
        FR,
        ['F-1', 'Société Générale', '', '', '31/01/2025', '2/3/2025', '1 234,56', '', 'Payée'],
        ['F-2', 'Société Générale', '', '', '01/02/2025', '01/02/2025', '-12,50', 'eur', 'annulée'],
        ['F-3', 'Société Générale', '', '', '2025-02-01', '2025-02-28 00:00', '1234.5', 'GBP', 'OUVERTE'],
      ],
      ';',
    );
    const s = await runImportText(ctx, actor, 'invoices', Buffer.from(text, 'latin1'));
    expect(s.errors).toEqual([]);
    expect(s.ignoredColumns).toEqual([]);
    expect(await invoicesOf(ctx, actor.organizationId)).toEqual([
      {
        number: 'F-1',
        customer: 'Société Générale',
        issue_date: '2025-01-31',
        due_date: '2025-03-02',
        amount: '1234.56',
        currency: 'EUR',
        status: 'paid',
      },
      {
        number: 'F-2',
        customer: 'Société Générale',
        issue_date: '2025-02-01',
        due_date: '2025-02-01',
        amount: '-12.50',
        currency: 'EUR',
        status: 'cancelled',
      },
      {
        number: 'F-3',
        customer: 'Société Générale',
        issue_date: '2025-02-01',
        due_date: '2025-02-28',
        amount: '1234.50',
        currency: 'GBP',
        status: 'open',
      },
    ]);
  });

  it('refuses bad dates, amounts, statuses and currencies with coded line errors, applying the good lines', async () => {
    const s = await runImportText(
      ctx,
      actor,
      'invoices',
      csv([
        EN,
        ['F-1', 'Acme', '', '', '31/02/2025', '2025-03-01', '10', '', ''],
        ['F-2', 'Acme', '', '', '2025-01-01', '2025-03-01', '12,345', '', ''],
        ['F-3', 'Acme', '', '', '2025-01-01', '2025-03-01', '10', '', 'closed'],
        ['F-4', 'Acme', '', '', '2025-01-01', '2025-03-01', '10', 'EUROS', ''],
        ['F-5', 'Acme', '', '', '2025-03-02', '2025-03-01', '10', '', ''],
        ['F-6', 'Acme', '', '', '2025-01-01', '2025-03-01', '10 €', '', ''],
        ['F-7', 'Acme', '', '', '', '2025-03-01', '10', '', ''],
        ['F-8', 'Acme', '', '', '2025-01-01', '2025-03-01', '10', '', ''],
      ]),
    );
    expect(s.status).toBe('error');
    expect(s.lines).toMatchObject({ created: 1, error: 7 });
    expect(s.errors.map((e) => [e.line, e.column, e.value, e.code])).toEqual([
      [2, 'Issue date', '31/02/2025', 'invoice_date_invalid'],
      [3, 'Amount', '12,345', 'invoice_amount_invalid'],
      [4, 'Status', 'closed', 'invoice_status_invalid'],
      [5, 'Currency', 'EUROS', 'invoice_currency_invalid'],
      [6, 'Due date', '2025-03-01', 'invoice_due_before_issue'],
      [7, 'Amount', '10 €', 'invoice_amount_invalid'],
      [8, 'Issue date', '', 'invoice_required_to_create'],
    ]);
    expect(s.errors[0]?.message).toBe(
      'Invalid date "31/02/2025": write it as DD/MM/YYYY, such as 31/01/2025, or as YYYY-MM-DD',
    );
    expect(s.errors[4]?.message).toBe('The due date is before the issue date (2025-03-02): check both dates');
    expect((await invoicesOf(ctx, actor.organizationId)).map((i) => i.number)).toEqual(['F-8']);
  });

  it('a later file updates an existing invoice’s status; empty cells change nothing', async () => {
    await runImportText(
      ctx,
      actor,
      'invoices',
      csv([EN, ['F-1', 'Acme', '', '', '2025-01-01', '2025-01-31', '100', 'EUR', 'open']]),
    );
    const s = await runImportText(
      ctx,
      actor,
      'invoices',
      csv([
        ['Invoice number', 'Customer name', 'Issue date', 'Due date', 'Amount', 'Status'],
        ['F-1', '', '', '', '', 'paid'],
      ]),
    );
    expect(s.errors).toEqual([]);
    expect(s.lines).toMatchObject({ updated: 1, created: 0 });
    expect(s.records.invoices).toEqual({ created: 0, updated: 1 });
    expect(await invoicesOf(ctx, actor.organizationId)).toEqual([
      {
        number: 'F-1',
        customer: 'Acme',
        issue_date: '2025-01-01',
        due_date: '2025-01-31',
        amount: '100.00',
        currency: 'EUR',
        status: 'paid',
      },
    ]);
    const changes = await listImportChanges(ctx, actor, s.id, { limit: 10 });
    expect(changes.ok && changes.value.items).toMatchObject([
      { entity: 'invoice', action: 'updated', before: { status: 'open' }, after: { status: 'paid' } },
    ]);
  });

  it('moves an invoice to the customer its line names, and refuses a due date before the stored issue date', async () => {
    await runImportText(
      ctx,
      actor,
      'invoices',
      csv([EN, ['F-1', 'Acme', '', '', '2025-01-10', '2025-01-31', '100', '', '']]),
    );
    const s = await runImportText(
      ctx,
      actor,
      'invoices',
      csv([
        ['Invoice number', 'Customer name', 'Issue date', 'Due date', 'Amount'],
        ['F-1', 'Beta', '', '', ''],
        ['F-1', '', '', '2025-01-05', ''],
      ]),
    );
    expect(s.lines).toMatchObject({ updated: 1, error: 1 });
    expect(s.errors.map((e) => [e.line, e.code])).toEqual([[3, 'invoice_due_before_issue']]);
    expect((await invoicesOf(ctx, actor.organizationId)).map((i) => [i.number, i.customer])).toEqual([
      ['F-1', 'Beta'],
    ]);
  });

  it('update only: an unknown invoice number is a line error', async () => {
    const s = await runImportText(
      ctx,
      actor,
      'invoices',
      csv([EN, ['F-404', 'Acme', '', '', '2025-01-01', '2025-01-31', '1', '', '']]),
      { mode: 'update_only' },
    );
    expect(s.errors.map((e) => e.code)).toEqual(['invoice_not_found', 'customer_not_found']);
    expect(await customersOf(ctx, actor.organizationId)).toEqual([]);
  });

  it('revert removes the invoices, contacts and customers the import created and puts back what it changed', async () => {
    await runImportText(
      ctx,
      actor,
      'invoices',
      csv([EN, ['F-0', 'Old Co', '', '', '2025-01-01', '2025-01-31', '1', '', 'open']]),
    );
    const invoicesBefore = await invoicesOf(ctx, actor.organizationId);
    const customersBefore = await customersOf(ctx, actor.organizationId);
    const s = await runImportText(
      ctx,
      actor,
      'invoices',
      csv([
        EN,
        ['F-0', '', '', '', '', '', '', '', 'paid'],
        ['F-1', 'New Co', 'N-1', 'x@new.fr', '2025-01-01', '2025-01-31', '2', '', ''],
        ['F-2', 'New Co', '', '', '2025-01-01', '2025-01-31', '3', '', ''],
      ]),
    );
    expect(s.lines).toMatchObject({ created: 2, updated: 1, error: 0 });
    const r = await revertImport(ctx, actor, s.id);
    expect(r.ok && r.value.status).toBe('reverted');
    expect(r.ok && r.value.revertReport).toMatchObject({ deleted: 4, restored: 1, conflicts: [] });
    expect(await invoicesOf(ctx, actor.organizationId)).toEqual(invoicesBefore);
    expect(await customersOf(ctx, actor.organizationId)).toEqual(customersBefore);
    expect(await contactsOf(ctx, actor.organizationId)).toEqual([]);
  });

  it('has CSV and XLSX templates; the French CSV has the French headers', async () => {
    const fr = await renderTemplate({ kind: 'invoices', format: 'csv', lang: 'fr' });
    expect(fr.body.toString('utf8').replace(/^\ufeff/, '')).toBe(`${FR.join(';')}\r\n`);
    const en = await renderTemplate({ kind: 'invoices', format: 'csv', lang: 'en' });
    expect(en.body.toString('utf8').replace(/^\ufeff/, '')).toBe(`${EN.join(',')}\r\n`);
    const xlsx = await renderTemplate({ kind: 'invoices', format: 'xlsx', lang: 'fr' });
    expect(xlsx.body.subarray(0, 2).toString('latin1')).toBe('PK');
  });
});
