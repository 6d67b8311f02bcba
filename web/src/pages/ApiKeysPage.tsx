import {
  Alert,
  Badge,
  Button,
  Card,
  CopyButton,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconCheck, IconCopy, IconPlus } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiKeys, useCreateApiKey, useRevokeApiKey } from '../api/organization.ts';
import type { ApiKey } from '../api/types.ts';
import { ConfirmModal } from '../components/ConfirmModal.tsx';
import { errorMessage, showError } from '../components/feedback.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { useFormat } from '../i18n/format.ts';

/** API keys for other systems (ERP, scripts); a new key is shown once, with a copy button. */
export function ApiKeysPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const keys = useApiKeys();
  const create = useCreateApiKey();
  const revoke = useRevokeApiKey();
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<ApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  const close = () => {
    setCreating(false);
    setCreated(null);
    setName('');
    create.reset();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(name.trim(), { onSuccess: setCreated });
  };

  return (
    <>
      <PageHeader
        title={t('apiKeys.title')}
        description={t('apiKeys.description')}
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
            {t('apiKeys.create')}
          </Button>
        }
      />
      <Card withBorder radius="lg" padding={0}>
        <Table.ScrollContainer minWidth={640} type="native">
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('apiKeys.name')}</Table.Th>
                <Table.Th>{t('apiKeys.key')}</Table.Th>
                <Table.Th>{t('apiKeys.created')}</Table.Th>
                <Table.Th>{t('apiKeys.lastUsed')}</Table.Th>
                <Table.Th aria-label={t('common.actions')} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(keys.data ?? []).length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={5}>
                    <Text c="dimmed" size="sm" ta="center" py="md">
                      {t('apiKeys.empty')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {(keys.data ?? []).map((k) => (
                <Table.Tr key={k.id}>
                  <Table.Td>{k.name}</Table.Td>
                  <Table.Td ff="monospace">{k.prefix}…</Table.Td>
                  <Table.Td>{fmt.date(k.createdAt)}</Table.Td>
                  <Table.Td>{k.lastUsedAt ? fmt.dateTime(k.lastUsedAt) : t('apiKeys.never')}</Table.Td>
                  <Table.Td ta="right">
                    {k.revokedAt ? (
                      <Badge color="gray" variant="outline">
                        {t('apiKeys.revoked')}
                      </Badge>
                    ) : (
                      <Button size="xs" variant="subtle" color="red" onClick={() => setRevoking(k)}>
                        {t('apiKeys.revoke')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      <Modal opened={creating} onClose={close} title={t('apiKeys.create')} centered size="lg">
        {created?.key ? (
          <Stack>
            <Alert color="yellow">{t('apiKeys.shownOnce')}</Alert>
            <Group gap="xs" wrap="nowrap">
              <TextInput
                value={created.key}
                readOnly
                aria-label={t('apiKeys.key')}
                style={{ flex: 1 }}
                ff="monospace"
                onFocus={(e) => e.currentTarget.select()}
              />
              <CopyButton value={created.key}>
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
            <Group justify="flex-end">
              <Button onClick={close}>{t('common.done')}</Button>
            </Group>
          </Stack>
        ) : (
          <form onSubmit={submit}>
            <Stack>
              <TextInput
                label={t('apiKeys.name')}
                description={t('apiKeys.nameHelp')}
                required
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                data-autofocus
              />
              {create.isError && (
                <Text c="red" size="sm" role="alert">
                  {errorMessage(create.error)}
                </Text>
              )}
              <Group justify="flex-end">
                <Button variant="default" onClick={close}>
                  {t('common.cancel')}
                </Button>
                <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
                  {t('apiKeys.create')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>
      <ConfirmModal
        opened={revoking !== null}
        title={t('apiKeys.revokeTitle')}
        confirmLabel={t('apiKeys.revoke')}
        loading={revoke.isPending}
        onClose={() => setRevoking(null)}
        onConfirm={() =>
          revoking && revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null), onError: showError })
        }
      >
        {t('apiKeys.revokeText', { name: revoking?.name ?? '' })}
      </ConfirmModal>
    </>
  );
}
