import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSpreadsheet } from '../../src/files/reader.ts';
import { cliOn } from '../helpers/cli.ts';
import { createTestContext } from '../helpers/db.ts';

const ctx = await createTestContext();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clientele-cli-'));

const run = cliOn(ctx);

describe('command line', () => {
  it('creates an organization, a member and a dunning plan, then exports empty customers as CSV and XLSX', async () => {
    const org = await run(
      'org',
      'create',
      'acme',
      '--name',
      'ACME SA',
      '--admin-email',
      'Boss@Acme.fr',
      '--language',
      'fr',
      '--json',
    );
    expect(org.code).toBe(0);
    expect(JSON.parse(org.out)).toMatchObject({ slug: 'acme', name: 'ACME SA', adminEmail: 'boss@acme.fr' });

    const member = await run('member', 'add', 'acme', 'bob@acme.fr', '--name', 'Bob', '--role', 'member');
    expect(member).toMatchObject({ code: 0, out: 'Added bob@acme.fr to acme as member.\n' });

    const plan = await run(
      'dunning-plan',
      'add',
      'acme',
      'Relance standard',
      '--step',
      '-5:main',
      '--step',
      '10:accounting,finance',
      '--json',
    );
    expect(plan.code).toBe(0);
    expect(JSON.parse(plan.out).steps).toEqual([
      { step: 1, daysFromDue: -5, positions: [], includeMainContact: true },
      { step: 2, daysFromDue: 10, positions: ['accounting', 'finance'], includeMainContact: false },
    ]);

    const csvFile = path.join(dir, 'clients.csv');
    expect((await run('export', 'acme', 'customers', '-o', csvFile)).code).toBe(0);
    const csv = fs.readFileSync(csvFile, 'utf8');
    // UTF-8 BOM, French headers (the organization's language), `;` as French Excel expects, no data line.
    expect(csv).toBe(
      '\ufeffNom du client;Identifiant externe;Adresse mail;Numéro de téléphone;Adresse ligne 1;Adresse ligne 2;Code postal;Ville;Pays;Numéro de TVA;Responsable de compte;Plan de relance\r\n',
    );

    const xlsxFile = path.join(dir, 'customers.xlsx');
    expect(
      (await run('export', 'acme', 'customers', '--format', 'xlsx', '--lang', 'en', '-o', xlsxFile)).code,
    ).toBe(0);
    const table = await openSpreadsheet(fs.readFileSync(xlsxFile), 'customers.xlsx').catch((e) => e);
    // A header and no data rows: the reader refuses it as a file without data, which shows it is exactly that.
    expect(table.code).toBe('no_data_rows');
  });

  it('fails with one clear line and a non-zero exit code', async () => {
    const missing = await run('member', 'add', 'nope', 'x@y.fr');
    expect(missing.code).toBe(1);
    expect(missing.err).toBe('clientele: No organization "nope". [organization_not_found]\n');
    const taken = await run('org', 'create', 'acme', '--name', 'Again', '--admin-email', 'a@b.fr');
    expect(taken.code).toBe(1);
    expect(taken.err.trim().split('\n')).toHaveLength(1);
    const badExport = await run('export', 'acme', 'invoices');
    expect(badExport).toMatchObject({
      code: 1,
      err: 'clientele: Export customers or contacts, not "invoices"\n',
    });
  });

  it('has --help for every command', async () => {
    for (const cmd of [
      ['start'],
      ['org', 'create'],
      ['member', 'add'],
      ['dunning-plan', 'add'],
      ['export'],
      ['import'],
      ['revert'],
      ['template'],
    ]) {
      const r = await run(...cmd, '--help');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^Usage: clientele /);
    }
  });

  it('imports a file and prints the JSON contract, then reverts it', async () => {
    const file = path.join(dir, 'contacts.csv');
    fs.writeFileSync(file, 'Customer name;Email;Main contact\nAcme Corp;a@acme.fr;1\nAcme Corp;bad;\n');
    const r = await run(
      'import',
      'acme',
      'contacts',
      file,
      '--json',
      '--error-file',
      path.join(dir, 'errors.csv'),
    );
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.out);
    expect(Object.keys(summary)).toEqual([
      'id',
      'status',
      'kind',
      'dryRun',
      'lines',
      'records',
      'ignoredColumns',
      'errors',
      'warnings',
    ]);
    expect(summary).toMatchObject({
      status: 'error',
      kind: 'contacts',
      dryRun: false,
      lines: { created: 1, updated: 0, unchanged: 0, error: 1, blank: 0 },
      records: { customers: { created: 1, updated: 0 }, contacts: { created: 1, updated: 0 } },
      errors: [{ line: 3, column: 'Email', value: 'bad', code: 'invalid_email' }],
    });
    expect(fs.readFileSync(path.join(dir, 'errors.csv'), 'utf8')).toMatch(
      /^\ufeffCustomer name;Email;Main contact;Erreur\r\nAcme Corp;bad;;/,
    );
    const reverted = await run('revert', 'acme', summary.id, '--json');
    expect(JSON.parse(reverted.out)).toMatchObject({ status: 'reverted', deleted: 2, conflicts: [] });
  });

  it('refuses an unreadable file with a non-zero exit code', async () => {
    const file = path.join(dir, 'report.csv');
    fs.writeFileSync(file, Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n', 'latin1'));
    const r = await run('import', 'acme', 'customers', file, '--json');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^clientele: .*\[not_a_spreadsheet\]\n$/);
  });
});
