import { describe, expect, it } from 'vitest';
import { fieldLabel, lineErrorMessage } from '../../../src/domain/lines/messages.ts';
import { MESSAGES, translate } from '../../../src/domain/messages/index.ts';
import { lineMessages } from '../../../src/domain/messages/line.ts';

const REQUIRED_CODES = [
  'missing_required',
  'invalid_email',
  'invalid_phone',
  'unknown_position',
  'invalid_main_contact_flag',
  'unknown_country',
  'value_too_long',
  'duplicate_main_contact',
  'external_id_conflict',
  'account_manager_not_found',
  'dunning_plan_not_found',
  'customer_not_found',
  'contact_not_found',
  'customer_name_required_to_create',
];

describe('line messages', () => {
  it.each(REQUIRED_CODES)('has %s in English and French, in the shared catalogue', (code) => {
    const def = MESSAGES[code];
    expect(def?.en).toBeTruthy();
    expect(def?.fr).toBeTruthy();
    expect(def?.fr).not.toBe(def?.en);
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const def of Object.values(lineMessages)) expect(placeholders(def.fr)).toEqual(placeholders(def.en));
  });

  it('says the reference products’ "not found" messages word for word in English', () => {
    expect(translate('account_manager_not_found', 'en')).toBe('Account manager not found, check the email');
    expect(translate('account_manager_not_found', 'fr')).toMatch(/^Responsable de compte introuvable/);
    expect(translate('dunning_plan_not_found', 'en')).toBe('Dunning plan not found, check spelling');
  });

  it('names the other line and email of a duplicate main contact', () => {
    expect(translate('duplicate_main_contact', 'en', { line: 7, email: 'a@b.fr' })).toBe(
      'Line 7 already makes a@b.fr the main contact of this customer; keep one main contact per customer',
    );
    expect(translate('external_id_conflict', 'en', { existing: 'C-1' })).toBe(
      'This customer name belongs to a customer with external ID C-1; fix the external ID or the name',
    );
  });
});

describe('lineErrorMessage', () => {
  it('adds "did you mean" only when there is a suggestion', () => {
    const error = { field: 'dunningPlan', code: 'dunning_plan_not_found' };
    expect(lineErrorMessage(error, 'en')).toBe('Dunning plan not found, check spelling');
    expect(lineErrorMessage({ ...error, params: { suggestion: '' } }, 'en')).toBe(
      'Dunning plan not found, check spelling',
    );
    expect(lineErrorMessage({ ...error, params: { suggestion: 'Standard' } }, 'en')).toBe(
      'Dunning plan not found, check spelling (did you mean "Standard"?)',
    );
    expect(lineErrorMessage({ ...error, params: { suggestion: 'Standard' } }, 'fr')).toBe(
      'Plan de relance introuvable, vérifiez l’orthographe (vouliez-vous dire « Standard » ?)',
    );
  });

  it('names the field by the file’s column when known, else by its label in the language', () => {
    const error = { field: 'email', code: 'missing_required', params: { field: 'email' } };
    expect(lineErrorMessage(error, 'en', 'Adresse mail')).toBe('Adresse mail is required: fill in this cell');
    expect(lineErrorMessage(error, 'fr')).toBe('Adresse mail est obligatoire : remplissez cette cellule');
    expect(lineErrorMessage(error, 'en')).toBe('Email is required: fill in this cell');
  });

  it('fills in the parameters of the value errors', () => {
    expect(
      lineErrorMessage({ field: 'city', code: 'value_too_long', params: { max: 100, length: 120 } }, 'fr'),
    ).toBe('Trop long (120 caractères) : raccourcissez-le à 100 caractères au plus');
    expect(
      lineErrorMessage({ field: 'positions', code: 'unknown_position', params: { value: 'Chef' } }, 'en'),
    ).toBe('Unknown position "Chef": write Accounting, Sales, Buyer or Finance, several separated by commas');
    expect(
      lineErrorMessage({ field: 'positions', code: 'unknown_position', params: { value: 'Chef' } }, 'fr'),
    ).toBe(
      'Position inconnue « Chef » : écrivez Comptable, Commercial, Acheteur ou Finance, plusieurs séparées par des virgules',
    );
  });

  it('labels every field key in both languages', () => {
    expect(fieldLabel('vatNumber', 'fr')).toBe('Numéro de TVA');
    expect(fieldLabel('isMain', 'en')).toBe('Main contact');
    expect(fieldLabel('unknownKey', 'en')).toBe('unknownKey');
  });
});
