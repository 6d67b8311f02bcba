import { Button, Stack } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCurrentSession } from '../api/session.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { InvitationsCard } from '../components/settings/InvitationsCard.tsx';
import { MembersCard } from '../components/settings/MembersCard.tsx';
import { OrganizationSettingsCard } from '../components/settings/OrganizationSettingsCard.tsx';

/** The organization: its settings (admins change them), its members and (for admins) invitations. */
export function OrganizationPage() {
  const { t } = useTranslation();
  const { organization: org, role } = useCurrentSession();

  return (
    <>
      <PageHeader
        title={org.name}
        description={`${t('organization.description')} ${t('organization.slugLine', { slug: org.slug })}`}
        actions={
          role === 'admin' && (
            <Button
              component={Link}
              to="/audit-log"
              variant="default"
              leftSection={<IconHistory size={16} aria-hidden />}
            >
              {t('audit.open')}
            </Button>
          )
        }
      />
      <Stack gap="lg">
        <OrganizationSettingsCard admin={role === 'admin'} />
        <MembersCard />
        {role === 'admin' && <InvitationsCard />}
      </Stack>
    </>
  );
}
