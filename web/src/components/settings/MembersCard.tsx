import { ActionIcon, Badge, Card, Select, Table, Text, Title } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useChangeRole, useMembers, useRemoveMember } from '../../api/organization.ts';
import { useCurrentSession } from '../../api/session.ts';
import type { Member } from '../../api/types.ts';
import { useFormat } from '../../i18n/format.ts';
import { ConfirmModal } from '../ConfirmModal.tsx';
import { showError, showSuccess } from '../feedback.ts';

/** The organization's members; admins change roles and remove people. */
export function MembersCard() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const session = useCurrentSession();
  const members = useMembers();
  const changeRole = useChangeRole();
  const remove = useRemoveMember();
  const [removing, setRemoving] = useState<Member | null>(null);
  const admin = session.role === 'admin';
  const roles = [
    { value: 'admin', label: t('organization.roles.admin') },
    { value: 'member', label: t('organization.roles.member') },
  ];

  return (
    <Card withBorder radius="lg" padding="lg">
      <Title order={2} size="h4" mb="sm">
        {t('organization.members')}
      </Title>
      <Table.ScrollContainer minWidth={600} type="native">
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('organization.columns.name')}</Table.Th>
              <Table.Th>{t('organization.columns.email')}</Table.Th>
              <Table.Th>{t('organization.columns.role')}</Table.Th>
              <Table.Th>{t('organization.columns.since')}</Table.Th>
              {admin && <Table.Th aria-label={t('common.actions')} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(members.data ?? []).map((m) => {
              const me = m.id === session.member?.id;
              return (
                <Table.Tr key={m.id}>
                  <Table.Td>
                    {m.name || '—'}{' '}
                    {me && (
                      <Badge size="xs" variant="light">
                        {t('organization.you')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{m.email}</Table.Td>
                  <Table.Td>
                    {admin ? (
                      <Select
                        aria-label={t('organization.roleOf', { email: m.email })}
                        data={roles}
                        value={m.role}
                        allowDeselect={false}
                        w={150}
                        size="xs"
                        onChange={(role) =>
                          role &&
                          changeRole.mutate(
                            { id: m.id, role: role as Member['role'] },
                            {
                              onSuccess: () => showSuccess(t('organization.roleChanged')),
                              onError: showError,
                            },
                          )
                        }
                      />
                    ) : (
                      <Text size="sm">{t(`organization.roles.${m.role}`)}</Text>
                    )}
                  </Table.Td>
                  <Table.Td>{fmt.date(m.createdAt)}</Table.Td>
                  {admin && (
                    <Table.Td ta="right">
                      {!me && (
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('organization.removeMember', { email: m.email })}
                          onClick={() => setRemoving(m)}
                        >
                          <IconTrash size={16} aria-hidden />
                        </ActionIcon>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ConfirmModal
        opened={removing !== null}
        title={t('organization.removeTitle')}
        confirmLabel={t('organization.remove')}
        loading={remove.isPending}
        onClose={() => setRemoving(null)}
        onConfirm={() =>
          removing && remove.mutate(removing.id, { onSuccess: () => setRemoving(null), onError: showError })
        }
      >
        {t('organization.removeText', { email: removing?.email ?? '' })}
      </ConfirmModal>
    </Card>
  );
}
