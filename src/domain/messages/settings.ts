import type { MessageCatalogue } from './types.ts';

/** Messages of organization settings, feature access, invoices, reminder recipients and data quality. */
export const settingsMessages = {
  feature_disabled: {
    en: 'The "{flag}" feature is off for your organization. Request access and an operator of this Clientele instance will turn it on.',
    fr: 'La fonctionnalité « {flag} » n’est pas activée pour votre organisation. Demandez-y accès et un opérateur de cette instance Clientele l’activera.',
  },
  unknown_feature: {
    en: 'Unknown feature "{flag}": use one of {known}.',
    fr: 'Fonctionnalité inconnue « {flag} » : utilisez l’une de {known}.',
  },
  unknown_source_system: {
    en: 'Unknown source system "{value}": use none, native, api, salesforce_native or salesforce_api.',
    fr: 'Système source inconnu « {value} » : utilisez none, native, api, salesforce_native ou salesforce_api.',
  },
  unsupported_language: {
    en: 'Unsupported language "{value}": use en or fr.',
    fr: 'Langue non prise en charge « {value} » : utilisez en ou fr.',
  },
  invalid_slack_webhook: {
    en: 'Invalid Slack webhook: paste the https://hooks.slack.com/... address Slack gave you (https only).',
    fr: 'Webhook Slack invalide : collez l’adresse https://hooks.slack.com/... fournie par Slack (https uniquement).',
  },
  unknown_setting: {
    en: 'Unknown setting "{key}": use one of {known}.',
    fr: 'Paramètre inconnu « {key} » : utilisez l’un de {known}.',
  },
  invalid_on_off: {
    en: '"{value}" is not on or off: write on or off (yes/no, true/false, 1/0 also work).',
    fr: '« {value} » n’est ni on ni off : écrivez on ou off (yes/no, true/false, 1/0 conviennent aussi).',
  },
  invoice_number_taken: {
    en: 'An invoice numbered "{number}" already exists in your organization.',
    fr: 'Une facture numérotée « {number} » existe déjà dans votre organisation.',
  },
  invoice_customer_required: {
    en: 'Give the invoice’s customer: its id, or its name (and external ID).',
    fr: 'Indiquez le client de la facture : son identifiant, ou son nom (et son identifiant externe).',
  },
  invoice_customer_id_or_name: {
    en: 'Give the customer either by id or by name and external ID, not both.',
    fr: 'Indiquez le client soit par son identifiant, soit par son nom et son identifiant externe, pas les deux.',
  },
  invoice_customer_not_found: {
    en: 'No customer with this id in your organization: check the id, or give the customer’s name to create it.',
    fr: 'Aucun client avec cet identifiant dans votre organisation : vérifiez-le, ou donnez le nom du client pour le créer.',
  },
  invalid_date: {
    en: 'Invalid date "{value}": write it as YYYY-MM-DD, such as 2025-01-31.',
    fr: 'Date invalide « {value} » : écrivez-la AAAA-MM-JJ, par exemple 2025-01-31.',
  },
  due_date_before_issue_date: {
    en: 'The due date is before the issue date ({issueDate}): check both dates.',
    fr: 'La date d’échéance précède la date d’émission ({issueDate}) : vérifiez les deux dates.',
  },
  invalid_amount: {
    en: 'Invalid amount "{value}": send a positive decimal string with a dot and at most two decimals, such as "1250.00".',
    fr: 'Montant invalide « {value} » : envoyez une chaîne décimale positive avec un point et au plus deux décimales, par exemple "1250.00".',
  },
  invalid_currency: {
    en: 'Unknown currency "{value}": use an ISO 4217 code such as EUR, USD or GBP.',
    fr: 'Devise inconnue « {value} » : utilisez un code ISO 4217 comme EUR, USD ou GBP.',
  },
  invalid_invoice_status: {
    en: 'Unknown status "{value}": use open, paid or cancelled.',
    fr: 'Statut inconnu « {value} » : utilisez open, paid ou cancelled.',
  },
  plan_step_not_found: {
    en: 'This dunning plan has no step {step}: its steps are numbered from 1 to {count}.',
    fr: 'Ce plan de relance n’a pas d’étape {step} : ses étapes sont numérotées de 1 à {count}.',
  },
  no_recipient_no_contacts: {
    en: 'Nobody will receive this reminder: the customer has no contact. Add its contacts, with their positions and its main contact.',
    fr: 'Personne ne recevra cette relance : le client n’a aucun contact. Ajoutez ses contacts, avec leurs positions et son contact principal.',
  },
  no_recipient_positions_or_main: {
    en: 'Nobody will receive this reminder: no contact has the position {positions} and the customer has no main contact. Give a contact one of these positions or make one the main contact.',
    fr: 'Personne ne recevra cette relance : aucun contact n’a la position {positions} et le client n’a pas de contact principal. Donnez l’une de ces positions à un contact ou désignez un contact principal.',
  },
  no_recipient_positions: {
    en: 'Nobody will receive this reminder: no contact has the position {positions}, and this step does not go to the main contact. Give a contact one of these positions.',
    fr: 'Personne ne recevra cette relance : aucun contact n’a la position {positions}, et cette étape ne va pas au contact principal. Donnez l’une de ces positions à un contact.',
  },
  no_recipient_main: {
    en: 'Nobody will receive this reminder: it goes to the main contact and the customer has none. Make one of its contacts the main contact.',
    fr: 'Personne ne recevra cette relance : elle va au contact principal et le client n’en a pas. Désignez l’un de ses contacts comme contact principal.',
  },
  no_recipient_empty_step: {
    en: 'Nobody will receive this reminder: the step names no position and leaves out the main contact. Edit the dunning plan’s step.',
    fr: 'Personne ne recevra cette relance : l’étape ne désigne aucune position et exclut le contact principal. Modifiez l’étape du plan de relance.',
  },
} satisfies MessageCatalogue;
