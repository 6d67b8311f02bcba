/**
 * Files that are not spreadsheets under spreadsheet names, end to end: each is refused at upload with a code whose
 * message says what to do, the import is kept in the history as failed, and nothing is written.
 */
import { describe, expect, it } from 'vitest';
import { translate } from '../../src/domain/messages/index.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import { createTestContext } from '../helpers/db.ts';
import { compoundFile, pdfBytes, pngBytes } from './fixtures.ts';
import { expectRefused, seededOrganization } from './pipeline.ts';

const ctx: ServiceContext = await createTestContext();

describe('4. a PDF under a spreadsheet name', () => {
  for (const name of ['invoices.csv', 'invoices.xlsx', 'invoices.txt']) {
    it(`${name}: refused as not_a_spreadsheet (PDF)`, async () => {
      const org = await seededOrganization(ctx);
      await expectRefused(
        ctx,
        org,
        { bytes: pdfBytes(), name },
        { stage: 'upload', code: 'not_a_spreadsheet', params: { detected: 'PDF' } },
      );
    });
  }

  it('the message names the format found and what to import instead', () => {
    expect(translate('not_a_spreadsheet', 'en', { detected: 'PDF' })).toBe(
      'This file is not a spreadsheet (PDF): import a CSV file or an Excel file (.xlsx).',
    );
    expect(translate('not_a_spreadsheet', 'fr', { detected: 'PDF' })).toContain('n’est pas un tableur (PDF)');
  });
});

describe('5. a PNG under a spreadsheet name', () => {
  for (const name of ['logo.csv', 'logo.xlsx']) {
    it(`${name}: refused as not_a_spreadsheet (PNG)`, async () => {
      const org = await seededOrganization(ctx);
      await expectRefused(
        ctx,
        org,
        { bytes: pngBytes(), name },
        { stage: 'upload', code: 'not_a_spreadsheet', params: { detected: 'PNG' } },
      );
    });
  }
});

describe('6. a legacy Excel file (OLE2 compound file)', () => {
  const xls = compoundFile(['Workbook', '\u0005SummaryInformation']);

  for (const name of ['clients.xls', 'clients.csv', 'clients.xlsx', 'clients']) {
    it(`${name}: refused as legacy_xls, telling to save as .xlsx or CSV`, async () => {
      const org = await seededOrganization(ctx);
      await expectRefused(
        ctx,
        org,
        { bytes: xls, name },
        { stage: 'upload', code: 'legacy_xls', params: {} },
      );
    });
  }

  it('an Excel 5 workbook (its stream is named "Book") is a legacy file too', async () => {
    const org = await seededOrganization(ctx);
    await expectRefused(
      ctx,
      org,
      { bytes: compoundFile(['Book']), name: 'old.xlsx' },
      { stage: 'upload', code: 'legacy_xls' },
    );
  });

  it('a password-protected .xlsx (also a compound file) is told apart: xlsx_encrypted', async () => {
    const org = await seededOrganization(ctx);
    const encrypted = compoundFile(['EncryptionInfo', 'EncryptedPackage']);
    for (const name of ['locked.xlsx', 'locked.csv']) {
      await expectRefused(ctx, org, { bytes: encrypted, name }, { stage: 'upload', code: 'xlsx_encrypted' });
    }
  });

  it('the message says to save the file as .xlsx or CSV, in English and French', () => {
    expect(translate('legacy_xls', 'en')).toContain('save it as .xlsx or CSV');
    expect(translate('legacy_xls', 'fr')).toContain('enregistrez-le au format .xlsx ou CSV');
  });
});
