import { describe, expect, it } from 'vitest';
import {
  applyManualMapping,
  fieldForHeader,
  headerSignature,
  matchHeaders,
} from '../../src/domain/header-matching.ts';
import { IMPORT_FIELDS, IMPORT_KINDS, importKind } from '../../src/domain/import-fields.ts';
import { translate } from '../../src/domain/messages/index.ts';
import { looseKey } from '../../src/domain/text.ts';

const SEED_FR = [
  'Nom du client',
  'Identifiant Externe du client',
  'Adresse mail',
  'Contact principal',
  'Prénom',
  'Nom de famille',
  'Numéro de téléphone',
  'Référence',
  'Position',
];
const CONTACT_KEYS = [
  'customerName',
  'customerExternalId',
  'email',
  'isMain',
  'firstName',
  'lastName',
  'phone',
  'reference',
  'positions',
];

describe('the field catalogue', () => {
  it('has the kinds and field keys other layers rely on', () => {
    expect(IMPORT_KINDS).toEqual(['customers', 'contacts', 'assignments', 'invoices']);
    expect(importKind('customers').fields.map((f) => f.key)).toEqual([
      'name',
      'externalId',
      'email',
      'phone',
      'addressLine1',
      'addressLine2',
      'postalCode',
      'city',
      'country',
      'vatNumber',
      'accountManager',
      'dunningPlan',
    ]);
    expect(importKind('contacts').fields.map((f) => f.key)).toEqual(CONTACT_KEYS);
    expect(importKind('assignments').fields.map((f) => f.key)).toEqual([
      'customerName',
      'customerExternalId',
      'accountManager',
      'dunningPlan',
    ]);
  });

  it('labels the contacts fields in French as the seed article does', () => {
    expect(importKind('contacts').fields.map((f) => f.label.fr)).toEqual(SEED_FR);
  });

  it('marks what is required', () => {
    const required = (kind: 'customers' | 'contacts' | 'assignments') =>
      importKind(kind)
        .fields.filter((f) => f.required)
        .map((f) => f.key);
    expect(required('customers')).toEqual(['name']);
    expect(required('contacts')).toEqual(['email']);
    expect(importKind('contacts').requiredOneOf).toEqual([['customerName', 'customerExternalId']]);
    expect(importKind('assignments').requiredOneOf).toEqual([['customerName', 'customerExternalId']]);
  });

  it('gives every field a description in both languages and an example', () => {
    for (const kind of IMPORT_KINDS) {
      for (const field of IMPORT_FIELDS[kind].fields) {
        expect(field.description.en, `${kind}.${field.key}`).not.toBe('');
        expect(field.description.fr, `${kind}.${field.key}`).not.toBe('');
        expect(field.example, `${kind}.${field.key}`).not.toBe('');
      }
    }
  });

  it('never lets one name match two fields of a kind', () => {
    for (const kind of IMPORT_KINDS) {
      const owner = new Map<string, string>();
      for (const field of IMPORT_FIELDS[kind].fields) {
        for (const name of [field.label.en, field.label.fr, ...field.aliases]) {
          const key = looseKey(name);
          expect(owner.get(key) ?? field.key, `${kind}: "${name}"`).toBe(field.key);
          owner.set(key, field.key);
        }
      }
    }
  });
});

