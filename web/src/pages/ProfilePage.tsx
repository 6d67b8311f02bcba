import { Button, Card, Group, SegmentedControl, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentSession, useUpdateMe } from '../api/session.ts';
import type { Lang, NotificationChannels } from '../api/types.ts';
import { showError, showSuccess } from '../components/feedback.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { setLanguage } from '../i18n/index.ts';

/** The member's own settings: name, language, and how they hear that an import ended. */
export function ProfilePage() {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const member = session.member;
  const update = useUpdateMe();
  const qc = useQueryClient();
  const [name, setName] = useState(member?.name ?? '');
  // Switches move at once; they go back if the server refuses.
  const [channels, setChannels] = useState<NotificationChannels | null>(null);
  if (!member) return null;
  const shown = channels ?? member.notifications;

  const saveName = (e: FormEvent) => {
    e.preventDefault();
    update.mutate(
      { name: name.trim() },
      { onSuccess: () => showSuccess(t('profile.saved')), onError: showError },
    );
  };
  const saveLanguage = (lang: Lang) =>
    update.mutate(
      { language: lang },
      {
        onSuccess: async () => {
          await setLanguage(lang);
          void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
        },
        onError: showError,
      },
    );
  const toggle = (channel: keyof NotificationChannels, on: boolean) => {
    setChannels({ ...shown, [channel]: on });
    update.mutate(
      { notifications: { [channel]: on } },
      {
        onSuccess: () => showSuccess(t('profile.saved')),
        onError: (e) => {
          setChannels(null);
          showError(e);
        },
      },
    );
  };

  return (
    <>
      <PageHeader title={t('profile.title')} description={member.email} />
      <Stack gap="lg" maw={640}>
        <Card withBorder radius="lg" padding="lg">
          <form onSubmit={saveName}>
            <Group align="flex-end">
              <TextInput
                label={t('profile.name')}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                style={{ flex: 1, minWidth: 200 }}
                autoComplete="name"
              />
              <Button type="submit" loading={update.isPending && update.variables?.name !== undefined}>
                {t('common.save')}
              </Button>
            </Group>
          </form>
        </Card>
        <Card withBorder radius="lg" padding="lg">
          <Title order={2} size="h4" id="language-title">
            {t('profile.language')}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t('profile.languageHelp')}
          </Text>
          <SegmentedControl
            aria-labelledby="language-title"
            value={member.language}
            onChange={(v) => saveLanguage(v as Lang)}
            data={[
              { value: 'en', label: 'English' },
              { value: 'fr', label: 'Français' },
            ]}
          />
        </Card>
        <Card withBorder radius="lg" padding="lg">
          <Title order={2} size="h4">
            {t('profile.notifications')}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t('profile.notificationsHelp')}
          </Text>
          <Stack gap="sm">
            <Switch
              label={t('profile.channels.inApp')}
              checked={shown.inApp}
              onChange={(e) => toggle('inApp', e.currentTarget.checked)}
            />
            <Switch
              label={t('profile.channels.email')}
              description={t('profile.channels.emailHelp', { email: member.email })}
              checked={shown.email}
              onChange={(e) => toggle('email', e.currentTarget.checked)}
            />
            <Switch
              label={t('profile.channels.slack')}
              description={
                session.organization.slackWebhookConfigured
                  ? t('profile.channels.slackHelp')
                  : t('profile.channels.slackMissing')
              }
              checked={shown.slack}
              onChange={(e) => toggle('slack', e.currentTarget.checked)}
            />
          </Stack>
        </Card>
      </Stack>
    </>
  );
}
