/**
 * Broken CSV structure and ambiguous headers, end to end: quotes left open or misplaced, two columns for one
 * field, the same header twice. Each is a coded refusal that writes nothing, or an import of exactly the text.
 */
import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../src/services/context.ts';
import { createTestContext } from '../helpers/db.ts';
import { contactsOf, customersOf } from '../helpers/imports.ts';
import { expectRefused, imported, refused, runFile, seededOrganization } from './pipeline.ts';

const ctx: ServiceContext = await createTestContext();

const utf8 = (text: string) => Buffer.from(text, 'utf8');

/** `n` good lines, each a distinct customer. */
function goodLines(n: number): string {
  return Array.from({ length: n }, (_, i) => `Customer ${i},Paris\r\n`).join('');
}

describe('13. unterminated and misplaced quotes', () => {
  it('a quote opened on line 3 and never closed: unterminated_quote at line 3, at the preview', async () => {
    const org = await seededOrganization(ctx);
    const bytes = utf8('Name,City\r\nAcme,Paris\r\n"Beta,Nancy\r\nGamma,Lyon\r\n');
    await expectRefused(
      ctx,
      org,
      { bytes, name: 'open.csv' },
      { stage: 'preview', code: 'unterminated_quote', params: { line: 3 } },
    );
  });

  it('a quote left open after 3,000 good lines: refused when applied at once, none of the 3,000 written', async () => {
    const org = await seededOrganization(ctx);
    const bytes = utf8(`Name,City\r\n${goodLines(3000)}"Late,Nancy\r\nOmega,Lyon\r\n`);
    await expectRefused(
      ctx,
      org,
      { bytes, name: 'late.csv', opts: { applyOnly: true } },
      { stage: 'apply', code: 'unterminated_quote', params: { line: 3002 } },
    );
  });

  it('a quote opened in the header swallows the file: refused at upload at line 1', async () => {
    const org = await seededOrganization(ctx);
    await expectRefused(
      ctx,
      org,
      { bytes: utf8('"Name,City\r\nAcme,Paris\r\nBeta,Lyon\r\n'), name: 'header.csv' },
      { stage: 'upload', code: 'unterminated_quote', params: { line: 1 } },
    );
  });

  it('an open quote followed by more than the longest line allowed: still unterminated_quote at its line', async () => {
    const org = await seededOrganization(ctx);
    const bytes = utf8(`Name,City\r\nAcme,Paris\r\nBeta,"Nancy\r\n${goodLines(60_000)}`);
    expect(bytes.length).toBeGreaterThan(1024 * 1024);
    await expectRefused(
      ctx,
      org,
      { bytes, name: 'swallow.csv' },
      { stage: 'preview', code: 'unterminated_quote', params: { line: 3 } },
    );
  });

  it('a quoted value followed by text before the delimiter: malformed_quote at its line', async () => {
    const org = await seededOrganization(ctx);
    await expectRefused(
      ctx,
      org,
      { bytes: utf8('Name,City\r\nAcme,Paris\r\n"Beta" Industries,Nancy\r\n'), name: 'malformed.csv' },
      { stage: 'preview', code: 'malformed_quote', params: { line: 3 } },
    );
  });

  it('quotes inside an unquoted value, and quoted values with line breaks, import as written', async () => {
    const org = await seededOrganization(ctx);
    const bytes = utf8(
      'Name,City,Address line 1\r\nAc"me 5" Ltd,Paris,"12 rue ""Haute""\r\nBât. B"\r\n"Beta, Inc",Lyon,\r\n',
    );
    const s = imported(await runFile(ctx, org.actor, 'customers', bytes, 'quotes.csv'));
    expect(s.lines).toMatchObject({ created: 2, error: 0 });
    const stored = (await customersOf(ctx, org.actor.organizationId)).map((c) => [c.name, c.address_line1]);
    expect(stored).toEqual(
      expect.arrayContaining([
        ['Ac"me 5" Ltd', '12 rue "Haute" Bât. B'],
        ['Beta, Inc', null],
      ]),
    );
  });
});

