import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Radio,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type OrganizationPatch,
  type OrganizationSettings,
  useOrganizationSettings,
  useUpdateOrganization,
} from '../../api/organization.ts';
import { useFormat } from '../../i18n/format.ts';
import { countryOptions } from '../customers/countries.ts';
import { errorMessage, fieldErrors, showSuccess } from '../feedback.ts';

export const SOURCE_SYSTEMS = ['none', 'native', 'api', 'salesforce_native', 'salesforce_api'] as const;
type SourceSystem = (typeof SOURCE_SYSTEMS)[number];

interface Form {
  sourceSystem: string;
  mainContactFromIntegration: boolean;
  customersUpdatableByFiles: boolean;
  defaultCountry: string;
  defaultLanguage: string;
}

const formOf = (o: OrganizationSettings): Form => ({
  sourceSystem: o.sourceSystem,
  mainContactFromIntegration: o.mainContactFromIntegration,
  customersUpdatableByFiles: o.customersUpdatableByFiles,
  defaultCountry: o.defaultCountry,
  defaultLanguage: o.defaultLanguage,
});

/**
 * The organization's settings: source system and its options, defaults, Slack. Admins change them (only what
 * changed is sent, each refused field shows the server's message under it); members read them.
 */
export function OrganizationSettingsCard(props: { admin: boolean }) {
  const { t } = useTranslation();
  const settings = useOrganizationSettings();
  return (
    <Card withBorder radius="lg" padding="lg">
      <Title order={2} size="h4" mb="xs">
        {t('organization.settings')}
      </Title>
      {!props.admin && (
        <Text size="sm" c="dimmed" mb="sm">
          {t('organization.readOnly')}
        </Text>
      )}
      {settings.isError && <Alert color="red">{errorMessage(settings.error)}</Alert>}
      {settings.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
      {settings.data && <SettingsForm settings={settings.data} admin={props.admin} />}
    </Card>
  );
}

function SettingsForm({ settings, admin }: { settings: OrganizationSettings; admin: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const update = useUpdateOrganization();
  const countries = useMemo(() => countryOptions(fmt.locale), [fmt.locale]);
  const [v, setV] = useState(() => formOf(settings));
  // The Slack webhook is never shown: it is kept, replaced by a new address, or removed.
  const [slack, setSlack] = useState<'keep' | 'replace' | 'remove'>('keep');
  const [slackUrl, setSlackUrl] = useState('');
  useEffect(() => {
    setV(formOf(settings));
    setSlack('keep');
    setSlackUrl('');
  }, [settings]);
  const errors = update.isError
    ? fieldErrors(update.error)
    : { fields: {} as Record<string, string>, general: null };
  const set = <K extends keyof Form>(k: K, value: Form[K]) => setV((x) => ({ ...x, [k]: value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const before = formOf(settings);
    const patch: OrganizationPatch = {};
    for (const k of Object.keys(v) as (keyof Form)[])
      if (v[k] !== before[k]) (patch as Record<string, unknown>)[k] = v[k];
    if (slack === 'remove') patch.slackWebhookUrl = null;
    if (slack === 'replace' && slackUrl.trim()) patch.slackWebhookUrl = slackUrl.trim();
    if (Object.keys(patch).length === 0) return;
    update.mutate(patch, { onSuccess: () => showSuccess(t('organization.saved')) });
  };

  const slackField = () => {
    if (slack === 'replace' || (!settings.slackWebhookConfigured && slack === 'keep'))
      return (
        <TextInput
          label={t('organization.slack')}
          description={t('organization.slackHelp')}
          placeholder="https://hooks.slack.com/services/…"
          value={slackUrl}
          onChange={(e) => {
            setSlackUrl(e.currentTarget.value);
            setSlack('replace');
          }}
          error={errors.fields.slackWebhookUrl}
          disabled={!admin}
          type="url"
        />
      );
    return (
      <Stack gap={4}>
        <Text size="sm" fw={500} id="slack-label">
          {t('organization.slack')}
        </Text>
        <Group gap="xs" aria-labelledby="slack-label" role="group">
          {slack === 'remove' ? (
            <Badge color="orange" variant="light">
              {t('organization.slackWillBeRemoved')}
            </Badge>
          ) : (
            <Badge color="teal" variant="light">
              {t('organization.slackConfigured')}
            </Badge>
          )}
          {admin && (
            <>
              <Button size="xs" variant="default" onClick={() => setSlack('replace')}>
                {t('organization.slackReplace')}
              </Button>
              {slack === 'remove' ? (
                <Button size="xs" variant="subtle" onClick={() => setSlack('keep')}>
                  {t('common.cancel')}
                </Button>
              ) : (
                <Button size="xs" variant="subtle" color="red" onClick={() => setSlack('remove')}>
                  {t('organization.slackRemove')}
                </Button>
              )}
            </>
          )}
        </Group>
        {errors.fields.slackWebhookUrl && (
          <Text size="xs" c="red">
            {errors.fields.slackWebhookUrl}
          </Text>
        )}
      </Stack>
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Radio.Group
          label={t('organization.sourceSystem')}
          description={t('organization.sourceSystemHelp')}
          value={v.sourceSystem}
          onChange={(x) => set('sourceSystem', x)}
          error={errors.fields.sourceSystem}
        >
          <Stack gap="xs" mt="xs">
            {SOURCE_SYSTEMS.map((s: SourceSystem) => (
              <Radio
                key={s}
                value={s}
                disabled={!admin}
                label={t(`organization.sourceSystems.${s}`)}
                description={t(`organization.sourceSystemLocks.${s}`)}
              />
            ))}
          </Stack>
        </Radio.Group>
        <Switch
          label={t('organization.mainContactFromIntegration')}
          description={t('organization.mainContactFromIntegrationHelp')}
          checked={v.mainContactFromIntegration}
          onChange={(e) => set('mainContactFromIntegration', e.currentTarget.checked)}
          disabled={!admin}
          error={errors.fields.mainContactFromIntegration}
        />
        <Switch
          label={t('organization.customersUpdatableByFiles')}
          description={t('organization.customersUpdatableByFilesHelp')}
          checked={v.customersUpdatableByFiles}
          onChange={(e) => set('customersUpdatableByFiles', e.currentTarget.checked)}
          disabled={!admin}
          error={errors.fields.customersUpdatableByFiles}
        />
        <Group grow align="flex-start" wrap="wrap" gap="md">
          <Select
            label={t('organization.country')}
            data={countries}
            value={v.defaultCountry}
            onChange={(x) => x && set('defaultCountry', x)}
            searchable
            allowDeselect={false}
            disabled={!admin}
            error={errors.fields.defaultCountry}
            style={{ minWidth: 200 }}
          />
          <Select
            label={t('organization.defaultLanguage')}
            data={[
              { value: 'en', label: 'English' },
              { value: 'fr', label: 'Français' },
            ]}
            value={v.defaultLanguage}
            onChange={(x) => x && set('defaultLanguage', x)}
            allowDeselect={false}
            disabled={!admin}
            error={errors.fields.defaultLanguage}
            style={{ minWidth: 200 }}
          />
        </Group>
        {slackField()}
        {errors.general && <Alert color="red">{errors.general}</Alert>}
        {admin && (
          <Group justify="flex-end">
            <Button type="submit" loading={update.isPending}>
              {t('organization.saveSettings')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
