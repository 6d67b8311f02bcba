import { notifications } from '@mantine/notifications';
import i18n from 'i18next';
import { ApiError } from '../api/client.ts';

/** The message to show for a failed call, in the interface language. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.code === 'network_error') return i18n.t('errors.network');
    if (e.code === 'internal_error' || e.status >= 500) return i18n.t('errors.internal');
    return e.detail || e.code;
  }
  return i18n.t('errors.internal');
}

/** Shows a failed call as a red notification. */
export function showError(e: unknown): void {
  notifications.show({ color: 'red', title: i18n.t('errors.title'), message: errorMessage(e) });
}

/** Shows that something worked. */
export function showSuccess(message: string): void {
  notifications.show({ color: 'teal', message, autoClose: 4000 });
}

// Codes of uniqueness conflicts and the form field they are about.
const CONFLICT_FIELDS: Record<string, string> = {
  customer_name_taken: 'name',
  external_id_taken: 'externalId',
  contact_email_taken: 'email',
  email_taken: 'email',
  member_exists: 'email',
  dunning_plan_name_taken: 'name',
};

/**
 * The error of each form field from a failed call (`errors[]`, or a conflict about one field), and what is
 * left for the whole form. A form shows each field's message under it.
 */
export function fieldErrors(e: unknown): { fields: Record<string, string>; general: string | null } {
  if (!(e instanceof ApiError)) return { fields: {}, general: errorMessage(e) };
  const fields: Record<string, string> = {};
  for (const f of e.errors) fields[f.field] ??= f.message;
  const conflict = CONFLICT_FIELDS[e.code];
  if (conflict) fields[conflict] ??= e.detail;
  const general = Object.keys(fields).length ? null : errorMessage(e);
  return { fields, general };
}
