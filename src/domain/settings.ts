import type { FieldError } from './result.ts';
import { isSourceSystem, type SourceSystemName } from './source-systems.ts';
import { cleanText } from './text.ts';
import { normaliseCountry } from './values/country.ts';

/** The organization settings a person changes, as the API names them. */
export interface SettingsPatchInput {
  sourceSystem?: string | undefined;
  mainContactFromIntegration?: boolean | undefined;
  customersUpdatableByFiles?: boolean | undefined;
  defaultCountry?: string | undefined;
  defaultLanguage?: string | undefined;
  /** null or an empty string removes the webhook. */
  slackWebhookUrl?: string | null | undefined;
}

/** The validated settings, as columns. */
export interface SettingsColumns {
  source_system?: SourceSystemName;
  main_contact_from_integration?: boolean;
  customers_updatable_by_files?: boolean;
  default_country?: string;
  default_language?: 'en' | 'fr';
  slack_webhook_url?: string | null;
}

const MAX_URL = 2000;

/** Reads a source system as people type it ("Salesforce-API", "salesforce api" -> salesforce_api). */
export function readSourceSystem(value: string): SourceSystemName | undefined {
  const key = cleanText(value)
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return isSourceSystem(key) ? key : undefined;
}

/** Checks a Slack incoming-webhook address: an absolute https URL (it carries a secret, never sent in clear). */
export function readSlackWebhook(value: string): string | undefined {
  const text = cleanText(value);
  if (text.length > MAX_URL) return undefined;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' && url.hostname !== '' && !url.username && !url.password
      ? url.toString()
      : undefined;
  } catch {
    return undefined;
  }
}

/** Validates a settings change: every field's error, or the columns to set (absent fields are left). */
export function validateSettingsPatch(
  input: SettingsPatchInput,
): { ok: true; set: SettingsColumns } | { ok: false; errors: FieldError[] } {
  const set: SettingsColumns = {};
  const errors: FieldError[] = [];
  if (input.sourceSystem !== undefined) {
    const system = readSourceSystem(input.sourceSystem);
    if (system) set.source_system = system;
    else
      errors.push({
        field: 'sourceSystem',
        code: 'unknown_source_system',
        params: { value: input.sourceSystem },
      });
  }
  if (input.mainContactFromIntegration !== undefined)
    set.main_contact_from_integration = input.mainContactFromIntegration;
  if (input.customersUpdatableByFiles !== undefined)
    set.customers_updatable_by_files = input.customersUpdatableByFiles;
  if (input.defaultCountry !== undefined) {
    const country = normaliseCountry(input.defaultCountry);
    if (country.ok) set.default_country = country.value;
    else
      errors.push({
        field: 'defaultCountry',
        code: 'unknown_country',
        params: { value: input.defaultCountry },
      });
  }
  if (input.defaultLanguage !== undefined) {
    const lang = cleanText(input.defaultLanguage).toLowerCase();
    if (lang === 'en' || lang === 'fr') set.default_language = lang;
    else
      errors.push({
        field: 'defaultLanguage',
        code: 'unsupported_language',
        params: { value: input.defaultLanguage },
      });
  }
  if (input.slackWebhookUrl !== undefined) {
    if (input.slackWebhookUrl === null || cleanText(input.slackWebhookUrl) === '')
      set.slack_webhook_url = null;
    else {
      const url = readSlackWebhook(input.slackWebhookUrl);
      if (url) set.slack_webhook_url = url;
      // The value is a secret: it is not echoed back in the error.
      else errors.push({ field: 'slackWebhookUrl', code: 'invalid_slack_webhook' });
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, set };
}

/** The command-line keys of the settings, each with the API field it sets. */
export const SETTING_KEYS = {
  'source-system': 'sourceSystem',
  'main-contact-from-integration': 'mainContactFromIntegration',
  'customers-updatable-by-files': 'customersUpdatableByFiles',
  country: 'defaultCountry',
  language: 'defaultLanguage',
  'slack-webhook': 'slackWebhookUrl',
} as const satisfies Record<string, keyof SettingsPatchInput>;

export type SettingKey = keyof typeof SETTING_KEYS;

const ON = new Set(['on', 'true', 'yes', '1', 'oui']);
const OFF = new Set(['off', 'false', 'no', '0', 'non']);
const CLEAR = new Set(['none', 'off', '-']);

/**
 * Turns a command-line `<key> <value>` into a settings patch: undefined when the key is unknown, an error code
 * when a yes/no setting gets something else. "none" removes the Slack webhook.
 */
export function settingPatchFromText(
  key: string,
  value: string,
): { ok: true; patch: SettingsPatchInput } | { ok: false; code: 'unknown_setting' | 'invalid_on_off' } {
  if (!(key in SETTING_KEYS)) return { ok: false, code: 'unknown_setting' };
  const field = SETTING_KEYS[key as SettingKey];
  if (field === 'mainContactFromIntegration' || field === 'customersUpdatableByFiles') {
    const v = cleanText(value).toLowerCase();
    if (ON.has(v)) return { ok: true, patch: { [field]: true } };
    if (OFF.has(v)) return { ok: true, patch: { [field]: false } };
    return { ok: false, code: 'invalid_on_off' };
  }
  if (field === 'slackWebhookUrl' && CLEAR.has(cleanText(value).toLowerCase()))
    return { ok: true, patch: { slackWebhookUrl: null } };
  return { ok: true, patch: { [field]: value } };
}
