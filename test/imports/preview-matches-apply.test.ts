import { describe, expect, it } from 'vitest';
import { BATCH_LINES } from '../../src/services/imports/check-lines.ts';
import type { ImportSummary } from '../../src/services/imports/summary.ts';
import { buildOrganization } from '../helpers/builders.ts';
import { createTestContext } from '../helpers/db.ts';
import { csv, rowVersionsWithInvoices, runImportText } from '../helpers/imports.ts';

/**
 * A preview writes its records to temporary tables laid over the organization's (import-preview-store.ts), an
 * apply to the tables themselves. Whatever the file, the preview must say exactly what the apply then does, and
 * write nothing. Files here are drawn at random from a small set of keys, over records stored by an earlier
 * import, so that lines of different batches keep meeting the same customers, contacts and invoices: renamed,
 * matched by name or by external ID, made main and no longer main, refused.
 */

const ctx = await createTestContext();

/** A small deterministic generator (the same files at every run). */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  return {
    int: (n: number) => Math.floor(next() * n),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  };
}

type Generator = ReturnType<typeof generator>;

const LINES = 2 * BATCH_LINES + 500;
const FIRST_NAMES = ['Anne', 'Bruno', 'Chloé', ''];

/**
 * How a line names customer `i`: by name, by external ID, or both; sometimes with another case or a conflict.
 * Customers from `nameOnlyFrom` on are named by name alone (stored without an external ID, a later file gives
 * them one).
 */
function customerCells(g: Generator, customers: number, nameOnlyFrom = customers): [string, string] {
  const i = g.int(customers);
  const name = g.chance(0.1) ? `CUSTOMER ${i}` : `Customer ${i}`;
  if (i >= nameOnlyFrom) return [name, ''];
  const external = g.chance(0.03) ? `EXT-${g.int(customers)}` : `EXT-${i}`;
  const how = g.int(10);
  if (how < 2) return [name, ''];
  if (how < 4) return ['', external];
  return [name, external];
}

function contactsFile(g: Generator, customers: number, nameOnlyFrom?: number): string {
  const rows = [['Customer name', 'Customer external ID', 'Email', 'Main contact', 'First name', 'Phone']];
  for (let line = 0; line < LINES; line++) {
    const [name, external] = customerCells(g, customers, nameOnlyFrom);
    const email = g.chance(0.02) ? 'not-an-email' : `p${g.int(4)}@c${g.int(customers)}.example`;
    const main = g.chance(0.15) ? 'yes' : g.chance(0.05) ? 'no' : '';
    const phone = g.chance(0.3) ? `06 12 34 56 ${10 + g.int(5)}` : '';
    rows.push([name, external, email, main, g.pick(FIRST_NAMES), phone]);
  }
  return csv(rows);
}

function customersFile(g: Generator, customers: number): string {
  const rows = [['Name', 'External ID', 'Email', 'City']];
  for (let line = 0; line < LINES; line++) {
    const i = g.int(customers);
    // Renames (the same external ID under another name), names taken by another customer, missing names.
    const name = g.chance(0.1) ? `Renamed ${g.int(customers)}` : g.chance(0.02) ? '' : `Customer ${i}`;
    const external = g.chance(0.3) ? '' : `EXT-${g.chance(0.05) ? g.int(customers) : i}`;
    const email = g.chance(0.02) ? 'broken@' : g.chance(0.5) ? `billing${g.int(3)}@c${i}.example` : '';
    rows.push([name, external, email, g.pick(['Paris', 'Lyon', ''])]);
  }
  return csv(rows);
}

function invoicesFile(g: Generator, customers: number): string {
  const rows = [
    [
      'Invoice number',
      'Customer name',
      'Customer external ID',
      'Contact email',
      'Issue date',
      'Due date',
      'Amount',
      'Currency',
      'Status',
    ],
  ];
  for (let line = 0; line < LINES; line++) {
    const [name, external] = g.chance(0.2) ? ['', ''] : customerCells(g, customers);
    const email = g.chance(0.4) ? `p${g.int(4)}@c${g.int(customers)}.example` : '';
    const due = g.chance(0.03) ? '2024-12-01' : '2025-02-28';
    rows.push([
      `F-${g.int(LINES / 2)}`,
      name,
      external,
      email,
      '2025-01-15',
      due,
      String(10 + g.int(3)),
      'EUR',
      g.pick(['open', 'paid', '']),
    ]);
  }
  return csv(rows);
}

