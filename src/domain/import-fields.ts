/**
 * The field catalogue of the import kinds: keys, labels (the templates' headers), the aliases header
 * matching accepts, and what the templates' explanation sheet says about each column.
 */
import type { Lang } from './messages/types.ts';

export type ImportKind = 'customers' | 'contacts' | 'assignments' | 'invoices';

/** Every import kind, in the order the app offers them. */
export const IMPORT_KINDS: readonly ImportKind[] = ['customers', 'contacts', 'assignments', 'invoices'];

export const CUSTOMER_FIELD_KEYS = [
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
] as const;

export const CONTACT_FIELD_KEYS = [
  'customerName',
  'customerExternalId',
  'email',
  'isMain',
  'firstName',
  'lastName',
  'phone',
  'reference',
  'positions',
] as const;

export const ASSIGNMENT_FIELD_KEYS = [
  'customerName',
  'customerExternalId',
  'accountManager',
  'dunningPlan',
] as const;

export const INVOICE_FIELD_KEYS = [
  'number',
  'customerName',
  'customerExternalId',
  'contactEmail',
  'issueDate',
  'dueDate',
  'amount',
  'currency',
  'status',
] as const;

export interface FieldKeysByKind {
  customers: (typeof CUSTOMER_FIELD_KEYS)[number];
  contacts: (typeof CONTACT_FIELD_KEYS)[number];
  assignments: (typeof ASSIGNMENT_FIELD_KEYS)[number];
  invoices: (typeof INVOICE_FIELD_KEYS)[number];
}

/** A field key of one kind (`FieldKey<'contacts'>` is `'customerName' | ... | 'positions'`). */
export type FieldKey<K extends ImportKind = ImportKind> = FieldKeysByKind[K];

export interface ImportField<K extends ImportKind = ImportKind> {
  key: FieldKey<K>;
  label: Record<Lang, string>;
  /** Other names people give this column, in either language; matched like the labels. */
  aliases: readonly string[];
  description: Record<Lang, string>;
  example: string;
  /** The column must be in the file (a required-one-of group is described by `requiredOneOf`). */
  required: boolean;
}

export interface ImportKindDef<K extends ImportKind = ImportKind> {
  kind: K;
  /** In template order. */
  fields: readonly ImportField<K>[];
  /** Groups of which at least one column must be in the file. */
  requiredOneOf: readonly (readonly FieldKey<K>[])[];
}

type Def = Omit<ImportField, 'key' | 'required'>;

function def(
  en: string,
  fr: string,
  aliases: string[],
  descEn: string,
  descFr: string,
  example: string,
): Def {
  return { label: { en, fr }, aliases, description: { en: descEn, fr: descFr }, example };
}

// Shared by several kinds. "SIRET"/"SIREN" are deliberately not VAT aliases: they identify a French
// establishment, not its VAT registration, and mapping them would put the wrong number in the VAT field.
const EMAIL_ALIASES = ['E-mail', 'Mail', 'Courriel', 'Adresse e-mail', 'Email address', 'Adresse email'];
const PHONE_ALIASES = ['Phone', 'Tel', 'Tél', 'Téléphone', 'Telephone', 'Phone number', 'Mobile', 'Portable'];
const COMPANY_ALIASES = [
  'Customer',
  'Client',
  'Company',
  'Company name',
  'Raison sociale',
  'Société',
  'Entreprise',
];
const CUSTOMER_ID_ALIASES = [
  'Customer ID',
  'ID client',
  'Client ID',
  'Code client',
  'Customer code',
  'Customer number',
  'Numéro client',
  'N° client',
];

