import type { MessageCatalogue } from './types.ts';

/** Messages of the API and account errors (not of files or lines). */
export const coreMessages = {
  validation_failed: {
    en: 'Some fields are invalid: {detail}',
    fr: 'Certains champs sont invalides : {detail}',
  },
  not_found: { en: 'Not found.', fr: 'Introuvable.' },
  unauthenticated: {
    en: 'Log in or send a valid API key.',
    fr: 'Connectez-vous ou envoyez une clé d’API valide.',
  },
  forbidden: {
    en: 'Your role does not allow this action.',
    fr: 'Votre rôle ne permet pas cette action.',
  },
  csrf_failed: {
    en: 'Missing or wrong CSRF token: reload the page and try again.',
    fr: 'Jeton CSRF absent ou incorrect : rechargez la page et réessayez.',
  },
  invalid_credentials: {
    en: 'Wrong email or password.',
    fr: 'Adresse e-mail ou mot de passe incorrect.',
  },
  rate_limited: {
    en: 'Too many attempts; wait a minute and try again.',
    fr: 'Trop de tentatives ; attendez une minute et réessayez.',
  },
  slug_taken: {
    en: 'The organization identifier "{slug}" is already taken.',
    fr: 'L’identifiant d’organisation « {slug} » est déjà pris.',
  },
  email_taken: {
    en: 'An account already exists for {email}; log in instead.',
    fr: 'Un compte existe déjà pour {email} ; connectez-vous.',
  },
  member_exists: {
    en: '{email} is already a member of this organization.',
    fr: '{email} est déjà membre de cette organisation.',
  },
  invitation_invalid: {
    en: 'This invitation is unknown, expired or already accepted.',
    fr: 'Cette invitation est inconnue, expirée ou déjà acceptée.',
  },
  last_admin: {
    en: 'An organization keeps at least one admin.',
    fr: 'Une organisation garde au moins un administrateur.',
  },
  customer_name_taken: {
    en: 'A customer named "{name}" already exists.',
    fr: 'Un client nommé « {name} » existe déjà.',
  },
  external_id_taken: {
    en: 'The external ID "{externalId}" is already used by customer "{name}".',
    fr: 'L’identifiant externe « {externalId} » est déjà utilisé par le client « {name} ».',
  },
  contact_email_taken: {
    en: 'This customer already has a contact with the email {email}.',
    fr: 'Ce client a déjà un contact avec l’adresse {email}.',
  },
  main_contact_conflict: {
    en: 'The main contact of this customer was changed at the same time; try again.',
    fr: 'Le contact principal de ce client a été modifié au même moment ; réessayez.',
  },
  dunning_plan_name_taken: {
    en: 'A dunning plan named "{name}" already exists.',
    fr: 'Un plan de relance nommé « {name} » existe déjà.',
  },
  invalid_cursor: {
    en: 'The page cursor is invalid; start again from the first page.',
    fr: 'Le curseur de page est invalide ; reprenez depuis la première page.',
  },
  organization_not_found: {
    en: 'No organization "{slug}".',
    fr: 'Aucune organisation « {slug} ».',
  },
} satisfies MessageCatalogue;
