import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  CopyButton,
  Group,
  Select,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconCheck, IconCopy, IconTrash } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useInvitations, useInvite, useRevokeInvitation } from '../../api/organization.ts';
import type { Invitation, Member } from '../../api/types.ts';
import { useFormat } from '../../i18n/format.ts';
import { fieldErrors, showError } from '../feedback.ts';

const STATUS_COLORS: Record<Invitation['status'], string> = {
  pending: 'blue',
  accepted: 'teal',
  expired: 'gray',
};

/** Invites people by email (admins); the link is shown too, for when email is not set up. */
export function InvitationsCard() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const invitations = useInvitations(true);
  const invite = useInvite();
  const revoke = useRevokeInvitation();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Member['role']>('member');
  const [sent, setSent] = useState<Invitation | null>(null);
  const errors = invite.isError
    ? fieldErrors(invite.error)
    : { fields: {} as Record<string, string>, general: null };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    invite.mutate(
      { email: email.trim(), role },
      {
        onSuccess: (i) => {
          setSent(i);
          setEmail('');
        },
      },
    );
  };

  return (
    <Card withBorder radius="lg" padding="lg">
      <Title order={2} size="h4" mb="sm">
        {t('organization.invitations')}
      </Title>
      <form onSubmit={submit}>
        <Group align="flex-start" mb="md">
          <TextInput
            label={t('organization.inviteEmail')}
            type="email"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors.fields.email ?? errors.general}
            style={{ flex: '1 1 240px' }}
          />
          <Select
            label={t('organization.columns.role')}
            data={[
              { value: 'member', label: t('organization.roles.member') },
              { value: 'admin', label: t('organization.roles.admin') },
            ]}
            value={role}
            onChange={(r) => r && setRole(r as Member['role'])}
            allowDeselect={false}
            w={160}
          />
          <Button type="submit" mt={25} loading={invite.isPending}>
            {t('organization.invite')}
          </Button>
        </Group>
      </form>
      {sent?.acceptUrl && (
        <Alert
          color="teal"
          mb="md"
          withCloseButton
          onClose={() => setSent(null)}
          title={t('organization.invited', { email: sent.email })}
        >
          <Text size="sm" mb={6}>
            {t('organization.inviteLink')}
          </Text>
          <Group gap="xs" wrap="nowrap">
            <TextInput
              value={sent.acceptUrl}
              readOnly
              aria-label={t('organization.inviteLinkLabel')}
              style={{ flex: 1 }}
              onFocus={(e) => e.currentTarget.select()}
            />
            <CopyButton value={sent.acceptUrl}>
              {({ copied, copy }) => (
                <Button
                  onClick={copy}
                  color={copied ? 'teal' : undefined}
                  leftSection={
                    copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />
                  }
                >
                  {copied ? t('common.copied') : t('common.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
        </Alert>
      )}
      {(invitations.data ?? []).length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('organization.noInvitations')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560} type="native">
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('organization.columns.email')}</Table.Th>
                <Table.Th>{t('organization.columns.role')}</Table.Th>
                <Table.Th>{t('organization.columns.status')}</Table.Th>
                <Table.Th>{t('organization.columns.expires')}</Table.Th>
                <Table.Th aria-label={t('common.actions')} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(invitations.data ?? []).map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Td>{i.email}</Table.Td>
                  <Table.Td>{t(`organization.roles.${i.role}`)}</Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLORS[i.status]} variant="light">
                      {t(`organization.invitationStatus.${i.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{fmt.date(i.expiresAt)}</Table.Td>
                  <Table.Td ta="right">
                    {i.status === 'pending' && (
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('organization.withdraw', { email: i.email })}
                        onClick={() => revoke.mutate(i.id, { onError: showError })}
                      >
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