const SHARED = {
  accountManager: def(
    'Account manager',
    'Responsable de compte',
    ['Gestionnaire de compte', 'Gestionnaire', 'Account owner', 'Owner', 'Chargé de compte'],
    'Email of the member of your organization who follows this customer.',
    'Adresse e-mail du membre de votre organisation qui suit ce client.',
    'jeanne.martin@example.com',
  ),
  dunningPlan: def(
    'Dunning plan',
    'Plan de relance',
    ['Dunning', 'Reminder plan', 'Scénario de relance', 'Relance', 'Plan de relances'],
    'Name of one of your dunning plans, spelled as in Clientele.',
    'Nom d’un de vos plans de relance, orthographié comme dans Clientele.',
    'Standard',
  ),
  customerName: def(
    'Customer name',
    'Nom du client',
    COMPANY_ALIASES,
    'The customer as named in Clientele and in your source system.',
    'Comme affiché dans Clientele et votre source.',
    'Acme SAS',
  ),
  customerExternalId: def(
    'Customer external ID',
    'Identifiant Externe du client',
    [...CUSTOMER_ID_ALIASES, 'External ID', 'Identifiant externe'],
    'The customer’s ID in your source system (ERP, CRM).',
    'L’identifiant de votre client sur votre source.',
    'C-00042',
  ),
} as const;

const CUSTOMERS: Record<FieldKey<'customers'>, Def> = {
  name: {
    ...SHARED.customerName,
    aliases: [...COMPANY_ALIASES, 'Name', 'Nom', 'Customer name', 'Nom client'],
  },
  externalId: def(
    'External ID',
    'Identifiant externe',
    [...CUSTOMER_ID_ALIASES, 'Customer external ID', 'Identifiant Externe du client', 'Référence client'],
    'The customer’s ID in your source system (ERP, CRM); optional, unique.',
    'L’identifiant du client dans votre système source (ERP, CRM) ; facultatif, unique.',
    'C-00042',
  ),
  email: def(
    'Email',
    'Adresse mail',
    EMAIL_ALIASES,
    'The customer’s general email address.',
    'Adresse e-mail générale du client.',
    'compta@acme.example',
  ),
  phone: def(
    'Phone number',
    'Numéro de téléphone',
    PHONE_ALIASES,
    'With its country code, or a number of your organization’s country.',
    'Avec son indicatif, ou un numéro du pays de votre organisation.',
    '+33 1 23 45 67 89',
  ),
  addressLine1: def(
    'Address line 1',
    'Adresse ligne 1',
    ['Address', 'Adresse', 'Street', 'Rue', 'Adresse 1', 'Address 1'],
    'Street and number.',
    'Numéro et rue.',
    '12 rue de la Paix',
  ),
  addressLine2: def(
    'Address line 2',
    'Adresse ligne 2',
    ['Adresse 2', 'Address 2', 'Complément d’adresse', 'Complément adresse'],
    'Building, floor, PO box.',
    'Bâtiment, étage, boîte postale.',
    'Bâtiment B',
  ),
  postalCode: def(
    'Postal code',
    'Code postal',
    ['CP', 'Zip', 'Zip code', 'Postcode', 'Post code'],
    'As written in the country of the address.',
    'Tel qu’écrit dans le pays de l’adresse.',
    '75002',
  ),
  city: def(
    'City',
    'Ville',
    ['Town', 'Commune', 'Localité'],
    'City of the address.',
    'Ville de l’adresse.',
    'Paris',
  ),
  country: def(
    'Country',
    'Pays',
    ['Country code', 'Code pays'],
    'Two-letter ISO code (FR, BE, DE...) or the country’s name.',
    'Code ISO à deux lettres (FR, BE, DE...) ou le nom du pays.',
    'FR',
  ),
  vatNumber: def(
    'VAT number',
    'Numéro de TVA',
    ['VAT', 'VAT ID', 'TVA', 'N° TVA', 'N° de TVA', 'No TVA', 'TVA intracommunautaire', 'N° TVA intracom'],
    'Intra-community VAT number.',
    'Numéro de TVA intracommunautaire.',
    'FR40303265045',
  ),
  accountManager: SHARED.accountManager,
  dunningPlan: SHARED.dunningPlan,
};

