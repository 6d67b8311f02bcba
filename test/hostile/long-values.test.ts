/**
 * Over-long values in every field of the customers, contacts and invoices imports, end to end: each gets a coded
 * line error naming its column, the line is refused whole, and the other lines of the file still import. Values at
 * the limit, in characters that take four bytes, are stored whole.
 */
import { describe, expect, it } from 'vitest';
import { TEXT_LIMITS } from '../../src/domain/values/text-field.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import { buildMember, buildOrganization, buildPlan } from '../helpers/builders.ts';
import { createTestContext } from '../helpers/db.ts';
import { csv, invoicesOf } from '../helpers/imports.ts';
import { imported, runFile } from './pipeline.ts';

const ctx: ServiceContext = await createTestContext();

const HUGE = 50_000;
const x = (n: number, unit = 'x') => unit.repeat(n);
/** An address longer than any mail system takes (254 characters), well formed otherwise. */
const longEmail = (n: number) =>
  `${x(60, 'a')}@${Array.from({ length: Math.ceil(n / 60) }, () => x(59, 'b')).join('.')}.fr`;

interface FieldCase {
  header: string;
  /** A valid value, used on the lines where another field is too long. */
  valid: (i: number) => string;
  /** A value just past the limit (or, for values with a format, too long to be one). */
  over: string;
  code: string;
  params?: Record<string, unknown>;
  /** A value of `n` characters (for the line where every field is huge). */
  huge: string;
}

const text = (header: string, max: number, valid: (i: number) => string): FieldCase => ({
  header,
  valid,
  over: x(max + 1),
  code: 'value_too_long',
  params: { max, length: max + 1 },
  huge: x(HUGE),
});

const CUSTOMER_FIELDS: FieldCase[] = [
  text('Name', TEXT_LIMITS.name, (i) => `Customer ${i}`),
  text('External ID', TEXT_LIMITS.externalId, (i) => `C-${i}`),
  {
    header: 'Email',
    valid: (i) => `c${i}@acme.fr`,
    over: longEmail(255),
    code: 'invalid_email',
    huge: longEmail(HUGE),
  },
  {
    header: 'Phone number',
    valid: () => '06 12 34 56 78',
    over: x(30, '0612345678'),
    code: 'invalid_phone',
    huge: x(HUGE / 10, '0612345678'),
  },
  text('Address line 1', TEXT_LIMITS.addressLine1, () => '12 rue de la Paix'),
  text('Address line 2', TEXT_LIMITS.addressLine2, () => 'Bâtiment B'),
  text('Postal code', TEXT_LIMITS.postalCode, () => '75002'),
  text('City', TEXT_LIMITS.city, () => 'Paris'),
  {
    header: 'Country',
    valid: () => 'FR',
    over: x(50, 'France'),
    code: 'unknown_country',
    huge: x(HUGE / 5, 'Spain'),
  },
  {
    ...text('VAT number', TEXT_LIMITS.vatNumber, () => 'FR40303265045'),
    over: `FR${x(39, '1')}`,
    params: { max: 40, length: 41 },
  },
  {
    header: 'Account manager',
    valid: () => 'manager@org.example',
    over: longEmail(255),
    code: 'invalid_email',
    huge: longEmail(HUGE),
  },
  text('Dunning plan', TEXT_LIMITS.dunningPlan, () => 'Standard'),
];

const CONTACT_FIELDS: FieldCase[] = [
  text('Customer name', TEXT_LIMITS.name, () => 'Acme'),
  text('Customer external ID', TEXT_LIMITS.externalId, () => 'A-1'),
  {
    header: 'Email',
    valid: (i) => `k${i}@acme.fr`,
    over: longEmail(255),
    code: 'invalid_email',
    huge: longEmail(HUGE),
  },
  {
    header: 'Main contact',
    valid: () => '',
    over: x(100, 'yes'),
    code: 'invalid_main_contact_flag',
    huge: x(HUGE / 4, 'oui '),
  },
  text('First name', TEXT_LIMITS.firstName, () => 'Jeanne'),
  text('Last name', TEXT_LIMITS.lastName, () => 'Martin'),
  {
    header: 'Phone number',
    valid: () => '+33 6 12 34 56 78',
    over: x(30, '0612345678'),
    code: 'invalid_phone',
    huge: x(HUGE / 10, '0612345678'),
  },
  text('Reference', TEXT_LIMITS.reference, (i) => `R-${i}`),
  {
    header: 'Position',
    valid: () => 'Accounting',
    over: x(1000, 'Accountant'),
    code: 'unknown_position',
    huge: x(HUGE / 10, 'Accountant'),
  },
];

