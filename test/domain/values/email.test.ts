import { describe, expect, it } from 'vitest';
import { normaliseEmail } from '../../../src/domain/values/email.ts';

describe('normaliseEmail', () => {
  it.each([
    ['jean.dupont@example.fr', 'jean.dupont@example.fr'],
    ['  Jean.Dupont@Example.FR  ', 'jean.dupont@example.fr'],
    ['compta+relances@acme.co.uk', 'compta+relances@acme.co.uk'],
    ['ar@finance.eu.acme.com', 'ar@finance.eu.acme.com'],
    ['\u00a0facturation@société.fr\u200b', 'facturation@société.fr'],
    ["o'brien@example.ie", "o'brien@example.ie"],
    ['x_y-z@sub-domain.example.org', 'x_y-z@sub-domain.example.org'],
    ['ap@example.xn--p1ai', 'ap@example.xn--p1ai'],
    // An accent typed as a letter and a combining mark is the same address as the accented letter.
    ['Jose\u0301.Dupont@Socie\u0301te\u0301.fr', 'jos\u00e9.dupont@soci\u00e9t\u00e9.fr'],
  ])('accepts %j as %j', (input, expected) => {
    expect(normaliseEmail(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    'a@b',
    'a@@b.fr',
    'a b@c.fr',
    'a@b.fr.',
    '@example.fr',
    'jean@',
    'jean.example.fr',
    'jean@example.f',
    'jean@example.123',
    'jean@-example.fr',
    'jean@example-.fr',
    'jean@exa mple.fr',
    '.jean@example.fr',
    'jean.@example.fr',
    'jean..dupont@example.fr',
    'jean@example..fr',
    'jean@example.fr, paul@example.fr',
    'Jean Dupont <jean@example.fr>',
    `${'a'.repeat(65)}@example.fr`,
    `a@${'b'.repeat(250)}.fr`,
    '',
  ])('refuses %j with invalid_email', (input) => {
    expect(normaliseEmail(input)).toEqual({ ok: false, error: { code: 'invalid_email' } });
  });

  it('accepts an address of exactly 254 characters', () => {
    const email = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(58)}.fr`;
    expect(email).toHaveLength(254);
    expect(normaliseEmail(email)).toEqual({ ok: true, value: email });
  });
});