const CONTACTS: Record<FieldKey<'contacts'>, Def> = {
  customerName: SHARED.customerName,
  customerExternalId: SHARED.customerExternalId,
  email: def(
    'Email',
    'Adresse mail',
    [...EMAIL_ALIASES, 'Contact email', 'Email du contact'],
    'The contact’s email address; with the customer, it identifies the contact.',
    'Adresse e-mail du contact ; avec le client, elle identifie le contact.',
    'paul.durand@acme.example',
  ),
  isMain: def(
    'Main contact',
    'Contact principal',
    ['Main', 'Principal', 'Primary contact', 'Primary', 'Is main'],
    'Put 1 on the line of the customer’s main contact (one per customer).',
    'Ajoutez un 1 sur la ligne du contact principal du client (un seul par client).',
    '1',
  ),
  firstName: def('First name', 'Prénom', ['Firstname', 'Given name'], 'Optional.', 'Facultatif.', 'Paul'),
  lastName: def(
    'Last name',
    'Nom de famille',
    ['Lastname', 'Surname', 'Family name', 'Nom'],
    'Optional.',
    'Facultatif.',
    'Durand',
  ),
  phone: def(
    'Phone number',
    'Numéro de téléphone',
    PHONE_ALIASES,
    'With its country code, or a number of your organization’s country.',
    'Avec son indicatif, ou un numéro du pays de votre organisation.',
    '+33 6 12 34 56 78',
  ),
  reference: def(
    'Reference',
    'Référence',
    ['Contact reference', 'Référence contact', 'Contact ID', 'ID contact'],
    'The contact’s ID in your source system.',
    'Référence de votre contact sur votre système source.',
    'CT-0042',
  ),
  positions: def(
    'Position',
    'Position',
    ['Positions', 'Role', 'Roles', 'Rôle', 'Rôles', 'Fonction', 'Fonctions'],
    'Who receives reminders: Accounting, Sales, Buyer or Finance; several separated by commas.',
    'Destinataires des relances : Comptable, Commercial, Acheteur ou Finance ; plusieurs séparées par des virgules.',
    'Accounting, Finance',
  ),
};

const ASSIGNMENTS: Record<FieldKey<'assignments'>, Def> = {
  customerName: SHARED.customerName,
  customerExternalId: SHARED.customerExternalId,
  accountManager: SHARED.accountManager,
  dunningPlan: SHARED.dunningPlan,
};