const INVOICE_FIELDS: FieldCase[] = [
  text('Invoice number', 100, (i) => `F-${i}`),
  text('Customer name', TEXT_LIMITS.name, () => 'Acme'),
  text('Customer external ID', TEXT_LIMITS.externalId, () => 'A-1'),
  {
    header: 'Contact email',
    valid: () => 'billing@acme.fr',
    over: longEmail(255),
    code: 'invalid_email',
    huge: longEmail(HUGE),
  },
  {
    header: 'Issue date',
    valid: () => '2025-01-31',
    over: x(20, '31/01/2025'),
    code: 'invoice_date_invalid',
    huge: x(HUGE / 10, '31/01/2025'),
  },
  {
    header: 'Due date',
    valid: () => '2025-03-02',
    over: x(20, '02/03/2025'),
    code: 'invoice_date_invalid',
    huge: x(HUGE / 10, '02/03/2025'),
  },
  {
    header: 'Amount',
    valid: () => '1234.56',
    // One digit more than the 14 the database keeps before the decimal point.
    over: '123456789012345.00',
    code: 'invoice_amount_invalid',
    huge: x(HUGE, '9'),
  },
  {
    header: 'Currency',
    valid: () => 'EUR',
    over: x(50, 'EURO'),
    code: 'invoice_currency_invalid',
    huge: x(HUGE / 4, 'EURO'),
  },
  {
    header: 'Status',
    valid: () => 'open',
    over: x(50, 'paid'),
    code: 'invoice_status_invalid',
    huge: x(HUGE / 4, 'paid'),
  },
];

/**
 * A file with one line per field where only that field is too long, between good lines, then a line where every
 * field is huge; the import refuses exactly those lines, each error naming its column, and imports the others.
 */
async function overLongFile(kind: string, fields: FieldCase[]) {
  const actor = await buildOrganization(ctx);
  await buildMember(ctx, actor, 'manager@org.example');
  await buildPlan(ctx, actor, 'Standard');
  const line = (i: number, over?: number) => fields.map((f, k) => (k === over ? f.over : f.valid(i)));
  const rows = [
    fields.map((f) => f.header),
    line(1000),
    ...fields.map((_, k) => line(k, k)),
    fields.map((f) => f.huge),
    line(2000),
  ];
  const s = imported(await runFile(ctx, actor, kind, Buffer.from(csv(rows)), `${kind}.csv`));
  const hugeLine = fields.length + 3;
  expect(s.lines.error).toBe(fields.length + 1);
  expect(s.lines.created + s.lines.updated + s.lines.unchanged).toBe(2);
  const singles = s.errors.filter((e) => e.line < hugeLine);
  expect(singles.map((e) => [e.line, e.column, e.code])).toEqual(
    fields.map((f, k) => [k + 3, f.header, f.code]),
  );
  for (const [k, f] of fields.entries()) {
    expect(singles[k]!.value).toBe(f.over);
    expect(singles[k]!.message).not.toBe(f.code);
  }
  const huge = s.errors.filter((e) => e.line === hugeLine);
  // Every column of that line, in the order the validator reads them.
  expect(huge.map((e) => e.column).sort()).toEqual(fields.map((f) => f.header).sort());
  return { actor, summary: s };
}

