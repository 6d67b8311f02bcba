import type { Params } from '../result.ts';
import type { Lang, MessageCatalogue } from './types.ts';

/** What members are told when something they started ends: in the app, by email and on Slack. */
export const notificationMessages = {
  notification_import_success_title: {
    en: 'Import finished: {fileName}',
    fr: 'Import terminé : {fileName}',
  },
  notification_import_error_title: {
    en: 'Import finished with errors: {fileName}',
    fr: 'Import terminé avec des erreurs : {fileName}',
  },
  notification_import_failed_title: {
    en: 'Import failed: {fileName}',
    fr: 'Échec de l’import : {fileName}',
  },
  notification_import_reverted_title: {
    en: 'Import cancelled: {fileName}',
    fr: 'Import annulé : {fileName}',
  },
  notification_import_counts: {
    en: '{importKind}: {created} created, {updated} updated, {unchanged} unchanged, {error} in error.',
    fr: '{importKind} : {created} créé(s), {updated} mis à jour, {unchanged} inchangé(s), {error} en erreur.',
  },
  notification_import_failed_body: {
    en: '{importKind}: the file could not be imported and nothing was changed. Open the import to see why.',
    fr: '{importKind} : le fichier n’a pas pu être importé et rien n’a été modifié. Ouvrez l’import pour voir pourquoi.',
  },
  notification_import_reverted_body: {
    en: '{importKind}: what it created was removed and what it changed was put back, except records changed since.',
    fr: '{importKind} : ce qu’il avait créé a été supprimé et ce qu’il avait modifié a été rétabli, sauf ce qui a changé depuis.',
  },
  notification_import_kind_customers: { en: 'Customers import', fr: 'Import de clients' },
  notification_import_kind_invoices: { en: 'Invoices import', fr: 'Import de factures' },
  notification_import_kind_contacts: { en: 'Contacts import', fr: 'Import de contacts' },
  notification_import_kind_assignments: {
    en: 'Customer assignment import',
    fr: 'Import d’affectation des clients',
  },
  notification_link: { en: 'See the details: {url}', fr: 'Voir le détail : {url}' },
  notification_open: { en: 'Open the import', fr: 'Ouvrir l’import' },
  notification_started_by: { en: 'Started by {member}.', fr: 'Lancé par {member}.' },
} satisfies MessageCatalogue;

type NotificationCode = keyof typeof notificationMessages;

// A local fill rather than index.ts's translate: index.ts imports this file, and a cycle is not worth it.
function fill(code: NotificationCode, lang: Lang, params: Params): string {
  return notificationMessages[code][lang].replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = params[k];
    return v === undefined ? '' : String(v);
  });
}

function importKindLabel(kind: unknown, lang: Lang): string {
  if (kind === 'customers') return fill('notification_import_kind_customers', lang, {});
  if (kind === 'invoices') return fill('notification_import_kind_invoices', lang, {});
  if (kind === 'contacts') return fill('notification_import_kind_contacts', lang, {});
  if (kind === 'assignments') return fill('notification_import_kind_assignments', lang, {});
  return String(kind ?? '');
}

/** Keeps the string and number values of stored (jsonb) parameters, the only ones a template can show. */
export function notificationParams(json: unknown): Params {
  const out: Params = {};
  if (json === null || typeof json !== 'object') return out;
  for (const [k, v] of Object.entries(json)) if (typeof v === 'string' || typeof v === 'number') out[k] = v;
  return out;
}

/**
 * The title and body of a notification in a language, from its kind and stored parameters. Rendered when
 * read, not when written, so a member who switches language sees past notifications in the new one.
 */
export function renderNotification(
  kind: string,
  params: Params,
  lang: Lang,
): { title: string; body: string } {
  const p: Params = { ...params, importKind: importKindLabel(params.importKind, lang) };
  if (kind === 'import_reverted') {
    return {
      title: fill('notification_import_reverted_title', lang, p),
      body: fill('notification_import_reverted_body', lang, p),
    };
  }
  if (kind === 'import_finished') {
    if (params.status === 'failed') {
      return {
        title: fill('notification_import_failed_title', lang, p),
        body: fill('notification_import_failed_body', lang, p),
      };
    }
    const counts: Params = { created: 0, updated: 0, unchanged: 0, error: 0, ...p };
    return {
      title: fill(
        params.status === 'error' ? 'notification_import_error_title' : 'notification_import_success_title',
        lang,
        p,
      ),
      body: fill('notification_import_counts', lang, counts),
    };
  }
  // A kind this version does not know (written by a newer one): show something rather than nothing.
  return { title: kind, body: '' };
}