describe('14. duplicate headers', () => {
  it('two columns that both map to the customer name: mapping_incomplete (duplicate_column), nothing written', async () => {
    const org = await seededOrganization(ctx);
    const bytes = utf8('Name,Company,City\r\nAcme,Acme SAS,Paris\r\n');
    const outcome = await expectRefused(
      ctx,
      org,
      { bytes, name: 'two-names.csv' },
      { stage: 'preview', code: 'mapping_incomplete' },
    );
    expect(outcome.details).toEqual(['duplicate_column']);
    expect(String(outcome.params.detail)).toBe(
      'The columns "Name" and "Company" both match the field "Customer name": keep only one, or change the column mapping.',
    );
  });

  it('the same file applied at once is refused the same way', async () => {
    const org = await seededOrganization(ctx);
    const outcome = await expectRefused(
      ctx,
      org,
      {
        bytes: utf8('Name,Company,City\r\nAcme,Acme SAS,Paris\r\n'),
        name: 'two-names.csv',
        opts: { applyOnly: true },
      },
      { stage: 'apply', code: 'mapping_incomplete' },
    );
    expect(outcome.details).toEqual(['duplicate_column']);
  });

  it('once the person ignores one of the two columns, the file imports from the other', async () => {
    const org = await seededOrganization(ctx);
    const bytes = utf8('Name,Company,City\r\nAcme,Acme SAS,Paris\r\n');
    const mapping = [
      { column: 0, field: null },
      { column: 1, field: 'name' },
      { column: 2, field: 'city' },
    ];
    const s = imported(await runFile(ctx, org.actor, 'customers', bytes, 'two-names.csv', { mapping }));
    expect(s.lines).toMatchObject({ created: 1, error: 0 });
    const acme = (await customersOf(ctx, org.actor.organizationId)).find((c) => c.name === 'Acme SAS');
    expect(acme).toMatchObject({ city: 'Paris' });
  });

  it('two identical header labels: mapping_incomplete (duplicate_header), nothing written', async () => {
    const org = await seededOrganization(ctx);
    const bytes = utf8('Customer name,Email,Email\r\nAcme,a@acme.fr,b@acme.fr\r\n');
    const outcome = await expectRefused(
      ctx,
      org,
      { kind: 'contacts', bytes, name: 'two-emails.csv' },
      { stage: 'preview', code: 'mapping_incomplete' },
    );
    expect(outcome.details).toEqual(['duplicate_header']);
  });

  it('labels equal but for case, accents and spaces are the same header: duplicate_header', async () => {
    const org = await seededOrganization(ctx);
    const bytes = utf8('Nom du client;nom  du CLIENT ;Ville\r\nAcme;Acme;Paris\r\n');
    const outcome = await expectRefused(
      ctx,
      org,
      { bytes, name: 'same.csv' },
      { stage: 'preview', code: 'mapping_incomplete' },
    );
    expect(outcome.details).toEqual(['duplicate_header']);
  });

  it('a mapping naming a repeated header is ambiguous; by position it imports', async () => {
    const org = await seededOrganization(ctx);
    const bytes = utf8('Customer name,Email,Email\r\nAcme,a@acme.fr,b@acme.fr\r\n');
    const byName = refused(
      await runFile(ctx, org.actor, 'contacts', bytes, 'two-emails.csv', {
        mapping: [
          { column: 'Customer name', field: 'customerName' },
          { column: 'Email', field: 'email' },
        ],
      }),
    );
    expect({ stage: byName.stage, code: byName.code, details: byName.details }).toEqual({
      stage: 'mapping',
      code: 'mapping_incomplete',
      // "Email" designates no column, so the required email has none either.
      details: ['ambiguous_column', 'missing_required_column'],
    });
    await org.unchanged();
    const byPosition = imported(
      await runFile(ctx, org.actor, 'contacts', bytes, 'two-emails.csv', {
        mapping: [
          { column: 0, field: 'customerName' },
          { column: 1, field: null },
          { column: 2, field: 'email' },
        ],
      }),
    );
    expect(byPosition.lines).toMatchObject({ created: 1, error: 0 });
    const contacts = (await contactsOf(ctx, org.actor.organizationId)).filter((c) => c.customer === 'Acme');
    expect(contacts.map((c) => c.email)).toEqual(['b@acme.fr']);
  });

  it('the same label on two ignored columns is no problem: both are listed as ignored', async () => {
    const org = await seededOrganization(ctx);
    const bytes = utf8('Name,Notes,City,Notes\r\nAcme,first,Paris,second\r\n');
    const s = imported(await runFile(ctx, org.actor, 'customers', bytes, 'notes.csv'));
    expect(s.lines).toMatchObject({ created: 1, error: 0 });
    expect(s.ignoredColumns).toEqual(['Notes', 'Notes']);
  });
});
