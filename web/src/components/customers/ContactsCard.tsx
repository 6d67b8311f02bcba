import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  Menu,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { IconDots, IconPencil, IconPlus, IconStar, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useContactMutations, useContacts } from '../../api/customers.ts';
import type { Contact } from '../../api/types.ts';
import { useFormat } from '../../i18n/format.ts';
import { ConfirmModal } from '../ConfirmModal.tsx';
import { showError, showSuccess } from '../feedback.ts';
import { ContactFormModal } from './ContactFormModal.tsx';
import { PositionBadges } from './positions.tsx';

function fullName(c: Contact): string {
  return [c.firstName, c.lastName].filter(Boolean).join(' ');
}

/** A customer's contacts: who receives its reminders, the main one first. */
export function ContactsCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const contacts = useContacts(customerId);
  const { remove, makeMain } = useContactMutations(customerId);
  const [editing, setEditing] = useState<Contact | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [deleting, setDeleting] = useState<Contact | null>(null);
  const items = contacts.data ?? [];

  const open = (c: Contact | null) => {
    setEditing(c);
    setFormOpen(true);
  };

  return (
    <Card withBorder radius="lg" padding="lg">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t('contacts.title', { count: items.length })}
        </Title>
        <Button size="sm" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => open(null)}>
          {t('contacts.add')}
        </Button>
      </Group>
      {items.length === 0 ? (
        <Text c="dimmed" size="sm" py="md">
          {contacts.isPending ? t('common.loading') : t('contacts.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720} type="native">
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('contacts.columns.name')}</Table.Th>
                <Table.Th>{t('contacts.fields.email')}</Table.Th>
                <Table.Th>{t('contacts.fields.phone')}</Table.Th>
                <Table.Th>{t('contacts.fields.positions')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm">{fullName(c) || '—'}</Text>
                      {c.isMain && (
                        <Badge
                          size="sm"
                          color="yellow"
                          variant="light"
                          leftSection={<IconStar size={10} aria-hidden />}
                        >
                          {t('contacts.main')}
                        </Badge>
                      )}
                    </Group>
                    {c.reference && (
                      <Text size="xs" c="dimmed">
                        {t('contacts.fields.reference')}: {c.reference}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{c.email}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.phone(c.phone)}</Table.Td>
                  <Table.Td>
                    <PositionBadges positions={c.positions} />
                  </Table.Td>
                  <Table.Td ta="right">
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          aria-label={t('contacts.actionsFor', { email: c.email })}
                        >
                          <IconDots size={18} aria-hidden />
                        </ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item leftSection={<IconPencil size={16} aria-hidden />} onClick={() => open(c)}>
                          {t('common.edit')}
                        </Menu.Item>
                        {!c.isMain && (
                          <Menu.Item
                            leftSection={<IconStar size={16} aria-hidden />}
                            onClick={() =>
                              makeMain.mutate(c.id, {
                                onSuccess: () => showSuccess(t('contacts.madeMain', { email: c.email })),
                                onError: showError,
                              })
                            }
                          >
                            {t('contacts.makeMain')}
                          </Menu.Item>
                        )}
                        <Menu.Item
                          color="red"
                          leftSection={<IconTrash size={16} aria-hidden />}
                          onClick={() => setDeleting(c)}
                        >
                          {t('common.delete')}
                        </Menu.Item>
                      </Menu.Dropdown>
                    </Menu>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ContactFormModal
        customerId={customerId}
        contact={editing}
        opened={formOpen}
        onClose={() => setFormOpen(false)}
      />
      <ConfirmModal
        opened={deleting !== null}
        title={t('contacts.deleteTitle')}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        onClose={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              showSuccess(t('contacts.deleted'));
              setDeleting(null);
            },
            onError: showError,
          })
        }
      >
        {t('contacts.deleteText', { email: deleting?.email ?? '' })}
      </ConfirmModal>
    </Card>
  );
}
