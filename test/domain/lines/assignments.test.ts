import { describe, expect, it } from 'vitest';
import { validateAssignmentLine } from '../../../src/domain/lines/assignments.ts';

describe('validateAssignmentLine', () => {
  it('normalises the customer, the account manager and the dunning plan', () => {
    expect(
      validateAssignmentLine({
        customerName: ' ÉCOLE  Sainte-Anne ',
        customerExternalId: 'E-9',
        accountManager: 'Marie.Curie@Example.COM',
        dunningPlan: ' Grands\u00a0comptes ',
      }),
    ).toEqual({
      ok: true,
      value: {
        customerName: 'ÉCOLE Sainte-Anne',
        customerNameKey: 'ecole sainte-anne',
        customerExternalId: 'E-9',
        accountManager: 'marie.curie@example.com',
        dunningPlan: 'Grands comptes',
        dunningPlanKey: 'grands comptes',
      },
    });
  });

  it('accepts the same signature as the other validators', () => {
    expect(
      validateAssignmentLine(
        { customerExternalId: 'E-9', dunningPlan: 'Standard' },
        { defaultCountry: 'FR' },
      ),
    ).toEqual({
      ok: true,
      value: { customerExternalId: 'E-9', dunningPlan: 'Standard', dunningPlanKey: 'standard' },
    });
  });

  it('leaves empty cells out', () => {
    expect(validateAssignmentLine({ customerName: 'ACME', accountManager: ' ', dunningPlan: '' })).toEqual({
      ok: true,
      value: { customerName: 'ACME', customerNameKey: 'acme' },
    });
  });

  it('reports every error of the line', () => {
    expect(validateAssignmentLine({ accountManager: 'marie@', dunningPlan: 'p'.repeat(201) })).toEqual({
      ok: false,
      errors: [
        { field: 'customerName', code: 'missing_customer', value: '' },
        { field: 'accountManager', code: 'invalid_email', value: 'marie@' },
        {
          field: 'dunningPlan',
          code: 'value_too_long',
          params: { max: 200, length: 201 },
          value: 'p'.repeat(201),
        },
      ],
    });
  });
});
