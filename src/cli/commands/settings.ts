import type { Command } from 'commander';
import { translate } from '../../domain/messages/index.ts';
import { SETTING_KEYS, type SettingKey, settingPatchFromText } from '../../domain/settings.ts';
import {
  getOrganizationSettings,
  type OrganizationSettingsView,
} from '../../services/get-organization-settings.ts';
import { operatorActor } from '../../services/operator.ts';
import { updateOrganizationSettings } from '../../services/update-organization-settings.ts';
import { type CliDeps, CliFailure, failWith, withServices } from '../context.ts';

const KNOWN = Object.keys(SETTING_KEYS).join(', ');
const onOff = (v: boolean) => (v ? 'on' : 'off');

// The webhook is a secret: like the API, the command line only says whether one is set.
function settingValues(o: OrganizationSettingsView): Record<SettingKey, string> {
  return {
    'source-system': o.sourceSystem,
    'main-contact-from-integration': onOff(o.mainContactFromIntegration),
    'customers-updatable-by-files': onOff(o.customersUpdatableByFiles),
    country: o.defaultCountry,
    language: o.defaultLanguage,
    'slack-webhook': o.slackWebhookConfigured ? 'configured' : 'not configured',
  };
}

function describe(o: OrganizationSettingsView): string {
  const rows: [string, string][] = [
    ...Object.entries(settingValues(o)),
    ['features', o.features.join(', ') || 'none'],
    ['feature requests', o.pendingFeatureRequests.map((r) => `${r.flag} (pending)`).join(', ') || 'none'],
  ];
  const width = Math.max(...rows.map(([k]) => k.length)) + 2;
  return `Settings of ${o.slug} (${o.name}):\n${rows.map(([k, v]) => `  ${k.padEnd(width)}${v}\n`).join('')}`;
}

/** `clientele settings <org> [<key> <value>]`: prints the organization's settings, or changes one. */
export function registerSettingsCommand(program: Command, deps: CliDeps): void {
  program
    .command('settings')
    .description(`Show an organization's settings, or change one (keys: ${KNOWN})`)
    .argument('<org>', 'organization slug')
    .argument('[key]', `setting to show or change: ${KNOWN}`)
    .argument('[value]', 'new value: on/off for yes-no settings, "none" removes the Slack webhook')
    .option('--json', 'print the settings as JSON')
    .action(
      async (org: string, key: string | undefined, value: string | undefined, opts: { json?: boolean }) => {
        await withServices(deps, async (ctx) => {
          const actor = await operatorActor(ctx, org);
          if (!actor.ok) failWith(actor.error);
          if (key !== undefined && !(key in SETTING_KEYS))
            failWith({ code: 'unknown_setting', params: { key, known: KNOWN } });
          let view: OrganizationSettingsView;
          if (key !== undefined && value !== undefined) {
            const parsed = settingPatchFromText(key, value);
            if (!parsed.ok) failWith({ code: parsed.code, params: { key, value, known: KNOWN } });
            const r = await updateOrganizationSettings(ctx, actor.value, parsed.patch);
            if (!r.ok) {
              const field = r.error.fields?.[0];
              if (field) throw new CliFailure(`${translate(field.code, 'en', field.params)} [${field.code}]`);
              failWith(r.error);
            }
            view = r.value;
          } else {
            const r = await getOrganizationSettings(ctx, actor.value);
            if (!r.ok) failWith(r.error);
            view = r.value;
          }
          if (opts.json) {
            deps.out.write(`${JSON.stringify(view)}\n`);
            return;
          }
          const shown = key === undefined ? undefined : settingValues(view)[key as SettingKey];
          if (key === undefined) deps.out.write(describe(view));
          else if (value === undefined) deps.out.write(`${shown}\n`);
          else deps.out.write(`Set ${key} of ${view.slug} to ${shown}.\n`);
        });
      },
    );
}
