import { describe, expect, it } from 'vitest';
import {
  normalisePostalCode,
  normaliseText,
  normaliseVatNumber,
  TEXT_LIMITS,
} from '../../../src/domain/values/text-field.ts';

describe('normaliseText', () => {
  it.each([
    ['  Société   Générale ', 'Société Générale'],
    ['ACME\u00a0SAS', 'ACME SAS'],
    ['Dupont\u200b', 'Dupont'],
    ['line\r\nbreak', 'line break'],
    ['', ''],
  ])('cleans %j into %j', (input, expected) => {
    expect(normaliseText(input, 200)).toEqual({ ok: true, value: expected });
  });

  it('accepts a value of exactly the limit, counting characters and not UTF-16 units', () => {
    expect(normaliseText('é'.repeat(100), 100)).toEqual({ ok: true, value: 'é'.repeat(100) });
    expect(normaliseText('😀'.repeat(100), 100)).toEqual({ ok: true, value: '😀'.repeat(100) });
  });

  it('refuses a value over the limit with value_too_long naming the limit', () => {
    expect(normaliseText('x'.repeat(101), TEXT_LIMITS.externalId)).toEqual({
      ok: false,
      error: { code: 'value_too_long', params: { max: 100, length: 101 } },
    });
  });

  it('measures the cleaned value, not the padding around it', () => {
    expect(normaliseText(`   ${'x'.repeat(20)}   `, TEXT_LIMITS.postalCode)).toEqual({
      ok: true,
      value: 'x'.repeat(20),
    });
  });

  it('has the limits of the brief', () => {
    expect(TEXT_LIMITS).toMatchObject({
      name: 200,
      externalId: 100,
      reference: 100,
      firstName: 100,
      lastName: 100,
      addressLine1: 200,
      addressLine2: 200,
      postalCode: 20,
      city: 100,
      vatNumber: 40,
    });
  });
});

describe('normaliseVatNumber', () => {
  it.each([
    ['FR 12 345 678 901', 'FR12345678901'],
    ['fr12345678901', 'FR12345678901'],
    ['BE-0123.456.789', 'BE0123456789'],
  ])('reads %j as %j', (input, expected) => {
    expect(normaliseVatNumber(input)).toEqual({ ok: true, value: expected });
  });

  it('refuses a VAT number over 40 characters', () => {
    expect(normaliseVatNumber('X'.repeat(41))).toMatchObject({
      ok: false,
      error: { code: 'value_too_long' },
    });
  });
});

describe('normalisePostalCode', () => {
  it.each<[string, string | undefined, string]>([
    ['75008', 'FR', '75008'],
    ['1000', 'FR', '01000'],
    ['1000', 'BE', '1000'],
    ['1000', undefined, '1000'],
    ['SW1A 1AA', 'GB', 'SW1A 1AA'],
    [' 06000 ', 'FR', '06000'],
  ])('reads %j in %s as %j', (input, country, expected) => {
    expect(normalisePostalCode(input, country)).toEqual({ ok: true, value: expected });
  });
});