/** What a summary says a run did (its id, status and dry-run flag aside). */
function outcome(s: ImportSummary) {
  return { lines: s.lines, records: s.records, errors: s.errors };
}

/**
 * Stores records with a first import (none when `base` is null: the preview then reads only what it created, see
 * import-preview-store.ts), then previews a second file and applies it: both must say the same.
 */
async function previewThenApply(kind: string, base: string | null, file: string) {
  const actor = await buildOrganization(ctx);
  if (base !== null) await runImportText(ctx, actor, kind, base);
  const stored = await rowVersionsWithInvoices(ctx, actor.organizationId);
  const preview = await runImportText(ctx, actor, kind, file, { dryRun: true });
  expect(await rowVersionsWithInvoices(ctx, actor.organizationId)).toEqual(stored);
  const applied = await runImportText(ctx, actor, kind, file);
  expect(applied.status).not.toBe('failed');
  expect(outcome(preview)).toEqual(outcome(applied));
  return applied;
}

describe('a preview says exactly what the apply then does, and writes nothing', () => {
  it.each([1, 2])('contacts files (seed %i)', async (seed) => {
    const g = generator(seed);
    const s = await previewThenApply('contacts', contactsFile(g, 150, 100), contactsFile(g, 200));
    // The file met every case: creations, updates, unchanged lines and refusals of several kinds.
    expect(s.lines.created).toBeGreaterThan(0);
    expect(s.lines.updated).toBeGreaterThan(0);
    expect(s.lines.unchanged).toBeGreaterThan(0);
    expect(new Set(s.errors.map((e) => e.code))).toEqual(
      new Set([
        'invalid_email',
        'duplicate_main_contact',
        'external_id_conflict',
        'customer_name_required_to_create',
      ]),
    );
    expect(s.records.customers.updated).toBeGreaterThan(0);
    expect(s.records.contacts.updated).toBeGreaterThan(0);
  });

  it.each([7, 8])('contacts files into an organization without records (seed %i)', async (seed) => {
    const g = generator(seed);
    const s = await previewThenApply('contacts', null, contactsFile(g, 200));
    // Lines of later batches met the customers and contacts earlier ones created.
    expect(s.lines.created).toBeGreaterThan(0);
    expect(s.lines.updated).toBeGreaterThan(0);
    expect(s.lines.unchanged).toBeGreaterThan(0);
    expect(s.records.contacts.created).toBeLessThan(s.lines.created + s.lines.updated);
  });

  it.each([9])('invoices files into an organization without records (seed %i)', async (seed) => {
    const g = generator(seed);
    const s = await previewThenApply('invoices', null, invoicesFile(g, 150));
    expect(s.lines.created).toBeGreaterThan(0);
    expect(s.lines.updated).toBeGreaterThan(0);
    expect(s.records.customers.created).toBeGreaterThan(0);
  });

  it.each([3, 4])('customers files (seed %i)', async (seed) => {
    const g = generator(seed);
    const s = await previewThenApply('customers', customersFile(g, 150), customersFile(g, 200));
    expect(s.lines.created).toBeGreaterThan(0);
    expect(s.lines.updated).toBeGreaterThan(0);
    expect(s.lines.unchanged).toBeGreaterThan(0);
    expect(s.lines.error).toBeGreaterThan(0);
    expect(s.records.customers.updated).toBeGreaterThan(0);
  });

  it.each([5, 6])('invoices files (seed %i)', async (seed) => {
    const g = generator(seed);
    const s = await previewThenApply('invoices', invoicesFile(g, 150), invoicesFile(g, 200));
    expect(s.lines.created).toBeGreaterThan(0);
    expect(s.lines.updated).toBeGreaterThan(0);
    expect(s.lines.error).toBeGreaterThan(0);
    expect(s.records.invoices?.updated).toBeGreaterThan(0);
    expect(s.records.customers.created).toBeGreaterThan(0);
  });
});
