import { Alert, Button, Card, Group, Loader, Select, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuditEvents } from '../api/audit.ts';
import { useCurrentSession } from '../api/session.ts';
import { AuditEventsTable } from '../components/audit/AuditEventsTable.tsx';
import { errorMessage } from '../components/feedback.ts';
import { PageHeader } from '../components/PageHeader.tsx';

// The action groups a person can narrow the log to (each is an action prefix the API filters on).
const GROUPS = [
  'customer',
  'contact',
  'import',
  'member',
  'invitation',
  'api_key',
  'dunning_plan',
  'settings',
  'feature',
] as const;

/** The organization's audit log (admins): who created, changed, deleted, imported and reverted what. */
export function AuditLogPage() {
  const { t } = useTranslation();
  const { role } = useCurrentSession();
  const admin = role === 'admin';
  const [group, setGroup] = useState<string | null>(null);
  const events = useAuditEvents(group, admin);
  const items = events.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        description={t('audit.description')}
        actions={
          admin && (
            <Select
              aria-label={t('audit.filter')}
              placeholder={t('audit.allActions')}
              data={GROUPS.map((g) => ({ value: g, label: t(`audit.groups.${g}`) }))}
              value={group}
              onChange={setGroup}
              clearable
              w={220}
            />
          )
        }
      />
      {!admin ? (
        <Alert color="gray">{t('audit.adminsOnly')}</Alert>
      ) : (
        <Stack gap="sm">
          {events.isError && <Alert color="red">{errorMessage(events.error)}</Alert>}
          <Card withBorder radius="lg" padding={0}>
            {events.isPending ? (
              <Group justify="center" p="lg">
                <Loader aria-label={t('common.loading')} />
              </Group>
            ) : (
              <AuditEventsTable items={items} />
            )}
          </Card>
          {events.hasNextPage && (
            <Group justify="center">
              <Button
                variant="default"
                onClick={() => events.fetchNextPage()}
                loading={events.isFetchingNextPage}
              >
                {t('common.loadMore')}
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </>
  );
}
