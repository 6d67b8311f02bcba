import { Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCurrentSession } from '../api/session.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { InvitationsCard } from '../components/settings/InvitationsCard.tsx';
import { MembersCard } from '../components/settings/MembersCard.tsx';
import { useFormat } from '../i18n/format.ts';

/** The organization: its defaults, its members and (for admins) invitations. */
export function OrganizationPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { organization: org, role } = useCurrentSession();
  const facts = [
    { label: t('organization.slug'), value: org.slug },
    { label: t('organization.country'), value: fmt.country(org.defaultCountry) },
    {
      label: t('organization.defaultLanguage'),
      value: org.defaultLanguage === 'fr' ? 'Français' : 'English',
    },
    {
      label: t('organization.sourceSystem'),
      value: t(`organization.sourceSystems.${org.sourceSystem as 'none'}`, {
        defaultValue: org.sourceSystem,
      }),
    },
  ];

  return (
    <>
      <PageHeader title={org.name} description={t('organization.description')} />
      <Stack gap="lg">
        <Card withBorder radius="lg" padding="lg">
          <Title order={2} size="h4" mb="sm">
            {t('organization.settings')}
          </Title>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
            {facts.map((f) => (
              <div key={f.label}>
                <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                  {f.label}
                </Text>
                <Text size="sm">{f.value}</Text>
              </div>
            ))}
          </SimpleGrid>
        </Card>
        <MembersCard />
        {role === 'admin' && <InvitationsCard />}
      </Stack>
    </>
  );
}