describe('16. over-long values', () => {
  it('customers: every field too long is a coded error naming its column; the other lines import', async () => {
    const { actor, summary } = await overLongFile('customers', CUSTOMER_FIELDS);
    expect(
      summary.errors.filter((e) => e.code === 'value_too_long' && e.line < 15).map((e) => e.message),
    ).toContain('Too long (201 characters): shorten it to 200 characters at most');
    const { rows } = await ctx.system.pool.query(
      'select name from customers where organization_id = $1 order by name',
      [actor.organizationId],
    );
    expect(rows.map((r) => r.name)).toEqual(['Customer 1000', 'Customer 2000']);
  });

  it('contacts: every field too long is a coded error naming its column; the other lines import', async () => {
    const { actor } = await overLongFile('contacts', CONTACT_FIELDS);
    const { rows } = await ctx.system.pool.query(
      'select email from contacts where organization_id = $1 order by email',
      [actor.organizationId],
    );
    expect(rows.map((r) => r.email)).toEqual(['k1000@acme.fr', 'k2000@acme.fr']);
  });

  it('invoices: every field too long is a coded error naming its column; the other lines import', async () => {
    const { actor } = await overLongFile('invoices', INVOICE_FIELDS);
    expect((await invoicesOf(ctx, actor.organizationId)).map((i) => i.number)).toEqual(['F-1000', 'F-2000']);
  });

  it('values at every limit, in four-byte characters, are stored whole', async () => {
    const actor = await buildOrganization(ctx);
    const e = (n: number) => x(n, '😀');
    const header = [
      'Name',
      'External ID',
      'Address line 1',
      'Address line 2',
      'Postal code',
      'City',
      'VAT number',
    ];
    const values = [
      e(TEXT_LIMITS.name),
      e(TEXT_LIMITS.externalId),
      e(TEXT_LIMITS.addressLine1),
      e(TEXT_LIMITS.addressLine2),
      e(TEXT_LIMITS.postalCode),
      e(TEXT_LIMITS.city),
      e(TEXT_LIMITS.vatNumber),
    ];
    const s = imported(await runFile(ctx, actor, 'customers', Buffer.from(csv([header, values])), 'max.csv'));
    expect(s.errors).toEqual([]);
    const { rows } = await ctx.system.pool.query(
      `select name, external_id, address_line1, address_line2, postal_code, city, vat_number
         from customers where organization_id = $1`,
      [actor.organizationId],
    );
    expect(Object.values(rows[0])).toEqual(values);
    const contacts = csv([
      ['Customer name', 'Email', 'First name', 'Last name', 'Reference'],
      [
        e(TEXT_LIMITS.name),
        `${x(64, 'a')}@${x(63, 'b')}.${x(63, 'c')}.${x(58, 'd')}.fr`,
        e(100),
        e(100),
        e(100),
      ],
    ]);
    const k = imported(await runFile(ctx, actor, 'contacts', Buffer.from(contacts), 'max-contacts.csv'));
    expect(k.errors).toEqual([]);
    expect(k.lines).toMatchObject({ created: 1 });
  });

  it('a name at the limit whose matching key grows 18-fold (U+FDFA ligatures) is stored and found again', async () => {
    const actor = await buildOrganization(ctx);
    const ligatures = ['\ufdfa', '\ufdfb', '\u3316', '\u3307', '\u3315', '\u3317', '\u3319', '\u331a'];
    const name = Array.from({ length: TEXT_LIMITS.name }, (_, i) => ligatures[(i * 7 + (i >> 3)) % 8]).join(
      '',
    );
    const file = Buffer.from(
      csv([
        ['Name', 'City'],
        [name, 'Paris'],
      ]),
    );
    const first = imported(await runFile(ctx, actor, 'customers', file, 'ligatures.csv'));
    expect(first.errors).toEqual([]);
    expect(first.lines).toMatchObject({ created: 1 });
    const again = imported(await runFile(ctx, actor, 'customers', file, 'ligatures.csv'));
    expect(again.lines).toMatchObject({ unchanged: 1, created: 0 });
  });

  it('amounts at the limit the database keeps import, both ways', async () => {
    const actor = await buildOrganization(ctx);
    const file = csv([
      ['Invoice number', 'Customer name', 'Issue date', 'Due date', 'Amount'],
      ['F-MAX', 'Acme', '2025-01-31', '2025-03-02', '99 999 999 999 999,99'],
      ['F-MIN', 'Acme', '2025-01-31', '2025-03-02', '-99999999999999.99'],
    ]);
    const s = imported(await runFile(ctx, actor, 'invoices', Buffer.from(file), 'amounts.csv'));
    expect(s.errors).toEqual([]);
    expect((await invoicesOf(ctx, actor.organizationId)).map((i) => [i.number, i.amount])).toEqual([
      ['F-MAX', '99999999999999.99'],
      ['F-MIN', '-99999999999999.99'],
    ]);
  });
});
