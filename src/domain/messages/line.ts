import type { MessageCatalogue } from './types.ts';

/**
 * Messages of the errors of one import line. Each says how to fix the cell; like the reference products'
 * messages (which the English of the two "not found" ones repeats word for word) they end without a period.
 */
export const lineMessages = {
  missing_required: {
    en: '{field} is required: fill in this cell',
    fr: '{field} est obligatoire : remplissez cette cellule',
  },
  missing_customer: {
    en: 'Fill in the customer name or the customer external ID so that the line finds its customer',
    fr: 'Renseignez le nom du client ou son identifiant externe pour que la ligne trouve son client',
  },
  invalid_email: {
    en: 'Invalid email address: write one address like name@company.com, without spaces',
    fr: 'Adresse e-mail invalide : écrivez une seule adresse, comme nom@societe.fr, sans espace',
  },
  invalid_phone: {
    en: 'Invalid phone number: write it like {national} or, with the country code, like {example}',
    fr: 'Numéro de téléphone invalide : écrivez-le comme {national} ou, avec l’indicatif du pays, comme {example}',
  },
  unknown_position: {
    en: 'Unknown position "{value}": write Accounting, Sales, Buyer or Finance, several separated by commas',
    fr: 'Position inconnue « {value} » : écrivez Comptable, Commercial, Acheteur ou Finance, plusieurs séparées par des virgules',
  },
  invalid_main_contact_flag: {
    en: 'Main contact "{value}" not understood: write 1 (or yes, x) for the main contact, 0 (or no), or leave the cell empty',
    fr: 'Contact principal « {value} » incompris : écrivez 1 (ou oui, x) pour le contact principal, 0 (ou non), ou laissez la cellule vide',
  },
  unknown_country: {
    en: 'Unknown country "{value}": write its ISO code (FR, DE, GB...) or its name in English or French',
    fr: 'Pays inconnu « {value} » : écrivez son code ISO (FR, DE, GB...) ou son nom en français ou en anglais',
  },
  extra_cells: {
    en: 'This line has {cells} values but the header has {columns} columns: a value probably contains the delimiter without quotes. Put such values between double quotes',
    fr: 'Cette ligne a {cells} valeurs mais l’en-tête a {columns} colonnes : une valeur contient sans doute le séparateur sans guillemets. Mettez ces valeurs entre guillemets doubles',
  },
  value_too_long: {
    en: 'Too long ({length} characters): shorten it to {max} characters at most',
    fr: 'Trop long ({length} caractères) : raccourcissez-le à {max} caractères au plus',
  },
  duplicate_main_contact: {
    en: 'Line {line} already makes {email} the main contact of this customer; keep one main contact per customer',
    fr: 'La ligne {line} fait déjà de {email} le contact principal de ce client ; gardez un seul contact principal par client',
  },
  external_id_conflict: {
    en: 'This customer name belongs to a customer with external ID {existing}; fix the external ID or the name',
    fr: 'Ce nom de client appartient à un client dont l’identifiant externe est {existing} ; corrigez l’identifiant externe ou le nom',
  },
  account_manager_not_found: {
    en: 'Account manager not found, check the email',
    fr: 'Responsable de compte introuvable, vérifiez l’adresse e-mail ou invitez un membre avec cette adresse',
  },
  dunning_plan_not_found: {
    en: 'Dunning plan not found, check spelling',
    fr: 'Plan de relance introuvable, vérifiez l’orthographe',
  },
  // Used instead of the one above when the error carries a `suggestion` (see lineErrorMessage).
  dunning_plan_not_found_suggestion: {
    en: 'Dunning plan not found, check spelling (did you mean "{suggestion}"?)',
    fr: 'Plan de relance introuvable, vérifiez l’orthographe (vouliez-vous dire « {suggestion} » ?)',
  },
  customer_not_found: {
    en: 'Customer not found: this import only updates existing customers; check the name and external ID, or import again in "create and update" mode',
    fr: 'Client introuvable : cet import ne fait que mettre à jour des clients existants ; vérifiez le nom et l’identifiant externe, ou importez à nouveau en mode « créer et mettre à jour »',
  },
  contact_not_found: {
    en: 'Contact not found for this customer: this import only updates existing contacts; check the email, or import again in "create and update" mode',
    fr: 'Contact introuvable pour ce client : cet import ne fait que mettre à jour des contacts existants ; vérifiez l’adresse e-mail, ou importez à nouveau en mode « créer et mettre à jour »',
  },
  contact_not_found_source_locked: {
    en: 'Contact not found for this customer: your source system manages contacts, so a file can only set the positions and main contact of existing contacts; create the contact in the source system first',
    fr: 'Contact introuvable pour ce client : votre système source gère les contacts, un fichier ne peut donc modifier que les positions et le contact principal de contacts existants ; créez d’abord le contact dans le système source',
  },
  customer_name_required_to_create: {
    en: 'No customer has this external ID: fill in the customer name to create it, or fix the external ID',
    fr: 'Aucun client n’a cet identifiant externe : renseignez le nom du client pour le créer, ou corrigez l’identifiant externe',
  },
  invoice_date_invalid: {
    en: 'Invalid date "{value}": write it as DD/MM/YYYY, such as 31/01/2025, or as YYYY-MM-DD',
    fr: 'Date invalide « {value} » : écrivez-la JJ/MM/AAAA, par exemple 31/01/2025, ou AAAA-MM-JJ',
  },
  invoice_amount_invalid: {
    en: 'Invalid amount "{value}": write a number with at most two decimals and no currency sign, such as 1234.56 or 1 234,56',
    fr: 'Montant invalide « {value} » : écrivez un nombre avec au plus deux décimales et sans symbole de devise, comme 1 234,56 ou 1234.56',
  },
  invoice_currency_invalid: {
    en: 'Unknown currency "{value}": write an ISO code such as EUR, USD or GBP, or leave the cell empty for EUR',
    fr: 'Devise inconnue « {value} » : écrivez un code ISO comme EUR, USD ou GBP, ou laissez la cellule vide pour EUR',
  },
  invoice_status_invalid: {
    en: 'Unknown status "{value}": write open, paid or cancelled, or leave the cell empty for open',
    fr: 'Statut inconnu « {value} » : écrivez ouverte, payée ou annulée, ou laissez la cellule vide pour ouverte',
  },
  invoice_due_before_issue: {
    en: 'The due date is before the issue date ({issueDate}): check both dates',
    fr: 'La date d’échéance précède la date d’émission ({issueDate}) : vérifiez les deux dates',
  },
  invoice_required_to_create: {
    en: '{field} is required to create an invoice: fill in this cell',
    fr: '{field} est obligatoire pour créer une facture : remplissez cette cellule',
  },
  invoice_not_found: {
    en: 'Invoice not found: this import only updates existing invoices; check the number, or import again in "create and update" mode',
    fr: 'Facture introuvable : cet import ne fait que mettre à jour des factures existantes ; vérifiez le numéro, ou importez à nouveau en mode « créer et mettre à jour »',
  },
} satisfies MessageCatalogue;