const INVOICES: Record<FieldKey<'invoices'>, Def> = {
  number: def(
    'Invoice number',
    'Numéro de facture',
    [
      'Invoice',
      'Facture',
      'Invoice no',
      'Invoice #',
      'Invoice ID',
      'N° facture',
      'N° de facture',
      'No facture',
    ],
    'The invoice’s number, unique in your organization: a file with a known number updates that invoice.',
    'Le numéro de la facture, unique dans votre organisation : un fichier avec un numéro connu met à jour la facture.',
    'F-2025-0042',
  ),
  customerName: {
    ...SHARED.customerName,
    description: {
      en: 'The customer as named in Clientele; a customer not found is created with this name.',
      fr: 'Le client tel que nommé dans Clientele ; un client introuvable est créé avec ce nom.',
    },
  },
  customerExternalId: SHARED.customerExternalId,
  contactEmail: def(
    'Contact email',
    'E-mail du contact',
    [...EMAIL_ALIASES, 'Email', 'Adresse mail', 'Email du contact', 'Billing email', 'E-mail de facturation'],
    'Optional: the customer’s contact for this invoice; an email not among its contacts adds that contact.',
    'Facultatif : le contact du client pour cette facture ; une adresse absente de ses contacts ajoute ce contact.',
    'compta@acme.example',
  ),
  issueDate: def(
    'Issue date',
    'Date d’émission',
    ['Invoice date', 'Date de facture', 'Date facture', 'Date', 'Billing date', 'Date de facturation'],
    'DD/MM/YYYY (as French Excel writes it) or YYYY-MM-DD.',
    'JJ/MM/AAAA (comme l’écrit Excel en français) ou AAAA-MM-JJ.',
    '2025-01-31',
  ),
  dueDate: def(
    'Due date',
    'Date d’échéance',
    ['Échéance', 'Due', 'Payment due date', 'Date limite de paiement', 'Date d’exigibilité'],
    'DD/MM/YYYY or YYYY-MM-DD; on or after the issue date.',
    'JJ/MM/AAAA ou AAAA-MM-JJ ; le jour de la date d’émission ou après.',
    '2025-03-02',
  ),
  amount: def(
    'Amount',
    'Montant',
    ['Total', 'Amount due', 'Invoice amount', 'Montant TTC', 'Total TTC', 'Montant facture', 'Montant dû'],
    'At most two decimals, such as 1234.56 or 1 234,56; negative for a credit note.',
    'Au plus deux décimales, comme 1 234,56 ou 1234.56 ; négatif pour un avoir.',
    '1234.56',
  ),
  currency: def(
    'Currency',
    'Devise',
    ['Currency code', 'Code devise', 'Monnaie'],
    'ISO code (EUR, USD, GBP...); EUR when empty.',
    'Code ISO (EUR, USD, GBP...) ; EUR si vide.',
    'EUR',
  ),
  status: def(
    'Status',
    'Statut',
    ['State', 'État', 'Invoice status', 'Statut facture', 'Statut de la facture'],
    'open, paid or cancelled (ouverte, payée, annulée); open when empty.',
    'ouverte, payée ou annulée (open, paid, cancelled) ; ouverte si vide.',
    'open',
  ),
};

function build<K extends ImportKind>(
  kind: K,
  keys: readonly FieldKey<K>[],
  defs: Record<FieldKey<K>, Def>,
  required: readonly FieldKey<K>[],
  requiredOneOf: readonly (readonly FieldKey<K>[])[],
): ImportKindDef<K> {
  const fields = keys.map((key) => ({ key, ...defs[key], required: required.includes(key) }));
  return { kind, fields, requiredOneOf };
}

const CUSTOMER_KEYS: readonly FieldKey<'customers'>[] = CUSTOMER_FIELD_KEYS;
const CONTACT_KEYS: readonly FieldKey<'contacts'>[] = CONTACT_FIELD_KEYS;
const ASSIGNMENT_KEYS: readonly FieldKey<'assignments'>[] = ASSIGNMENT_FIELD_KEYS;
const INVOICE_KEYS: readonly FieldKey<'invoices'>[] = INVOICE_FIELD_KEYS;

/** The catalogue, one definition per kind. */
export const IMPORT_FIELDS: { [K in ImportKind]: ImportKindDef<K> } = {
  customers: build('customers', CUSTOMER_KEYS, CUSTOMERS, ['name'], []),
  contacts: build('contacts', CONTACT_KEYS, CONTACTS, ['email'], [['customerName', 'customerExternalId']]),
  assignments: build(
    'assignments',
    ASSIGNMENT_KEYS,
    ASSIGNMENTS,
    [],
    [['customerName', 'customerExternalId']],
  ),
  invoices: build(
    'invoices',
    INVOICE_KEYS,
    INVOICES,
    ['number', 'issueDate', 'dueDate', 'amount'],
    [['customerName', 'customerExternalId']],
  ),
};

/** The definition of an import kind. */
export function importKind<K extends ImportKind>(kind: K): ImportKindDef<K> {
  return IMPORT_FIELDS[kind];
}

/** One field of a kind, or undefined when the key is not one of its fields (input from a person or an API). */
export function findField<K extends ImportKind>(kind: K, key: string): ImportField<K> | undefined {
  return IMPORT_FIELDS[kind].fields.find((f) => f.key === key);
}

/** True when the value names an import kind. */
export function isImportKind(value: string): value is ImportKind {
  return (IMPORT_KINDS as readonly string[]).includes(value);
}