describe('matchHeaders', () => {
  it('matches the seed article’s French columns', () => {
    const match = matchHeaders('contacts', SEED_FR, 'fr');
    expect(match).toEqual({ mapping: CONTACT_KEYS, ignored: [], problems: [] });
  });

  it('matches the English template columns', () => {
    const headers = importKind('contacts').fields.map((f) => f.label.en);
    expect(matchHeaders('contacts', headers, 'en').mapping).toEqual(CONTACT_KEYS);
    const customers = importKind('customers').fields.map((f) => f.label.en);
    expect(matchHeaders('customers', customers, 'en').problems).toEqual([]);
  });

  it('ignores case, accents, spaces, punctuation and the seed’s flag and asterisk marks', () => {
    const headers = [
      '🚩 NOM DU CLIENT',
      'identifiant externe du client',
      ' adresse-mail ',
      'Contact principal*',
      'PRENOM',
    ];
    expect(matchHeaders('contacts', headers, 'fr').mapping).toEqual([
      'customerName',
      'customerExternalId',
      'email',
      'isMain',
      'firstName',
    ]);
  });

  it('knows common aliases in both languages', () => {
    const cases: [string, string][] = [
      ['Company name', 'name'],
      ['Raison sociale', 'name'],
      ['Client', 'name'],
      ['E-mail', 'email'],
      ['Courriel', 'email'],
      ['Mail', 'email'],
      ['Tel', 'phone'],
      ['Téléphone', 'phone'],
      ['Code postal', 'postalCode'],
      ['CP', 'postalCode'],
      ['Ville', 'city'],
      ['Pays', 'country'],
      ['N° TVA', 'vatNumber'],
      ['Customer ID', 'externalId'],
      ['ID client', 'externalId'],
      ['Responsable de compte', 'accountManager'],
      ['Plan de relance', 'dunningPlan'],
    ];
    for (const [header, key] of cases) expect(fieldForHeader('customers', header), header).toBe(key);
    expect(fieldForHeader('contacts', 'Main contact')).toBe('isMain');
    expect(fieldForHeader('contacts', 'Principal')).toBe('isMain');
    expect(fieldForHeader('contacts', 'Rôle')).toBe('positions');
    expect(fieldForHeader('contacts', 'Fonction')).toBe('positions');
    expect(fieldForHeader('contacts', 'Nom')).toBe('lastName');
    expect(fieldForHeader('contacts', 'Customer ID')).toBe('customerExternalId');
  });

  it('does not take a SIRET for a VAT number', () => {
    expect(fieldForHeader('customers', 'SIRET')).toBeNull();
    expect(fieldForHeader('customers', 'SIREN')).toBeNull();
  });

  it('lists unmatched columns as ignored, as written in the file, and skips empty headers', () => {
    const match = matchHeaders(
      'contacts',
      ['Adresse mail', 'Notes internes', '', 'Nom du client', '  '],
      'fr',
    );
    expect(match.mapping).toEqual(['email', null, null, 'customerName', null]);
    expect(match.ignored).toEqual([{ index: 1, header: 'Notes internes' }]);
    expect(match.problems).toEqual([]);
  });

  it('reports two columns for one field, naming both headers', () => {
    const match = matchHeaders('contacts', ['Email', 'Nom du client', 'Courriel'], 'en');
    expect(match.problems).toEqual([
      { code: 'duplicate_column', params: { first: 'Email', second: 'Courriel', field: 'Email' } },
    ]);
    expect(translate('duplicate_column', 'en', match.problems[0]!.params)).toContain(
      '"Email" and "Courriel"',
    );
  });

  it('reports a header written twice', () => {
    const match = matchHeaders('contacts', ['Email', 'Nom du client', 'email'], 'fr');
    expect(match.problems).toEqual([
      { code: 'duplicate_header', params: { header: 'email', field: 'Adresse mail' } },
    ]);
  });

  it('reports a missing required column with its label in the requested language', () => {
    expect(matchHeaders('contacts', ['Nom du client', 'Prénom'], 'fr').problems).toEqual([
      { code: 'missing_required_column', params: { field: 'Adresse mail' } },
    ]);
    expect(matchHeaders('customers', ['Email'], 'en').problems).toEqual([
      { code: 'missing_required_column', params: { field: 'Customer name' } },
    ]);
  });

  it('reports a required-one-of group with no column, naming both fields', () => {
    expect(matchHeaders('contacts', ['Email', 'Prénom'], 'en').problems).toEqual([
      { code: 'missing_required_column', params: { field: 'Customer name or Customer external ID' } },
    ]);
    expect(matchHeaders('assignments', ['Plan de relance'], 'fr').problems).toEqual([
      {
        code: 'missing_required_column',
        params: { field: 'Nom du client ou Identifiant Externe du client' },
      },
    ]);
    expect(matchHeaders('contacts', ['Email', 'Customer ID'], 'en').problems).toEqual([]);
  });
});

