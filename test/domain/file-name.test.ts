import { describe, expect, it } from 'vitest';
import { MAX_FILE_NAME, safeFileName } from '../../src/domain/file-name.ts';

describe('uploaded file names', () => {
  it('keep the last path segment of any operating system', () => {
    expect(safeFileName('C:\\Users\\compta\\Clients.csv')).toBe('Clients.csv');
    expect(safeFileName('/home/x/export/contacts.xlsx')).toBe('contacts.xlsx');
  });

  it('lose control and format characters: a NUL, line breaks, a right-to-left override', () => {
    expect(safeFileName('clients\u0000.csv')).toBe('clients.csv');
    expect(safeFileName('clients\r\n2026.csv')).toBe('clients2026.csv');
    expect(safeFileName('facture\u202Ecsv.exe')).toBe('facturecsv.exe');
    expect(safeFileName('\u200B\u0007')).toBe('upload');
  });

  it('are cut to 255 characters keeping their extension, and keep accents', () => {
    const long = `${'é'.repeat(400)}.xlsx`;
    const kept = safeFileName(long);
    expect([...kept]).toHaveLength(MAX_FILE_NAME);
    expect(kept.endsWith('é.xlsx')).toBe(true);
    expect(safeFileName('Société Générale.csv')).toBe('Société Générale.csv');
  });
});
