import { describe, expect, it } from 'vitest';
import { validateCustomerLine } from '../../../src/domain/lines/customers.ts';

const FR = { defaultCountry: 'FR' };

describe('validateCustomerLine', () => {
  it('normalises every cell of a complete line', () => {
    const result = validateCustomerLine(
      {
        name: '  Société   Générale ',
        externalId: ' C-001 ',
        email: 'Compta@SocGen.FR',
        phone: '01 42 14 20 00',
        addressLine1: '29 boulevard Haussmann',
        addressLine2: 'Bâtiment A',
        postalCode: '75009',
        city: 'Paris',
        country: 'France',
        vatNumber: 'fr 12 552 120 222',
        accountManager: ' Marie.Curie@Example.com ',
        dunningPlan: 'Relance\u00a0 standard',
      },
      FR,
    );
    expect(result).toEqual({
      ok: true,
      value: {
        name: 'Société Générale',
        customerNameKey: 'societe generale',
        externalId: 'C-001',
        email: 'compta@socgen.fr',
        phone: '+33142142000',
        addressLine1: '29 boulevard Haussmann',
        addressLine2: 'Bâtiment A',
        postalCode: '75009',
        city: 'Paris',
        country: 'FR',
        vatNumber: 'FR12552120222',
        accountManager: 'marie.curie@example.com',
        dunningPlan: 'Relance standard',
        dunningPlanKey: 'relance standard',
      },
    });
  });

  it('leaves empty and absent cells out, so they never erase stored data', () => {
    expect(validateCustomerLine({ name: 'ACME', email: '   ', phone: '', city: '\u00a0' }, FR)).toEqual({
      ok: true,
      value: { name: 'ACME', customerNameKey: 'acme' },
    });
  });

  it('refuses a line without a name', () => {
    expect(validateCustomerLine({ name: '  ', externalId: 'C-1' }, FR)).toEqual({
      ok: false,
      errors: [{ field: 'name', code: 'missing_required', params: { field: 'name' }, value: '  ' }],
    });
  });

  it('reports every error of the line, in field order, with the value as read', () => {
    const result = validateCustomerLine(
      {
        name: 'x'.repeat(201),
        email: 'compta@acme',
        phone: '12',
        country: 'Narnia',
        accountManager: 'marie',
        dunningPlan: 'p'.repeat(201),
      },
      FR,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.field, e.code, e.value])).toEqual([
      ['name', 'value_too_long', 'x'.repeat(201)],
      ['email', 'invalid_email', 'compta@acme'],
      ['phone', 'invalid_phone', '12'],
      ['country', 'unknown_country', 'Narnia'],
      ['accountManager', 'invalid_email', 'marie'],
      ['dunningPlan', 'value_too_long', 'p'.repeat(201)],
    ]);
    expect(result.errors[0]?.params).toEqual({ max: 200, length: 201 });
  });

  it('reads phones with the default country of the organization', () => {
    const result = validateCustomerLine({ name: 'ACME', phone: '(212) 555-0123' }, { defaultCountry: 'US' });
    expect(result).toMatchObject({ ok: true, value: { phone: '+12125550123' } });
  });

  it('gives a French postal code its lost leading zero, from the country cell or the default country', () => {
    expect(validateCustomerLine({ name: 'A', postalCode: '1000' }, FR)).toMatchObject({
      ok: true,
      value: { postalCode: '01000' },
    });
    expect(validateCustomerLine({ name: 'A', postalCode: '1000', country: 'Belgique' }, FR)).toMatchObject({
      ok: true,
      value: { postalCode: '1000', country: 'BE' },
    });
    expect(
      validateCustomerLine({ name: 'A', postalCode: '1000', country: 'FRA' }, { defaultCountry: 'BE' }),
    ).toMatchObject({
      ok: true,
      value: { postalCode: '01000' },
    });
  });
});
