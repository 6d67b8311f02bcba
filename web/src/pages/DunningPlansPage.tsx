import { ActionIcon, Button, Card, Group, List, SimpleGrid, Text, Title } from '@mantine/core';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeletePlan, useDunningPlans } from '../api/organization.ts';
import { useCurrentSession } from '../api/session.ts';
import type { DunningPlan, DunningStep } from '../api/types.ts';
import { ConfirmModal } from '../components/ConfirmModal.tsx';
import { showError } from '../components/feedback.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { PlanFormModal } from '../components/settings/PlanFormModal.tsx';

/** The organization's dunning plans: the reminders each sends and to whom. */
export function DunningPlansPage() {
  const { t } = useTranslation();
  const { role } = useCurrentSession();
  const plans = useDunningPlans();
  const remove = useDeletePlan();
  const [editing, setEditing] = useState<DunningPlan | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [deleting, setDeleting] = useState<DunningPlan | null>(null);
  const admin = role === 'admin';

  const when = (s: DunningStep) =>
    s.daysFromDue === 0
      ? t('plans.onDue')
      : s.daysFromDue < 0
        ? t('plans.before', { count: -s.daysFromDue })
        : t('plans.after', { count: s.daysFromDue });
  const who = (s: DunningStep) => {
    const names = s.positions.map((p) => t(`positions.${p}`));
    if (s.includeMainContact) names.push(t('plans.mainContact'));
    return names.length ? names.join(', ') : t('plans.nobody');
  };
  const open = (p: DunningPlan | null) => {
    setEditing(p);
    setFormOpen(true);
  };

  return (
    <>
      <PageHeader
        title={t('plans.title')}
        description={t('plans.description')}
        actions={
          admin && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => open(null)}>
              {t('plans.add')}
            </Button>
          )
        }
      />
      {plans.data?.length === 0 && <Text c="dimmed">{t('plans.empty')}</Text>}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {(plans.data ?? []).map((p) => (
          <Card key={p.id} withBorder radius="lg" padding="lg">
            <Group justify="space-between" mb="xs" wrap="nowrap">
              <Title order={2} size="h4">
                {p.name}
              </Title>
              {admin && (
                <Group gap={4} wrap="nowrap">
                  <ActionIcon
                    variant="subtle"
                    aria-label={t('plans.editNamed', { name: p.name })}
                    onClick={() => open(p)}
                  >
                    <IconPencil size={16} aria-hidden />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('plans.deleteNamed', { name: p.name })}
                    onClick={() => setDeleting(p)}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Group>
              )}
            </Group>
            {p.steps.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('plans.noSteps')}
              </Text>
            ) : (
              <List size="sm" spacing={4} type="ordered">
                {p.steps.map((s) => (
                  <List.Item key={`${s.step}-${s.daysFromDue}`}>
                    <Text span fw={600} size="sm">
                      {when(s)}
                    </Text>{' '}
                    — {who(s)}
                  </List.Item>
                ))}
              </List>
            )}
          </Card>
        ))}
      </SimpleGrid>
      <PlanFormModal plan={editing} opened={formOpen} onClose={() => setFormOpen(false)} />
      <ConfirmModal
        opened={deleting !== null}
        title={t('plans.deleteTitle')}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        onClose={() => setDeleting(null)}
        onConfirm={() =>
          deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null), onError: showError })
        }
      >
        {t('plans.deleteText', { name: deleting?.name ?? '' })}
      </ConfirmModal>
    </>
  );
}
