import { type Lang, MESSAGES, translate } from '../messages/index.ts';
import type { LineError } from './types.ts';

// How each field key is named to a person when the file's own column name is not at hand.
const FIELD_LABELS: Record<string, Record<Lang, string>> = {
  name: { en: 'Customer name', fr: 'Nom du client' },
  customerName: { en: 'Customer name', fr: 'Nom du client' },
  externalId: { en: 'External ID', fr: 'Identifiant externe' },
  customerExternalId: { en: 'Customer external ID', fr: 'Identifiant externe du client' },
  email: { en: 'Email', fr: 'Adresse e-mail' },
  phone: { en: 'Phone', fr: 'Téléphone' },
  addressLine1: { en: 'Address line 1', fr: 'Adresse ligne 1' },
  addressLine2: { en: 'Address line 2', fr: 'Adresse ligne 2' },
  postalCode: { en: 'Postal code', fr: 'Code postal' },
  city: { en: 'City', fr: 'Ville' },
  country: { en: 'Country', fr: 'Pays' },
  vatNumber: { en: 'VAT number', fr: 'Numéro de TVA' },
  accountManager: { en: 'Account manager', fr: 'Responsable de compte' },
  dunningPlan: { en: 'Dunning plan', fr: 'Plan de relance' },
  isMain: { en: 'Main contact', fr: 'Contact principal' },
  firstName: { en: 'First name', fr: 'Prénom' },
  lastName: { en: 'Last name', fr: 'Nom de famille' },
  reference: { en: 'Reference', fr: 'Référence' },
  positions: { en: 'Positions', fr: 'Positions' },
};

/** The name of a line field in a language; an unknown key reads as itself. */
export function fieldLabel(field: string, lang: Lang): string {
  return FIELD_LABELS[field]?.[lang] ?? field;
}

/**
 * The message of a line error in the member's language. `column` is the column as named in the file, used
 * for the {field} parameter when given. A code with a `_suggestion` variant uses it when the error carries a
 * suggestion, so "(did you mean ...?)" only appears with something to suggest.
 */
export function lineErrorMessage(
  error: Pick<LineError, 'code' | 'field' | 'params'>,
  lang: Lang,
  column?: string,
): string {
  const params = { ...error.params };
  if ('field' in params) params.field = column ?? fieldLabel(String(params.field), lang);
  const variant = `${error.code}_suggestion`;
  const code =
    params.suggestion !== undefined && params.suggestion !== '' && MESSAGES[variant] ? variant : error.code;
  return translate(code, lang, params);
}
