import { z } from 'zod';
import { fail, invalidFields, type Result } from '../domain/result.ts';
import { type SettingsPatchInput, validateSettingsPatch } from '../domain/settings.ts';
import { findOrganization, updateOrganization } from '../storage/organizations.ts';
import { fieldChanges, HIDDEN, recordAudit } from './audit.ts';
import { type Actor, inOrganization, type ServiceContext } from './context.ts';
import { getOrganizationSettings, type OrganizationSettingsView } from './get-organization-settings.ts';

/** The body of a settings change; values are checked by the domain so that each error names its field. */
export const settingsInput = z.strictObject({
  sourceSystem: z
    .string()
    .max(100)
    .optional()
    .describe('none, native, api, salesforce_native or salesforce_api'),
  mainContactFromIntegration: z.boolean().optional(),
  customersUpdatableByFiles: z.boolean().optional(),
  defaultCountry: z.string().max(100).optional().describe('ISO 3166-1 alpha-2, e.g. FR'),
  defaultLanguage: z.string().max(10).optional().describe('en or fr'),
  slackWebhookUrl: z.string().max(2000).nullable().optional().describe('https URL; null removes it'),
});

// The settings as the API names them -> their columns.
const SETTINGS_FIELDS = {
  sourceSystem: 'source_system',
  mainContactFromIntegration: 'main_contact_from_integration',
  customersUpdatableByFiles: 'customers_updatable_by_files',
  defaultCountry: 'default_country',
  defaultLanguage: 'default_language',
  slackWebhookUrl: 'slack_webhook_url',
};

/** Changes the actor's organization settings (admins); absent fields are left, every bad field is reported. */
export async function updateOrganizationSettings(
  ctx: ServiceContext,
  actor: Actor,
  input: SettingsPatchInput,
): Promise<Result<OrganizationSettingsView>> {
  ctx = inOrganization(ctx, actor);
  if (actor.role !== 'admin') return fail('forbidden');
  const patch = validateSettingsPatch(input);
  if (!patch.ok) return invalidFields(patch.errors);
  if (Object.keys(patch.set).length > 0) {
    const updated = await ctx.db.transaction().execute(async (trx) => {
      const before = await findOrganization(trx, actor.organizationId);
      const after = await updateOrganization(trx, actor.organizationId, patch.set);
      if (!before || !after) return undefined;
      const changes = fieldChanges(SETTINGS_FIELDS, before, after);
      // The webhook address is a secret: the log says it changed, never what it is.
      const hook = changes.slackWebhookUrl;
      if (hook) changes.slackWebhookUrl = { before: hook.before && HIDDEN, after: hook.after && HIDDEN };
      if (Object.keys(changes).length > 0) {
        const target = { type: 'organization', id: actor.organizationId } as const;
        await recordAudit(trx, actor, 'settings.updated', target, { changes });
      }
      return after;
    });
    if (!updated) return fail('not_found');
  }
  return getOrganizationSettings(ctx, actor);
}
