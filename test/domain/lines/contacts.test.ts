import { describe, expect, it } from 'vitest';
import { validateContactLine } from '../../../src/domain/lines/contacts.ts';

const FR = { defaultCountry: 'FR' };

describe('validateContactLine', () => {
  it('normalises every cell of a complete line', () => {
    const result = validateContactLine(
      {
        customerName: ' Café  de la Gare ',
        customerExternalId: 'C-42',
        email: ' Jean.Dupont+AR@Gare.FR ',
        isMain: 'Oui',
        firstName: 'Jean',
        lastName: ' Dupont ',
        phone: '612345678',
        reference: 'REF-7',
        positions: 'Comptable; Finance, comptabilité',
      },
      FR,
    );
    expect(result).toEqual({
      ok: true,
      value: {
        customerName: 'Café de la Gare',
        customerNameKey: 'cafe de la gare',
        customerExternalId: 'C-42',
        email: 'jean.dupont+ar@gare.fr',
        isMain: true,
        firstName: 'Jean',
        lastName: 'Dupont',
        phone: '+33612345678',
        reference: 'REF-7',
        positions: ['accounting', 'finance'],
      },
    });
  });

  it('finds its customer by external ID alone, without a name key', () => {
    expect(validateContactLine({ customerExternalId: 'C-42', email: 'a@b.fr' }, FR)).toEqual({
      ok: true,
      value: { customerExternalId: 'C-42', email: 'a@b.fr' },
    });
  });

  it('finds its customer by name alone', () => {
    expect(validateContactLine({ customerName: 'ACME', email: 'a@b.fr' }, FR)).toEqual({
      ok: true,
      value: { customerName: 'ACME', customerNameKey: 'acme', email: 'a@b.fr' },
    });
  });

  it('keeps a "no" main contact flag and leaves empty cells out', () => {
    const result = validateContactLine(
      { customerName: 'ACME', email: 'a@b.fr', isMain: 'non', firstName: ' ', phone: '', positions: ' ; ' },
      FR,
    );
    expect(result).toEqual({
      ok: true,
      value: { customerName: 'ACME', customerNameKey: 'acme', email: 'a@b.fr', isMain: false },
    });
  });

  it('refuses a line that names no customer and has no email', () => {
    expect(validateContactLine({ customerName: ' ', customerExternalId: '', email: '' }, FR)).toEqual({
      ok: false,
      errors: [
        { field: 'customerName', code: 'missing_customer', value: ' ' },
        { field: 'email', code: 'missing_required', params: { field: 'email' }, value: '' },
      ],
    });
  });

  it('refuses a line without an email column at all', () => {
    expect(validateContactLine({ customerName: 'ACME' }, FR)).toEqual({
      ok: false,
      errors: [{ field: 'email', code: 'missing_required', params: { field: 'email' }, value: '' }],
    });
  });

  it('reports every error of the line, not only the first', () => {
    const result = validateContactLine(
      {
        customerName: 'ACME',
        customerExternalId: 'c'.repeat(101),
        email: 'a b@c.fr',
        isMain: 'peut-être',
        firstName: 'f'.repeat(101),
        lastName: 'l'.repeat(101),
        phone: '06 12',
        reference: 'r'.repeat(101),
        positions: 'Comptable, Patron',
      },
      FR,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.field, e.code, e.params])).toEqual([
      ['customerExternalId', 'value_too_long', { max: 100, length: 101 }],
      ['email', 'invalid_email', undefined],
      ['isMain', 'invalid_main_contact_flag', { value: 'peut-être' }],
      ['firstName', 'value_too_long', { max: 100, length: 101 }],
      ['lastName', 'value_too_long', { max: 100, length: 101 }],
      ['phone', 'invalid_phone', { country: 'FR', example: '+33 6 12 34 56 78', national: '06 12 34 56 78' }],
      ['reference', 'value_too_long', { max: 100, length: 101 }],
      ['positions', 'unknown_position', { value: 'Patron' }],
    ]);
  });
});
