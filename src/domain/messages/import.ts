import type { MessageCatalogue } from './types.ts';

/** Messages about an import as a whole: its state, its mapping, its warnings, its revert. */
export const importMessages = {
  import_not_ready: {
    en: 'This import cannot do that now (it is {status}).',
    fr: 'Cet import ne peut pas faire cela maintenant (il est à l’état {status}).',
  },
  mapping_incomplete: {
    en: 'The column mapping is incomplete: {detail}. Fix the mapping, then try again.',
    fr: 'L’association des colonnes est incomplète : {detail}. Corrigez-la, puis réessayez.',
  },
  duplicate_file: {
    en: 'This exact file was already imported on {date}; importing it again changes nothing that is unchanged.',
    fr: 'Ce fichier identique a déjà été importé le {date} ; le réimporter ne change rien à ce qui est inchangé.',
  },
  mapping_remembered: {
    en: 'The column mapping chosen for the last file with these headers was applied.',
    fr: 'L’association de colonnes choisie pour le dernier fichier avec ces en-têtes a été appliquée.',
  },
  import_not_revertible: {
    en: 'Only an applied import can be cancelled, once (this one is {status}).',
    fr: 'Seul un import appliqué peut être annulé, une seule fois (celui-ci est à l’état {status}).',
  },
  revert_changed_since: {
    en: 'Line {line}: this {entity} was changed after the import; it was left as it is now.',
    fr: 'Ligne {line} : ce {entity} a été modifié après l’import ; il a été laissé tel quel.',
  },
  revert_has_dependents: {
    en: 'Line {line}: this customer now has contacts or invoices added after the import; it was kept.',
    fr: 'Ligne {line} : ce client a maintenant des contacts ou factures ajoutés après l’import ; il a été gardé.',
  },
  revert_already_deleted: {
    en: 'Line {line}: this {entity} was deleted after the import.',
    fr: 'Ligne {line} : ce {entity} a été supprimé après l’import.',
  },
  customers_locked: {
    en: 'Your source system owns your customers: use the customer assignment import to set account managers and dunning plans.',
    fr: 'Votre système source gère vos clients : utilisez l’import d’affectation des clients pour les responsables de compte et plans de relance.',
  },
  source_locked_columns_ignored: {
    en: 'Your source system owns contacts’ names, email, phone and reference: the columns {columns} were ignored; positions and main contact were imported.',
    fr: 'Votre système source gère les noms, e-mails, téléphones et références des contacts : les colonnes {columns} ont été ignorées ; positions et contact principal ont été importés.',
  },
  main_contact_column_ignored: {
    en: 'The main contact comes from your integration (organization option): the column {columns} was ignored.',
    fr: 'Le contact principal vient de votre intégration (option de l’organisation) : la colonne {columns} a été ignorée.',
  },
  upload_interrupted: {
    en: 'The upload was interrupted before the whole file arrived; send the file again.',
    fr: 'L’envoi a été interrompu avant la fin du fichier ; envoyez-le à nouveau.',
  },
  internal_error: {
    en: 'Something went wrong on our side; the import left your data unchanged. Try again.',
    fr: 'Un problème est survenu de notre côté ; l’import n’a rien modifié. Réessayez.',
  },
  unsupported_media_type: {
    en: 'Send the file as multipart/form-data.',
    fr: 'Envoyez le fichier en multipart/form-data.',
  },
} satisfies MessageCatalogue;