describe('applyManualMapping', () => {
  const headers = ['Société', 'Mail du contact', 'Divers', 'Email'];

  it('replaces the automatic mapping, by header or by column index', () => {
    const match = applyManualMapping(
      'contacts',
      headers,
      [
        { column: 'Société', field: 'customerName' },
        { column: 1, field: 'email' },
        { column: 'Email', field: null },
      ],
      'en',
    );
    expect(match.mapping).toEqual(['customerName', 'email', null, null]);
    expect(match.ignored).toEqual([
      { index: 2, header: 'Divers' },
      { index: 3, header: 'Email' },
    ]);
    expect(match.problems).toEqual([]);
  });

  it('finds a header regardless of case and accents', () => {
    const match = applyManualMapping(
      'contacts',
      headers,
      [{ column: 'societe', field: 'customerName' }],
      'en',
    );
    expect(match.mapping[0]).toBe('customerName');
  });

  it('is checked like the automatic one', () => {
    const match = applyManualMapping(
      'contacts',
      headers,
      [
        { column: 0, field: 'email' },
        { column: 3, field: 'email' },
      ],
      'fr',
    );
    expect(match.problems).toEqual([
      { code: 'duplicate_column', params: { first: 'Société', second: 'Email', field: 'Adresse mail' } },
      {
        code: 'missing_required_column',
        params: { field: 'Nom du client ou Identifiant Externe du client' },
      },
    ]);
  });

  it('refuses unknown fields, unknown columns and columns designated twice', () => {
    const match = applyManualMapping(
      'contacts',
      headers,
      [
        { column: 'Email', field: 'emial' },
        { column: 'Fax', field: 'phone' },
        { column: 9, field: 'phone' },
        { column: 0, field: 'customerName' },
        { column: 'Société', field: 'customerExternalId' },
        { column: 1, field: 'email' },
      ],
      'en',
    );
    expect(match.problems).toEqual([
      { code: 'unknown_field', params: { field: 'emial' } },
      { code: 'unknown_column', params: { column: 'Fax' } },
      { code: 'unknown_column', params: { column: '9' } },
      { code: 'ambiguous_column', params: { column: 'Société' } },
    ]);
    expect(match.mapping).toEqual(['customerName', 'email', null, null]);
  });

  it('refuses a header that designates two columns', () => {
    const match = applyManualMapping(
      'contacts',
      ['Email', 'Email', 'Client'],
      [{ column: 'Email', field: 'email' }],
      'en',
    );
    expect(match.problems[0]).toEqual({ code: 'ambiguous_column', params: { column: 'Email' } });
  });

  it('does not accept a field of another kind', () => {
    const match = applyManualMapping(
      'assignments',
      ['Email', 'Client'],
      [{ column: 0, field: 'email' }],
      'en',
    );
    expect(match.problems[0]).toEqual({ code: 'unknown_field', params: { field: 'email' } });
  });
});

describe('headerSignature', () => {
  it('is stable and ignores case, accents, spacing and trailing empty headers', () => {
    const a = headerSignature(['Nom du client', 'Adresse mail']);
    expect(a).toMatch(/^h1-2-[0-9a-f]{16}$/);
    expect(headerSignature(['  NOM du  client', 'adresse MAIL', '', ''])).toBe(a);
    expect(headerSignature(['Nom du client', 'Adresse mail'])).toBe(a);
  });

  it('changes with the headers and their order', () => {
    const a = headerSignature(['Nom du client', 'Adresse mail']);
    expect(headerSignature(['Adresse mail', 'Nom du client'])).not.toBe(a);
    expect(headerSignature(['Nom du client', 'Adresse mail', 'Prénom'])).not.toBe(a);
    expect(headerSignature(['Nom du client', 'Adresse-mail'])).not.toBe(a);
  });
});
